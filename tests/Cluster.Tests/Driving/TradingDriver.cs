using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.Cluster.Tests.Driving;

/// <summary>
/// Trades through the REST API as bots would, with bounded concurrency: opens accounts, then places market orders
/// (they fill against the simulated crypto feeds, which trade around the clock), resting limit orders far below the
/// market, and cancels of those. It records every acknowledged order and cancel, every refusal and every failed
/// attempt. A failed request is retried, an order with the same client order id, so that a retry after an answer
/// lost with a dying silo returns the original order instead of placing a second one. It trades as one registered user,
/// whose access token it puts on the shared HTTP client (so the checks that read the accounts afterwards are theirs too).
/// </summary>
public sealed class TradingDriver(HttpClient http, int seed)
{
    // Small lots so that hundreds of fills stay far inside each account's buying power.
    private static readonly (string Symbol, decimal Lot)[] Markets = [("BTC-USD", 0.001m), ("ETH-USD", 0.01m), ("SOL-USD", 0.1m)];
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(120);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> resting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> restingPrices = [];
    private readonly Stopwatch clock = new();
    private int placed;
    private int probed;
    private int nextOperation;
    private readonly ConcurrentDictionary<int, TaskCompletionSource> milestones = new();

    public List<string> Accounts { get; } = [];

    /// <summary>The assessments the driver's user bought, by id, with the phase account each trades on (also in <see cref="Accounts"/>).</summary>
    public SortedDictionary<string, string> Assessments { get; } = new(StringComparer.Ordinal);

    /// <summary>Orders acknowledged to <see cref="ProbeOrderAsync"/> (they are in <see cref="Orders"/> too, not in <see cref="Placed"/>).</summary>
    public int Probed => Volatile.Read(ref probed);

    public ConcurrentBag<AcknowledgedOrder> Orders { get; } = [];

    public ConcurrentBag<AcknowledgedCancel> Cancels { get; } = [];

    public ConcurrentBag<DriverRefusal> Refusals { get; } = [];

    public ConcurrentBag<DriverError> Errors { get; } = [];

    /// <summary>Every attempt of every request, for asking what was in flight at a given moment.</summary>
    public ConcurrentBag<RequestAttempt> Attempts { get; } = [];

    /// <summary>Orders acknowledged so far.</summary>
    public int Placed => Volatile.Read(ref placed);

    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Registers the driver's user and signs the HTTP client in as them.</summary>
    public async Task SignInAsync()
    {
        var email = $"driver-{seed}-{Guid.NewGuid():N}@crucible.test";
        var response = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "cluster driver 1 password" });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Registering {email}: {(int)response.StatusCode} {body}");
        var token = JsonNode.Parse(body)!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>
    /// Opens <paramref name="count"/> paper accounts of 1,000,000 each, <paramref name="concurrency"/> at a time, as the
    /// driver's user (signing in first if it has not).
    /// </summary>
    public async Task OpenAccountsAsync(int count, int concurrency, string prefix)
    {
        if (http.DefaultRequestHeaders.Authorization is null)
            await SignInAsync();
        clock.Start();
        foreach (var (symbol, _) in Markets)
        {
            // A buy limit at half the current bid never fills during the run: it rests until it is canceled.
            var instrument = await http.GetFromJsonAsync<JsonNode>($"/api/v1/instruments/{symbol}");
            var bid = instrument?["quote"]?["bid"]?.GetValue<decimal>() ?? throw new InvalidOperationException($"{symbol} has no quote yet");
            var tick = instrument!["tickSize"]!.GetValue<decimal>();
            restingPrices[symbol] = Math.Round(bid / 2m / tick, MidpointRounding.ToZero) * tick;
        }

        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D4}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (id, _) =>
        {
            var response = await SendAsync(id, "open", () => http.PostAsJsonAsync("/api/v1/accounts", new { accountId = id, initialBalance = 1_000_000m }));
            if (response.Status != HttpStatusCode.Created)
                throw new InvalidOperationException($"Opening {id}: {(int)response.Status} {response.Body}");
        });
        Accounts.AddRange(ids);
    }

    /// <summary>
    /// Buys <paramref name="count"/> assessments of <paramref name="planId"/> with the simulated card (docs/assessments.md),
    /// <paramref name="concurrency"/> at a time, each under its purchase id (a retry is answered once); their phase accounts
    /// join <see cref="Accounts"/>, so the run trades them like the paper accounts.
    /// </summary>
    public async Task BuyAssessmentsAsync(int count, int concurrency, string planId, string prefix)
    {
        var bought = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var purchases = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D3}").ToList();
        await Parallel.ForEachAsync(purchases, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (purchase, _) =>
        {
            var response = await SendAsync(purchase, "buy", () => http.PostAsJsonAsync("/api/v1/assessments",
                new { planId, paymentToken = "tok_visa", purchaseId = purchase }));
            if (response.Status is not (HttpStatusCode.Created or HttpStatusCode.OK))
                throw new InvalidOperationException($"Buying {planId} as {purchase}: {(int)response.Status} {response.Body}");
            var assessment = JsonNode.Parse(response.Body)!;
            bought[assessment["id"]!.GetValue<string>()] = assessment["currentAccountId"]!.GetValue<string>();
        });
        foreach (var (id, account) in bought.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            Assessments[id] = account;
            Accounts.Add(account);
        }
    }

    /// <summary>
    /// One market order of the smallest BTC lot, as a trader checking that an account trades again: retried with the same client
    /// order id while the cluster answers 5xx; an acknowledged order is recorded like the run's; a refusal is returned (nothing placed).
    /// </summary>
    public async Task<(bool Acknowledged, int Status, string Body)> ProbeOrderAsync(string account)
    {
        var (symbol, lot) = Markets[0];
        var answer = await PlaceAsync(account, new { symbol, side = "buy", type = "market", quantity = lot, timeInForce = "gtc" }, probe: true);
        return (answer.Status is HttpStatusCode.Created or HttpStatusCode.OK, (int)answer.Status, answer.Body);
    }

    /// <summary>Completes once <paramref name="orders"/> orders have been acknowledged.</summary>
    public Task WhenPlacedAsync(int orders)
    {
        var milestone = milestones.GetOrAdd(orders, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Placed >= orders) milestone.TrySetResult();
        return milestone.Task;
    }

    /// <summary>
    /// Runs until <paramref name="orders"/> orders were attempted (about 70 % market, 30 % resting limits; before one
    /// order in ten, a cancel of a resting order of the same account when it has one), <paramref name="concurrency"/>
    /// requests at a time.
    /// </summary>
    public async Task RunAsync(int orders, int concurrency, CancellationToken cancellationToken = default)
    {
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed * 1_000 + w);
            while (!cancellationToken.IsCancellationRequested && Interlocked.Increment(ref nextOperation) <= orders)
            {
                var account = Accounts[random.Next(Accounts.Count)];
                if (random.NextDouble() < 0.1 && resting.TryGetValue(account, out var queue) && queue.TryDequeue(out var orderId))
                    await CancelAsync(account, orderId);
                var (symbol, lot) = Markets[random.Next(Markets.Length)];
                var side = random.Next(2) == 0 ? "buy" : "sell";
                if (random.NextDouble() < 0.7)
                    await PlaceAsync(account, new { symbol, side, type = "market", quantity = lot * random.Next(1, 4), timeInForce = "gtc" });
                else
                    await PlaceAsync(account, new { symbol, side = "buy", type = "limit", quantity = lot, limitPrice = restingPrices[symbol], timeInForce = "gtc" });
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
    }

    private async Task<Answer> PlaceAsync(string account, object order, bool probe = false)
    {
        var clientOrderId = Guid.NewGuid().ToString("N");
        var body = JsonSerializerNode(order);
        body["clientOrderId"] = clientOrderId;
        var response = await SendAsync(account, probe ? "probe" : "order", () => http.PostAsJsonAsync($"/api/v1/accounts/{account}/orders", body));
        if (response.Status is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            var acknowledged = JsonNode.Parse(response.Body)!;
            var id = acknowledged["id"]!.GetValue<string>();
            var type = acknowledged["type"]!.GetValue<string>();
            var status = acknowledged["status"]!.GetValue<string>();
            Orders.Add(new AcknowledgedOrder(account, id, clientOrderId, type, status,
                acknowledged["filledQuantity"]!.GetValue<decimal>(), response.Attempts, clock.Elapsed));
            if (type == "limit" && status is "accepted" or "new")
                resting.GetOrAdd(account, _ => new ConcurrentQueue<string>()).Enqueue(id);
            if (probe)
            {
                Interlocked.Increment(ref probed);
                return response;
            }
            var now = Interlocked.Increment(ref placed);
            foreach (var (threshold, milestone) in milestones)
                if (now >= threshold) milestone.TrySetResult();
        }
        else if (!probe)
        {
            Refusals.Add(new DriverRefusal(account, "order", (int)response.Status, response.Body, clock.Elapsed));
        }
        return response;
    }

    private async Task CancelAsync(string account, string orderId)
    {
        var response = await SendAsync(account, "cancel", () => http.DeleteAsync($"/api/v1/accounts/{account}/orders/{orderId}"));
        if (response.Status == HttpStatusCode.OK)
            Cancels.Add(new AcknowledgedCancel(account, orderId, clock.Elapsed));
        else
            // A 422 after a retry may mean the first attempt canceled it and its answer was lost: not acknowledged.
            Refusals.Add(new DriverRefusal(account, "cancel", (int)response.Status, response.Body, clock.Elapsed));
    }

    private sealed record Answer(HttpStatusCode Status, string Body, int Attempts);

    /// <summary>Sends until an answer below 500 comes back, backing off from 100 ms to 2 s, for at most <see cref="RetryBudget"/>.</summary>
    private async Task<Answer> SendAsync(string account, string operation, Func<Task<HttpResponseMessage>> send)
    {
        var started = clock.Elapsed;
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            string what;
            var sent = clock.Elapsed;
            try
            {
                using var response = await send();
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode < 500)
                {
                    Attempts.Add(new RequestAttempt(account, operation, sent, clock.Elapsed, Answer: true));
                    return new Answer(response.StatusCode, body, attempt);
                }
                what = $"{(int)response.StatusCode} {Shorten(body)}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                what = $"{e.GetType().Name}: {Shorten(e.Message)}";
            }
            Attempts.Add(new RequestAttempt(account, operation, sent, clock.Elapsed, Answer: false));
            Errors.Add(new DriverError(account, operation, what, clock.Elapsed));
            if (clock.Elapsed - started > RetryBudget)
                throw new TimeoutException($"{operation} on {account} failed for {RetryBudget.TotalSeconds:0} s; last: {what}");
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    private static JsonObject JsonSerializerNode(object value) =>
        System.Text.Json.JsonSerializer.SerializeToNode(value)!.AsObject();

    private static string Shorten(string text) =>
        text.Length <= 200 ? text : text[..200] + "…";
}
