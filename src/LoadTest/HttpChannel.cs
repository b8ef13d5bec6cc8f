using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crucible.LoadTest.Strategies;

namespace Crucible.LoadTest;

/// <summary>
/// The engine through its REST API, as a trader's client sees it: users sign up, open paper accounts or buy assessments,
/// and send orders as JSON; an order's answer is its status code and body.
/// </summary>
public sealed class HttpChannel(HttpClient http, LoadTestOptions options) : IEngineChannel
{
    private List<EngineUser> users = [];

    public string Via => "http";

    public string Target => http.BaseAddress!.ToString();

    public async Task<int> PrepareAsync(string runId, CancellationToken cancellationToken)
    {
        users = Enumerable.Range(0, options.Users)
            .Select(i => new EngineUser(http, $"{runId}-{i}@loadtest.invalid", EngineUser.Password)).ToList();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(8, options.Concurrency), CancellationToken = cancellationToken },
            async (user, ct) => await user.RegisterAsync(ct));
        return users.Count;
    }

    public async Task<TradedAccount> OpenAccountAsync(int index, string runId, CancellationToken cancellationToken)
    {
        var user = users[index % users.Count];
        var id = options.Plan == "paper"
            ? await user.OpenPaperAccountAsync($"{runId}-{index}", options.Balance, cancellationToken)
            : await user.BuyAssessmentAsync(options.Plan, $"{runId}-{index}", cancellationToken);
        return new TradedAccount(id, user);
    }

    public async Task<(QuoteBoard.TopOfBook? Quote, string? Problem)> ReadQuoteAsync(string symbol, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/v1/instruments/{Uri.EscapeDataString(symbol)}", cancellationToken);
        if (!response.IsSuccessStatusCode) return (null, $"{(int)response.StatusCode}");
        var quote = (await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))?["quote"];
        return quote is null ? (null, "no quote yet") : (new QuoteBoard.TopOfBook((decimal)quote["bid"]!, (decimal)quote["ask"]!), null);
    }

    public async Task<OrderReply> SubmitAsync(TradedAccount account, OrderIntent intent, string clientOrderId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["symbol"] = intent.Symbol,
            ["side"] = intent.Side,
            ["type"] = intent.Type,
            ["quantity"] = intent.Quantity,
            ["timeInForce"] = intent.TimeInForce,
            ["clientOrderId"] = clientOrderId,
        };
        if (intent.LimitPrice is { } limit) body["limitPrice"] = limit;
        try
        {
            using var request = account.User!.Request(HttpMethod.Post, $"/api/v1/accounts/{Uri.EscapeDataString(account.Id)}/orders", body);
            using var response = await http.SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var filled = decimal.Parse(answer?["filledQuantity"]?.ToString() ?? "0", CultureInfo.InvariantCulture);
                var price = answer?["averageFillPrice"] is { } p ? decimal.Parse(p.ToString(), CultureInfo.InvariantCulture) : (decimal?)null;
                return new OrderReply(true, filled, price, answer?["id"]?.ToString(), null, false);
            }
            var code = answer?["code"]?.ToString() ?? $"http_{status}";
            return OrderReply.Refused(code, isError: status >= 500 || status == 401,
                retryAfter: status == 429 ? response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1) : null,
                signedOut: status == 401);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException
                                   || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return OrderReply.Refused("transport", isError: true);
        }
    }

    public async Task RecoverAsync(TradedAccount account, OrderReply reply, CancellationToken cancellationToken)
    {
        if (reply.RetryAfter is { } wait) await Task.Delay(wait, cancellationToken);
        else if (reply.SignedOut) await account.User!.LoginAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
