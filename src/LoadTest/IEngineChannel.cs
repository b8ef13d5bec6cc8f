using Crucible.LoadTest.Strategies;

namespace Crucible.LoadTest;

/// <summary>
/// How a run reaches the engine: its REST API (<see cref="HttpChannel"/>) or its grains as an Orleans client
/// (<see cref="GrainChannel"/>). The runner keeps the bots, pacing, counters, latencies and summary; a channel only sets
/// up accounts, reads quotes and sends orders, and says what each answer meant.
/// </summary>
public interface IEngineChannel : IAsyncDisposable
{
    /// <summary>"http" or "grains", as the results file names it.</summary>
    string Via { get; }

    /// <summary>What the run talks to: the API host's URL, or the gateways.</summary>
    string Target { get; }

    /// <summary>Whatever must exist before accounts open (HTTP: the users, signed up); returns how many users the accounts are spread over.</summary>
    Task<int> PrepareAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Opens the run's <paramref name="index"/>th paper account, or buys its assessment; the account to trade.</summary>
    Task<TradedAccount> OpenAccountAsync(int index, string runId, CancellationToken cancellationToken);

    /// <summary>The symbol's top of book, or why there is none.</summary>
    Task<(QuoteBoard.TopOfBook? Quote, string? Problem)> ReadQuoteAsync(string symbol, CancellationToken cancellationToken);

    Task<OrderReply> SubmitAsync(TradedAccount account, OrderIntent intent, string clientOrderId, CancellationToken cancellationToken);

    /// <summary>After a refusal, whatever the bot must do before its next order (HTTP: wait out a 429, sign in again after a 401).</summary>
    Task RecoverAsync(TradedAccount account, OrderReply reply, CancellationToken cancellationToken);
}

/// <summary>An account a bot trades; <see cref="User"/> is its signed-in owner over HTTP, null over grains.</summary>
public sealed record TradedAccount(string Id, EngineUser? User);

/// <summary>
/// What an order command answered. Refused: <see cref="Code"/> is the engine's code (insufficient_buying_power, ...) or
/// the channel's (http_NNN, transport, grain_exception); <see cref="IsError"/> marks the engine's or the network's trouble
/// rather than the order's.
/// </summary>
public sealed record OrderReply(bool Accepted, decimal FilledQuantity, decimal? AveragePrice, string? OrderId, string? Code, bool IsError,
    TimeSpan? RetryAfter = null, bool SignedOut = false)
{
    public static OrderReply Refused(string code, bool isError, TimeSpan? retryAfter = null, bool signedOut = false) =>
        new(false, 0, null, null, code, isError, retryAfter, signedOut);
}
