using Orleans.Concurrency;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Interfaces.Trading;

/// <summary>
/// One virtual trading account (the grain key is the account id): its cash, positions, orders and fills.
/// It matches resting orders against the quotes of every symbol it holds or works, and publishes every
/// change on <see cref="AccountStreams.EventStream"/>.
/// </summary>
[Alias("crucible.IPositionBookGrain")]
public interface IPositionBookGrain : IGrainWithStringKey
{
    /// <summary>Opens the account. Opening an open account changes nothing and returns it as it is.</summary>
    [Alias("Open")]
    Task<AccountSnapshot> OpenAsync(OpenAccountRequest request);

    /// <summary>The account's numbers, or null when it was never opened.</summary>
    [Alias("GetAccount")]
    Task<AccountSnapshot?> GetAccountAsync();

    /// <summary>Account, positions, open orders and the event sequence at one moment; null when never opened.</summary>
    [Alias("GetState")]
    Task<AccountState?> GetStateAsync();

    [Alias("SubmitOrder")]
    Task<OrderCommandResult> SubmitOrderAsync(OrderRequest request);

    [Alias("CancelOrder")]
    Task<OrderCommandResult> CancelOrderAsync(string orderId);

    [Alias("ReplaceOrder")]
    Task<OrderCommandResult> ReplaceOrderAsync(string orderId, ReplaceRequest request);

    /// <summary>Closes the whole position in a symbol at market.</summary>
    [Alias("ClosePosition")]
    Task<OrderCommandResult> ClosePositionAsync(string symbol);

    /// <summary>Orders, newest first.</summary>
    [Alias("GetOrders")]
    Task<IReadOnlyList<Order>> GetOrdersAsync(OrderStatusFilter filter);

    [Alias("GetOrder")]
    Task<Order?> GetOrderAsync(string orderId);

    [Alias("GetPositions")]
    Task<IReadOnlyList<Position>> GetPositionsAsync();

    /// <summary>Fills, oldest first.</summary>
    [Alias("GetFills")]
    Task<IReadOnlyList<Fill>> GetFillsAsync();

    /// <summary>
    /// Expires the day orders whose session has closed by the engine clock's now. The grain also does this on
    /// a one-second timer and before every command; this lets a caller (a daily rollover, a test) do it at once.
    /// </summary>
    [Alias("ExpireDueOrders")]
    Task ExpireDueOrdersAsync();

    /// <summary>
    /// Applies a quote now (the quote stream does the same a moment later; a quote the book has seen is
    /// ignored by its sequence number). Lets a caller make the book act on a known price, deterministically.
    /// </summary>
    [Alias("ApplyQuote")]
    Task ApplyQuoteAsync(Quote quote);

    /// <summary>
    /// Someone is watching the account live (a dashboard): for <paramref name="lease"/> every tick of its symbols reaches it
    /// and its equity is published as it moves, instead of ticks inside its price band being parked until the next
    /// operation or read (docs/scale.md "Price band"). Renew before the lease ends; one-way, so the watcher never waits.
    /// </summary>
    [OneWay, Alias("WatchMarks")]
    Task WatchMarksAsync(TimeSpan lease);

    /// <summary>The phase evaluation of an assessment account: status, blocking, each rule's progress; null for a plain account.</summary>
    [Alias("GetEvaluation")]
    Task<EvaluationState?> GetEvaluationAsync();

    /// <summary>Every rule event of the phase, oldest first (empty for a plain account).</summary>
    [Alias("GetRuleEvents")]
    Task<IReadOnlyList<RuleEvent>> GetRuleEventsAsync();

    /// <summary>Balance and equity samples of the phase, oldest first, for audits and charts.</summary>
    [Alias("GetEquitySamples")]
    Task<IReadOnlyList<EquitySample>> GetEquitySamplesAsync();

    /// <summary>
    /// Ends the phase by the assessment's decision (a manual pass or fail, a reset, an abandonment): the book
    /// cancels working orders, flattens at market, records the reason as a rule event and refuses new orders.
    /// Does nothing to a phase already ended. Returns the evaluation as it ends.
    /// </summary>
    [Alias("EndEvaluation")]
    Task<EvaluationState?> EndEvaluationAsync(PhaseStatus status, string rule, string reason);

    /// <summary>
    /// The assessment's acknowledgement that it has applied (or already had, or has no use for) the phase's
    /// <paramref name="outcome"/>: the book stops re-sending it. One-way, like the outcome itself, so neither grain ever
    /// waits on the other.
    /// </summary>
    [OneWay, Alias("PhaseOutcomeApplied")]
    Task PhaseOutcomeAppliedAsync(PhaseOutcome outcome);

    /// <summary>Moves the phase's time limit <paramref name="days"/> × 24 h later (an evaluator's extension); recorded as a rule event.</summary>
    [Alias("ExtendEvaluation")]
    Task<EvaluationState?> ExtendEvaluationAsync(int days, string reason);
}
