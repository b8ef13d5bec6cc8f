using System.Diagnostics;
using System.Globalization;
using System.Net;
using Crucible.LoadTest.Strategies;

namespace Crucible.LoadTest;

/// <summary>
/// One load test (docs/load-testing.md), over REST or over grains (<see cref="IEngineChannel"/>): opens paper accounts or
/// buys assessments, samples SignalR clients (over HTTP), runs one bot per account for the duration with at most
/// <see cref="LoadTestOptions.Concurrency"/> orders in flight, prints a progress line each second and returns what it
/// counted beside what the engine's /metrics says. A library class, so the tests run it in-process against their host.
/// </summary>
public sealed class LoadTestRunner(LoadTestOptions options, TextWriter output, bool overwriteProgress = false)
{
    private readonly RunCounters counters = new();
    private int botsRunning;
    private int rateLimitWarned;

    public RunCounters Counters => counters;

    public static HttpClient CreateClient(Uri target, int concurrency) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(1, concurrency),
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = target,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public async Task<LoadTestResult> RunAsync(CancellationToken cancellationToken)
    {
        if (options.Via == Via.Http && options.Target is null)
            throw new LoadTestException("over HTTP --target must be the API host's URL");
        // The API host (always over HTTP; over grains only with --api) gives /metrics and the SignalR sample.
        using var http = options.Target is { } api ? CreateClient(api, options.Concurrency) : null;
        await using IEngineChannel channel = options.Via == Via.Grains
            ? new GrainChannel(await GrainConnection.ConnectAsync(options, cancellationToken), options)
            : new HttpChannel(http!, options);
        return await RunAsync(channel, http, cancellationToken);
    }

    private async Task<LoadTestResult> RunAsync(IEngineChannel channel, HttpClient? http, CancellationToken cancellationToken)
    {
        var runId = $"lt{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x}{options.Seed & 0xffff:x}";
        var startedAt = DateTimeOffset.UtcNow;
        var setup = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var board = new QuoteBoard(channel, options.Symbols);
        var missing = await board.RefreshAsync(cancellationToken);
        if (missing.Count > 0)
            throw new LoadTestException($"the engine at {channel.Target} has no quote for: {string.Join("; ", missing)}");

        var users = await channel.PrepareAsync(runId, cancellationToken);
        var accounts = await OpenAccountsAsync(channel, runId, cancellationToken);
        Say($"{accounts.Count} {(options.Plan == "paper" ? "paper accounts" : $"'{options.Plan}' assessments")} ready{(users > 0 ? $" for {users} user(s)" : "")} in {setup.Elapsed.TotalSeconds:0.0} s");

        await using var sampler = new SignalRSampler(options.Target, counters);
        // Only accounts with a signed-in owner can be followed on /hubs/accounts: none over grains.
        var sample = accounts.Where(a => a.User is not null).Take(options.SignalRClients).Select(a => (a.User!, a.Id)).ToList();
        try
        {
            await sampler.StartAsync(sample, options.Symbols, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or Microsoft.AspNetCore.SignalR.HubException)
        {
            Say($"warning: SignalR sample not connected ({e.Message}); tick-to-client and order-to-fill stay empty");
        }
        var setupSeconds = setup.Elapsed.TotalSeconds;

        var probe = new EngineProbe(http, options.EnginePid);
        var before = await PrometheusScrape.ReadAsync(http, cancellationToken);
        if (!before.Has("crucible_ticks_published_total") && before.Samples.Count == 0)
            Say(http is null
                ? "note: no API host (--api) to read /metrics from: tick-to-rule-check, rule events and engine counts stay empty"
                : "warning: the engine's /metrics did not answer: tick-to-rule-check, rule events and engine figures stay empty");
        await probe.ReadAsync(cancellationToken);

        var quoteLoop = board.RunAsync(stop.Token);
        var trading = Stopwatch.StartNew();
        var deadline = trading.Elapsed + options.Duration;
        var gate = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        var bots = accounts.Select((a, i) => Task.Run(() => BotAsync(channel, gate, board, sampler, a, i, runId, trading, deadline, stop.Token), stop.Token)).ToList();
        var progress = ProgressAsync(probe, trading, accounts.Count, stop.Token);

        await Task.WhenAll(bots);
        var tradingSeconds = trading.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await quoteLoop;
        await progress;
        if (overwriteProgress && !options.Quiet) output.WriteLine();

        // Read even after Ctrl-C: an interrupted run still reports what it measured.
        var after = await PrometheusScrape.ReadAsync(http, CancellationToken.None);
        await probe.ReadAsync(CancellationToken.None);
        var ruleEvents = Delta(before.ByLabel("crucible_rule_events_total", "kind"), after.ByLabel("crucible_rule_events_total", "kind"));

        return new LoadTestResult
        {
            RunId = runId,
            StartedAt = startedAt,
            Target = channel.Target,
            Via = channel.Via,
            Strategy = options.Strategy,
            Plan = options.Plan,
            Seed = options.Seed,
            Accounts = accounts.Count,
            Users = users,
            OrderRateTarget = options.OrderRate,
            SetupSeconds = Math.Round(setupSeconds, 2),
            TradingSeconds = Math.Round(tradingSeconds, 2),
            OrdersSent = counters.Orders,
            OrdersAccepted = counters.Accepted,
            OrdersRejected = counters.Rejected,
            RejectedByCode = counters.RejectedByCode.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(),
            Fills = counters.Fills,
            Errors = counters.Errors,
            RateLimited = counters.RateLimited,
            OrderAckMs = counters.OrderAck.Total(),
            OrderToFillMs = counters.OrderToFill.Total(),
            TickToClientMs = counters.TickToClient.Total(),
            TickToRuleCheckMs = PrometheusScrape.Between(before, after, "crucible_rule_check_latency_milliseconds"),
            RuleEvents = ruleEvents,
            Breaches = (long)ruleEvents.GetValueOrDefault("breach"),
            Engine = new EngineCounts(
                Count("crucible_order_commands_total"), Count("crucible_fills_total"), Count("crucible_quotes_applied_total"),
                Count("crucible_rule_checks_total"), Count("crucible_ticks_published_total"), Count("crucible_ticks_publish_failures_total")),
            EngineResources = probe.Summary(),
            SignalRClients = sampler.Connected,
            SignalRQuotes = sampler.Quotes,
            SignalRAccountEvents = sampler.AccountEvents,
            AccountIds = [.. accounts.Select(a => a.Id)],
        };

        long Count(string name) => (long)(after.Sum(name) - before.Sum(name));
    }

    private static Dictionary<string, double> Delta(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after) =>
        after.Select(p => (p.Key, Value: p.Value - before.GetValueOrDefault(p.Key))).Where(p => p.Value > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value);

    private async Task<List<TradedAccount>> OpenAccountsAsync(IEngineChannel channel, string runId, CancellationToken cancellationToken)
    {
        var accounts = new TradedAccount[options.Accounts];
        var opened = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Accounts),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Min(options.Concurrency, 64), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                accounts[i] = await channel.OpenAccountAsync(i, runId, ct);
                var n = Interlocked.Increment(ref opened);
                if (!options.Quiet && n % 1000 == 0)
                    Say($"  {n:N0} accounts ({n / clock.Elapsed.TotalSeconds:N0}/s)");
            });
        return [.. accounts];
    }

    private async Task BotAsync(IEngineChannel channel, SemaphoreSlim gate, QuoteBoard board, SignalRSampler sampler, TradedAccount account,
        int index, string runId, Stopwatch clock, TimeSpan deadline, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref botsRunning);
        try
        {
            // Every decision comes from the bot's own generator: the same seed makes the same choices.
            var random = new Random(unchecked(options.Seed * 1_000_003 + index));
            var context = new BotContext(random, options.Symbols, options.Quantity, board);
            var strategy = BotContext.Create(options.Strategy);
            var interval = options.OrderRate > 0 ? TimeSpan.FromSeconds(options.Accounts / options.OrderRate) : TimeSpan.Zero;
            // Bots start spread over one interval, so a paced run does not send every bot's order at once.
            var next = interval * random.NextDouble();
            var sampled = sampler.IsSampled(account.Id);
            for (var n = 0; ; n++)
            {
                if (interval > TimeSpan.Zero)
                {
                    // A bot whose next order falls after the deadline is done: it does not sleep past the run's end.
                    if (next >= deadline) return;
                    var wait = next - clock.Elapsed;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
                    // A bot that fell behind does not burst to catch up: the offered rate is a ceiling.
                    next = TimeSpan.FromTicks(Math.Max(next.Ticks, clock.Elapsed.Ticks - interval.Ticks)) + interval;
                }
                // An order due before the deadline is sent even when the timer woke just after it (a paced bot's only order
                // of a short run must not be lost to timer resolution); an unpaced bot stops at the deadline.
                else if (clock.Elapsed >= deadline) return;
                if (cancellationToken.IsCancellationRequested) return;
                var intent = strategy.Next(context);
                await gate.WaitAsync(cancellationToken);
                OrderReply reply;
                var clientOrderId = $"{runId}-{index}-{n}";
                try
                {
                    reply = await SubmitAsync(channel, account, intent, clientOrderId, sampled ? sampler : null, cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
                if (!reply.Accepted) await channel.RecoverAsync(account, reply, cancellationToken);
                var outcome = new OrderOutcome(intent, reply.Accepted, reply.FilledQuantity, reply.AveragePrice);
                context.Apply(outcome);
                strategy.Observe(outcome);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Interlocked.Decrement(ref botsRunning);
        }
    }

    /// <summary>Sends one order through the channel and counts its answer: ack latency, accepted and filled, or refused by code.</summary>
    private async Task<OrderReply> SubmitAsync(IEngineChannel channel, TradedAccount account, OrderIntent intent, string clientOrderId,
        SignalRSampler? sampler, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        sampler?.Submitted(clientOrderId, started);
        var reply = await channel.SubmitAsync(account, intent, clientOrderId, cancellationToken);
        counters.OrderAck.Record(Stopwatch.GetElapsedTime(started));
        if (reply.Accepted)
        {
            counters.CountAccepted(reply.FilledQuantity > 0);
            if (reply.OrderId is { } orderId) sampler?.Answered(clientOrderId, orderId);
        }
        else
        {
            counters.CountRejected(reply.Code!, reply.IsError);
            if (reply.Code == "rate_limited") WarnRateLimited();
        }
        return reply;
    }

    private void WarnRateLimited()
    {
        // Printed even when quiet: a rate-limited run measures the limiter, not the engine.
        if (Interlocked.Exchange(ref rateLimitWarned, 1) == 0)
            output.WriteLine("WARNING: the engine answers 429 (rate_limited): its per-user trading limit (50/s by default) caps this run. "
                + "Start it with --Crucible:RateLimits:Trading:PermitLimit=1000000, or spread the accounts over more --users.");
    }

    private async Task ProgressAsync(EngineProbe probe, Stopwatch clock, int accounts, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        long lastOrders = 0, lastFills = 0;
        var last = clock.Elapsed;
        var engine = "";
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = clock.Elapsed;
                var seconds = (now - last).TotalSeconds;
                var orders = counters.Orders;
                var fills = counters.Fills;
                var ack = counters.OrderAck.Interval();
                if ((int)now.TotalSeconds % 5 == 0 && await probe.ReadAsync(cancellationToken) is { } r)
                    engine = $" | engine rss {r.RssBytes / 1048576:0} MiB";
                if (!options.Quiet)
                {
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"[{now.TotalSeconds,5:0}s] accounts {Volatile.Read(ref botsRunning)}/{accounts} | orders/s {(orders - lastOrders) / seconds,7:0.0} | fills/s {(fills - lastFills) / seconds,7:0.0} | ack p50 {ack.P50,7:0.0} ms p99 {ack.P99,7:0.0} ms | errors {counters.Errors} | 429 {counters.RateLimited}{engine}");
                    if (overwriteProgress) output.Write("\r" + line.PadRight(140));
                    else output.WriteLine(line);
                }
                (lastOrders, lastFills, last) = (orders, fills, now);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Say(string line)
    {
        if (!options.Quiet) output.WriteLine(line);
    }
}
