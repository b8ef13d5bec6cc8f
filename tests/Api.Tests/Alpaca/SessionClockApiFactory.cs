using Crucible.Grains;
using Crucible.TestSupport.Markets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>
/// A host whose engine clock the tests set (<see cref="Clock"/>: sessions, opens and closes), with an equity of New York
/// hours that only the tests feed. Orleans and the web host keep the system clock. Its own collection, run alone: the clock
/// is the whole host's.
/// </summary>
public sealed class SessionClockApiFactory : CrucibleApiFactory
{
    public const string Equity = TestCatalog.ExternalEquitySymbol;

    public ShiftedClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Crucible:CatalogPath", TestCatalog.WithExternalFutureAndEquity("instruments.session-tests.json"));
        builder.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(EngineClock.Key, Clock));
    }
}

/// <summary>The system clock moved by an offset, so engine time can jump to a session's open or close and keep running.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>From now on the clock reads <paramref name="instant"/>, running on from there.</summary>
    public void MoveTo(DateTimeOffset instant) => Interlocked.Exchange(ref offsetTicks, (instant - TimeProvider.System.GetUtcNow()).Ticks);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SessionClockCollection : ICollectionFixture<SessionClockApiFactory>
{
    public const string Name = "api-session-clock";
}
