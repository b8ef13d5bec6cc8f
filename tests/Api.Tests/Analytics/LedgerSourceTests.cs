using System.Text.Json;
using Crucible.Api.Analytics;
using Crucible.Api.Markets;
using Crucible.Grains.Ledger;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Crucible.Api.Tests.Analytics;

/// <summary>
/// Durable and embedded mode give the same analytics: a host whose grains append to a ledger (in memory here, with the
/// PostgreSQL ledger's natural keys) is read once through that ledger and once through the grains, as embedded mode
/// reads it, and every trade, statistic, equity bar and status change agrees.
/// </summary>
public sealed class LedgerSourceTests : IClassFixture<LedgerSourceTests.LedgerApiFactory>
{
    private readonly LedgerApiFactory factory;

    public LedgerSourceTests(LedgerApiFactory factory) => this.factory = factory;

    public sealed class LedgerApiFactory : CrucibleApiFactory
    {
        public InMemoryLedger Ledger { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILedger>(Ledger);
                services.AddSingleton<ILedgerReader>(Ledger);
            });
        }
    }

    [Fact]
    public async Task The_ledger_and_the_grains_give_the_same_trades_statistics_equity_and_actions()
    {
        var client = new AssessmentTestClient(factory);
        var trading = new TradingTestClient(factory, client.User);
        var assessment = await client.BuyAsync();
        var id = (string)assessment["id"]!;
        var account = (string)assessment["currentAccountId"]!;
        var order = (string side) => new { symbol = CrucibleApiFactory.ExternalSymbol, side, type = "market", quantity = 1 };
        await trading.QuoteAsync(5000.00m, 5000.25m);
        await trading.PostOrderOkAsync(account, order("buy"));
        await trading.QuoteAsync(5010.00m, 5010.25m);
        await trading.PostOrderOkAsync(account, order("sell"));
        await trading.PostOrderOkAsync(account, order("sell"));
        await trading.QuoteAsync(4990.00m, 4990.25m);

        var services = factory.Services;
        AnalyticsSource Source(ILedgerReader reader) => new(services.GetRequiredService<IClusterClient>(), reader,
            services.GetRequiredService<InstrumentDirectory>(), services.GetRequiredService<TimeProvider>());
        Assert.NotEmpty((await factory.Ledger.ReadAccountAsync(account)).Fills);
        var durable = (await Source(factory.Ledger).AssessmentAsync(id, CancellationToken.None))!;
        var embedded = (await Source(NullLedger.Instance).AssessmentAsync(id, CancellationToken.None))!;

        var (a, b) = (durable.Phases.Single(), embedded.Phases.Single());
        var to = a.To > b.To ? a.To : b.To;
        Assert.Equal(3, a.Analysis.Activity.Fills.Count);
        Assert.Equal(Json(a.Analysis.Activity), Json(b.Analysis.Activity));
        Assert.Equal(Json(a.Analysis.Trades), Json(b.Analysis.Trades));
        Assert.Equal(Json(a.Analysis.Statistics(a.From, to)), Json(b.Analysis.Statistics(b.From, to)));
        Assert.Equal(Json(a.Analysis.History(Grains.Analytics.EquityResolution.OneMinute, a.From, to)),
            Json(b.Analysis.History(Grains.Analytics.EquityResolution.OneMinute, b.From, to)));
        Assert.Equal(Json(durable.Actions), Json(embedded.Actions));
        Assert.Single(a.Analysis.Trades.Open);   // short 1 still open
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
