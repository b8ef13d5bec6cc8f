using Crucible.Grains.Challenges;
using Crucible.Grains.Challenges.News;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>
/// A book and its phase driven the way the position book grain drives them ("In the grains"): before anything at a time,
/// every due clock instant is observed in order, each followed by the session rules and the flatten; fills are observed
/// one by one. Instruments: ES (future ×50), MES (micro future ×5), BTC (crypto), all 24/7; no commission or slippage.
/// </summary>
internal sealed class SessionDriver
{
    public static readonly InstrumentSpec Es = new("ES", "E-mini", InstrumentKind.Future, "USD", 0.25m, 1m, 50m, null);
    public static readonly InstrumentSpec Mes = new("MES", "Micro E-mini", InstrumentKind.Future, "USD", 0.25m, 1m, 5m, null, Micro: true);
    public static readonly InstrumentSpec Btc = new("BTC", "Bitcoin", InstrumentKind.Crypto, "USD", 0.01m, 0.001m, 1m, null);

    private static readonly TradingTerms Terms = TradingTerms.Default with
    {
        MaxLeverage = 50m,
        Commissions = new Dictionary<InstrumentKind, CommissionTerms>(),
    };

    private readonly Dictionary<string, long> sequences = [];

    public SessionDriver(PhaseRules rules, string startUtc, decimal initial = 100_000m, NewsCalendar? news = null)
    {
        var start = PhaseDriver.At(startUtc);
        Book = new TradingBook("acct", initial, Terms, s => new[] { Es, Mes, Btc }.FirstOrDefault(i => i.Symbol == s));
        Evaluation = new PhaseEvaluation(new AccountEvaluation("a-1", 0, rules, start), initial, news: news);
        Now = start;
    }

    public TradingBook Book { get; }
    public PhaseEvaluation Evaluation { get; }
    public DateTimeOffset Now { get; private set; }

    /// <summary>Every rule event published so far, in order (observations' and the session's).</summary>
    public List<RuleEvent> Published { get; } = [];

    /// <summary>Moves time to <paramref name="utc"/>, observing every due instant on the way.</summary>
    public void AdvanceTo(string utc) => AdvanceTo(PhaseDriver.At(utc));

    public void AdvanceTo(DateTimeOffset time)
    {
        Now = time;
        while (Evaluation.NextDue is { } due && due <= time)
        {
            var (balance, equity, open) = Book.Numbers();
            Published.AddRange(Evaluation.OnClock(due, balance, equity, open));
            Enforce();
        }
        Enforce();
    }

    public void Quote(string utc, string symbol, decimal bid, decimal ask)
    {
        AdvanceTo(utc);
        var sequence = sequences[symbol] = sequences.GetValueOrDefault(symbol) + 1;
        var heldBefore = Book.QuantityOf(symbol) != 0m;
        Apply(Book.ApplyQuote(new Quote(symbol, bid, ask, bid, 1m, Now, sequence)));
        if (heldBefore || Book.QuantityOf(symbol) != 0m)
        {
            var (balance, equity, open) = Book.Numbers();
            Published.AddRange(Evaluation.OnTick(symbol, sequence, Now, balance, equity, open));
        }
        Enforce();
    }

    /// <summary>Submits an order at <paramref name="utc"/> through the phase's guard; the refusal, or the book's result.</summary>
    public OrderCommandResult Submit(string utc, OrderRequest request)
    {
        AdvanceTo(utc);
        var refused = PhaseOrderGuard.CheckSubmit(Evaluation, Book, request, Now);
        var result = refused is null ? Book.Submit(request, Now) : new BookResult(null, refused, []);
        Apply(result.Events);
        Enforce();
        return new OrderCommandResult(result.Order, result.Error, result.Duplicate);
    }

    public OrderCommandResult Market(string utc, string symbol, OrderSide side, decimal quantity) =>
        Submit(utc, new OrderRequest(symbol, side, OrderType.Market, quantity, TimeInForce.Gtc));

    public OrderCommandResult Cancel(string utc, string orderId)
    {
        AdvanceTo(utc);
        var result = Book.Cancel(orderId, Now);
        Apply(result.Events);
        Enforce();
        return new OrderCommandResult(result.Order, result.Error, result.Duplicate);
    }

    private void Enforce()
    {
        var session = SessionEnforcement.Enforce(Evaluation, Book, Now);
        Published.AddRange(session.Events);
        Apply(session.Changes);
    }

    private void Apply(IReadOnlyList<BookEvent> changes)
    {
        foreach (var fill in changes.OfType<FillExecuted>())
            Published.AddRange(Evaluation.OnFill(fill.Fill, fill.BalanceAfter, fill.EquityAfter, fill.HasOpenPositions));
    }
}
