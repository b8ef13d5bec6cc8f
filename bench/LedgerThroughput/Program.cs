using System.Diagnostics;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;
using Crucible.LedgerThroughput;
using Crucible.Persistence.Ledger;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

// Durable fills per second through the group-commit ledger (many appenders, each awaiting its acknowledgement)
// against the same machine's raw batched-insert rate of the same rows (binary COPY of fixed-size batches, one
// transaction each, no acknowledgement machinery), measured in one run: raw, ledger, raw again; the baseline is
// the mean of the two raw runs. Not a test: never run in CI.
// Usage: dotnet run -c Release --project bench/LedgerThroughput -- [seconds per phase = 10] [appenders = 256]
//        [raw batch rows = 1000] [connection string; default: a throwaway durable server of its own]
var seconds = args.Length > 0 ? int.Parse(args[0]) : 10;
var appenders = args.Length > 1 ? int.Parse(args[1]) : 256;
var rawBatch = args.Length > 2 ? int.Parse(args[2]) : 1000;

await using var server = args.Length > 3 ? null : new ThrowawayServer();
if (server is not null) await server.StartAsync();
var connectionString = args.Length > 3 ? args[3] : server!.ConnectionString;

await using var dataSource = NpgsqlDataSource.Create(connectionString);
await Execute(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "sql", "40-ledger.sql")));
var settings = string.Join(", ", await Strings("SELECT name || '=' || setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit') ORDER BY name"));
Console.WriteLine($"PostgreSQL {await Strings("SHOW server_version").ContinueWith(t => t.Result[0])} ({settings}), {Environment.ProcessorCount} cores, {seconds} s per phase");

var duration = TimeSpan.FromSeconds(seconds);
var raw1 = await Raw(duration);
Console.WriteLine($"raw batched insert  : {raw1,10:N0} fills/s  (COPY {rawBatch} rows per transaction, one connection)");
var (durable, commits, entries) = await Ledger(duration);
Console.WriteLine($"group-commit ledger : {durable,10:N0} fills/s  ({appenders} appenders awaiting each fill; {commits:N0} commits, {entries / Math.Max(1, commits):N0} fills per commit)");
var raw2 = await Raw(duration);
Console.WriteLine($"raw batched insert  : {raw2,10:N0} fills/s  (again)");
var baseline = (raw1 + raw2) / 2;
Console.WriteLine($"ratio ledger / raw  : {durable / baseline:P1}");

async Task<double> Raw(TimeSpan length)
{
    await Execute("TRUNCATE ledger_fills");
    await using var connection = await dataSource.OpenConnectionAsync();
    var written = 0L;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < length)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY ledger_fills (account_id, fill_id, order_id, symbol, side, quantity, price, commission, realized_pnl, filled_at, quote_sequence) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rawBatch; i++)
            {
                var fill = FillNumber(written + i);
                await copy.StartRowAsync();
                await copy.WriteAsync("bench", NpgsqlDbType.Text);
                await copy.WriteAsync(fill.Id, NpgsqlDbType.Text);
                await copy.WriteAsync(fill.OrderId, NpgsqlDbType.Text);
                await copy.WriteAsync(fill.Symbol, NpgsqlDbType.Text);
                await copy.WriteAsync(fill.Side.ToString(), NpgsqlDbType.Text);
                await copy.WriteAsync(fill.Quantity, NpgsqlDbType.Numeric);
                await copy.WriteAsync(fill.Price, NpgsqlDbType.Numeric);
                await copy.WriteAsync(fill.Commission, NpgsqlDbType.Numeric);
                await copy.WriteAsync(fill.RealizedPnl, NpgsqlDbType.Numeric);
                await copy.WriteAsync(fill.Time.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(fill.QuoteSequence, NpgsqlDbType.Bigint);
            }

            await copy.CompleteAsync();
        }

        await transaction.CommitAsync();
        written += rawBatch;
    }

    return written / clock.Elapsed.TotalSeconds;
}

async Task<(double PerSecond, long Commits, long Entries)> Ledger(TimeSpan length)
{
    await Execute("TRUNCATE ledger_fills");
    await using var ledger = new PostgresLedger(dataSource, new PostgresLedgerOptions(), NullLogger<PostgresLedger>.Instance);
    var next = 0L;
    var acknowledged = 0L;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, appenders).Select(_ => Task.Run(async () =>
    {
        while (clock.Elapsed < length)
        {
            await ledger.AppendAsync(new FillRecorded("bench", FillNumber(Interlocked.Increment(ref next))));
            Interlocked.Increment(ref acknowledged);
        }
    })));
    var elapsed = clock.Elapsed.TotalSeconds;
    var stored = (long)(await Scalar("SELECT count(*) FROM ledger_fills"))!;
    if (stored < acknowledged) throw new InvalidOperationException($"{acknowledged} fills acknowledged but only {stored} stored.");
    return (acknowledged / elapsed, ledger.Commits, ledger.EntriesCommitted);
}

static Fill FillNumber(long n) =>
    new($"F-{n}", $"O-{n}", "XYZ", n % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 1 + n % 7, 100.25m + n % 13, 0.05m, n % 2 == 0 ? 0m : 1.5m,
        DateTimeOffset.UnixEpoch.AddSeconds(1_750_000_000 + n / 100), n);

async Task Execute(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    await command.ExecuteNonQueryAsync();
}

async Task<object?> Scalar(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return await command.ExecuteScalarAsync();
}

async Task<List<string>> Strings(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    await using var reader = await command.ExecuteReaderAsync();
    var values = new List<string>();
    while (await reader.ReadAsync()) values.Add(reader.GetString(0));
    return values;
}
