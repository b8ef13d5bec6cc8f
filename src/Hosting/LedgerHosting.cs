using Crucible.Grains.Ledger;
using Crucible.Persistence.Ledger;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Crucible.Hosting;

/// <summary>
/// The ledger a silo's grains append to (docs/durability.md): in durable mode one <see cref="PostgresLedger"/> (group
/// commit) and its reader per silo, on the <c>ConnectionStrings:Postgres</c> database, tuned by <c>Crucible:Ledger</c>;
/// in embedded mode <see cref="NullLedger"/>, which keeps and knows nothing. Registered with TryAdd, so a test may
/// bring its own.
/// </summary>
public static class LedgerHosting
{
    public const string Section = "Crucible:Ledger";

    public static ISiloBuilder AddCrucibleLedger(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (DurableMode.ConnectionString(configuration) is not { } connectionString)
        {
            silo.Services.TryAddSingleton<ILedger>(NullLedger.Instance);
            silo.Services.TryAddSingleton<ILedgerReader>(NullLedger.Instance);
            return silo;
        }

        var options = configuration.GetSection(Section).Get<PostgresLedgerOptions>() ?? new PostgresLedgerOptions();
        options.Validate();
        silo.Services.AddSingleton(sp => new SiloLedger(connectionString, options, sp.GetRequiredService<ILoggerFactory>()));
        silo.Services.TryAddSingleton<ILedger>(sp => sp.GetRequiredService<SiloLedger>().Writer);
        silo.Services.TryAddSingleton<ILedgerReader>(sp => sp.GetRequiredService<SiloLedger>().Reader);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloLedger>());
        return silo;
    }

    /// <summary>
    /// The silo's ledger writer and reader on one data source. It stops late in the silo's shutdown, at the stage of the
    /// grain storage providers: grains deactivate (and their last appends complete) before it flushes what is queued
    /// and closes.
    /// </summary>
    internal sealed class SiloLedger : ILifecycleParticipant<ISiloLifecycle>
    {
        private readonly NpgsqlDataSource dataSource;
        private readonly ILogger<SiloLedger> logger;

        public SiloLedger(string connectionString, PostgresLedgerOptions options, ILoggerFactory loggers)
        {
            dataSource = NpgsqlDataSource.Create(connectionString);
            logger = loggers.CreateLogger<SiloLedger>();
            Writer = new PostgresLedger(dataSource, options, loggers.CreateLogger<PostgresLedger>());
            Reader = new PostgresLedgerReader(dataSource);
        }

        public PostgresLedger Writer { get; }

        public PostgresLedgerReader Reader { get; }

        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(SiloLedger), ServiceLifecycleStage.RuntimeStorageServices, _ => Task.CompletedTask, StopAsync);

        private async Task StopAsync(CancellationToken cancellationToken)
        {
            // Disposing takes no more appends, commits what is queued and closes the connection.
            await Writer.DisposeAsync();
            logger.LogInformation("Ledger flushed and closed: {Commits} commits, {Entries} entries, {Failed} failed batches",
                Writer.Commits, Writer.EntriesCommitted, Writer.FailedBatches);
            await dataSource.DisposeAsync();
        }
    }
}
