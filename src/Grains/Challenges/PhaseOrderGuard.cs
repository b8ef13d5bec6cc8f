using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;

namespace Crucible.Grains.Challenges;

/// <summary>
/// What an assessment account checks before the book sees an order (docs/rules.md "In the grains"): the phase must be
/// active and not blocked, and an order that opens exposure must be within the plan's limits, outside a flat period and
/// outside a news blackout (which may also refuse closing orders, per plan). A refusal records nothing, except a news
/// blackout's (evidence for the evaluator); it names the field to change (<c>stopLoss</c> for the stop rules,
/// <c>quantity</c> for size and leverage; none for the time-window refusals).
/// </summary>
internal static class PhaseOrderGuard
{
    public static OrderError? CheckSubmit(PhaseEvaluation evaluation, TradingBook book, OrderRequest request, DateTimeOffset now)
    {
        // A retry of an order already taken gets the original back, whatever the phase does now.
        if (request.ClientOrderId is { } clientId && book.FindByClientOrderId(clientId) is not null) return null;
        if (State(evaluation) is { } refused) return refused;
        var spec = book.FindInstrument(request.Symbol);
        // Malformed requests are the book's to refuse, with their own field.
        if (spec is null || book.Screen(request) is not null) return null;
        return Limits(evaluation, book, spec, request, now);
    }

    public static OrderError? CheckReplace(PhaseEvaluation evaluation, TradingBook book, string orderId, ReplaceRequest change, DateTimeOffset now)
    {
        if (State(evaluation) is { } refused) return refused;
        if (book.FindOrder(orderId) is not { } old || book.FindInstrument(old.Symbol) is not { } spec) return null;
        var quantity = change.Quantity ?? old.Quantity;
        if (quantity <= 0m) return null;
        // The stop attached to a bracket entry is its stop-loss leg.
        var stopLeg = old.LegIds.Select(book.FindOrder)
            .FirstOrDefault(leg => leg is { Type: OrderType.Stop or OrderType.StopLimit, StopPrice: not null });
        var request = new OrderRequest(old.Symbol, old.Side, old.Type, quantity, change.TimeInForce ?? old.TimeInForce,
            change.LimitPrice ?? old.LimitPrice, change.StopPrice ?? old.StopPrice, Class: old.Class,
            StopLoss: stopLeg is { StopPrice: { } stop } ? new StopLossLeg(stop) : null);
        // A replacement outside the instrument's bounds is the book's to refuse, with its own field.
        if (book.Screen(request with { Class = OrderClass.Simple, StopLoss = null }) is not null) return null;
        return Limits(evaluation, book, spec, request, now);
    }

    /// <summary>
    /// A phase the ledger could only restore as evidence (<see cref="RestoredPhase"/>: no readable snapshot) takes no new
    /// exposure: suspended until an evaluator decides, or ended. A retry of an order already taken still gets the original back.
    /// </summary>
    public static OrderError? CheckSubmit(RestoredPhase phase, TradingBook book, OrderRequest request) =>
        request.ClientOrderId is { } clientId && book.FindByClientOrderId(clientId) is not null ? null : State(phase);

    public static OrderError? CheckReplace(RestoredPhase phase) => State(phase);

    private static OrderError? State(RestoredPhase phase) =>
        !phase.IsActive ? Refuse(OrderErrorCode.PhaseEnded, null, $"the phase ended {phase.Status.ToString().ToLowerInvariant()}")
        : Refuse(OrderErrorCode.EvaluationSuspended, null, phase.Problem ?? "the phase could not be resumed from the ledger");

    private static OrderError? State(PhaseEvaluation evaluation) =>
        !evaluation.IsActive ? Refuse(OrderErrorCode.PhaseEnded, null, $"the phase ended {evaluation.Status.ToString().ToLowerInvariant()}")
        : evaluation.TradingBlocked ? Refuse(OrderErrorCode.TradingBlocked, null, "a soft breach blocks trading until the next reset")
        : null;

    private static OrderError? Limits(PhaseEvaluation evaluation, TradingBook book, InstrumentSpec spec, OrderRequest request, DateTimeOffset now)
    {
        var limits = evaluation.Evaluation.Rules.Limits;
        var session = evaluation.Session;
        var opens = OrderLimitCheck.Opens(request.Side, request.Quantity, book.QuantityOf(spec.Symbol));
        if (opens && session.MustBeFlat)
            return Refuse(OrderErrorCode.MustBeFlat, null, session.FlatUntil is { } until
                ? $"{session.FlatRule}: flat until the reset at {until:O}"
                : $"{session.FlatRule}: the account is being flattened");
        if (session.Blackout is { } news && (opens || limits.NewsBlackoutIncludesClosing))
        {
            var detail = $"{request.Side.ToString().ToLowerInvariant()} {request.Quantity} {request.Symbol} is inside the " +
                $"±{limits.NewsBlackoutMinutes}-minute blackout of {PhaseEvaluation.Describe(news)}";
            evaluation.RecordSession(now, "newsBlackout", Interfaces.Challenges.RuleEventKind.OrderRefused, request.Quantity,
                limits.NewsBlackoutMinutes ?? 0, "refused: " + detail, request.Symbol);
            return Refuse(OrderErrorCode.NewsBlackout, null, detail);
        }

        // Contracts are counted for futures only: a micro by the plan's weight, the total over every futures position.
        if (spec.Kind != InstrumentKind.Future)
            limits = limits with { MaxContracts = null, MaxContractsTotal = null };
        var weight = spec.Micro ? limits.MicroContractWeight : 1m;
        var total = book.Positions.Sum(p => book.FindInstrument(p.Symbol) is { Kind: InstrumentKind.Future } f
            ? Math.Abs(p.Quantity) * (f.Micro ? limits.MicroContractWeight : 1m) : 0m);
        var allowance = spec.Kind == InstrumentKind.Future ? session.ScalingAllowance : null;
        var entry = EntryReference(request, book.Quotes.GetValueOrDefault(spec.Symbol));
        // Without a price to enter at (a market order before the first quote) the book rejects it anyway.
        if (entry is null) limits = limits with { MaxRiskPerTradePercent = null, MaxLeverage = null };
        var stop = request.Class is OrderClass.Bracket or OrderClass.Oco or OrderClass.Oto ? request.StopLoss?.StopPrice : null;
        var (balance, equity, _) = book.Numbers();
        var refusal = OrderLimitCheck.Check(limits, new OrderLimitRequest(request.Side, request.Quantity, entry ?? 0m, stop,
            spec.Multiplier, book.QuantityOf(spec.Symbol), equity, book.GrossExposure, weight, balance, total, allowance));
        if (refusal is null) return null;
        var (code, field) = refusal.Limit switch
        {
            "requireStopLoss" => (OrderErrorCode.StopLossRequired, "stopLoss"),
            "maxRiskPerTrade" => (OrderErrorCode.RiskPerTradeExceeded, "stopLoss"),
            "maxContracts" or "maxContractsTotal" or "scalingPlan" => (OrderErrorCode.ContractLimitExceeded, "quantity"),
            _ => (OrderErrorCode.LeverageLimitExceeded, "quantity"),
        };
        return Refuse(code, field, refusal.Reason);
    }

    /// <summary>
    /// Where the order would enter: the limit price for a limit (or a stop-limit), else the touch (ask for buys, bid
    /// for sells); a stop executes at market once triggered, so at the worse of its stop and the touch.
    /// </summary>
    private static decimal? EntryReference(OrderRequest request, Quote? quote)
    {
        if (request.Type is OrderType.Limit or OrderType.StopLimit && request.LimitPrice is { } limit) return limit;
        decimal? touch = quote is null ? null : request.Side == OrderSide.Buy ? quote.Ask : quote.Bid;
        if (request.Type != OrderType.Stop || request.StopPrice is not { } stop) return touch;
        if (touch is not { } t) return stop;
        return request.Side == OrderSide.Buy ? Math.Max(stop, t) : Math.Min(stop, t);
    }

    private static OrderError Refuse(OrderErrorCode code, string? field, string detail) =>
        new(code, field, $"{OrderErrors.Describe(code)} ({detail})");
}
