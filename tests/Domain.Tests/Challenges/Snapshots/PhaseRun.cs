using Crucible.Grains.Challenges;
using Crucible.Grains.Challenges.News;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;
using Crucible.TestSupport.Challenges;

namespace Crucible.Domain.Tests.Challenges.Snapshots;

/// <summary>
/// A generated session run on a book and its phase the way the position book grain runs them: before anything at a time
/// the due clock instants in order (each followed by the session rules and the breach flatten), quotes observed while
/// their symbol is held, each session fill as one market order through the phase's guard, liquidation fills observed as
/// such. The phase can be swapped for one restored from its own snapshot at any step.
/// </summary>
internal sealed class PhaseRun
{
    private readonly IReadOnlyList<SessionEvent> events;
    private int next;

    public PhaseRun(ChallengeSession session, PhaseRules rules, NewsCalendar news)
    {
        events = session.Events;
        var specs = ChallengeSessionGenerator.InstrumentSpecs.ToDictionary(
            i => i.Symbol, i => new InstrumentSpec(i.Symbol, i.Symbol, i.Kind, "USD", i.TickSize, i.LotSize, i.Multiplier, null));
        var terms = TradingTerms.Default with
        {
            MaxLeverage = 1_000m,
            Slippage = new SlippageTerms(0m, 0m),
            Commissions = ChallengeSessionGenerator.InstrumentSpecs.ToDictionary(i => i.Kind, i => session.Commissions[i.Symbol]),
        };
        Book = new TradingBook("acct", session.InitialBalance, terms, specs.GetValueOrDefault);
        News = news;
        Evaluation = new PhaseEvaluation(new AccountEvaluation("a-1", 0, rules, session.Start), session.InitialBalance, news: news);
        Published.AddRange(Evaluation.Events);
        Now = session.Start;
    }

    public TradingBook Book { get; }
    public NewsCalendar News { get; }
    public PhaseEvaluation Evaluation { get; set; }
    public DateTimeOffset Now { get; private set; }
    public List<RuleEvent> Published { get; } = [];
    public bool Done => next >= events.Count;

    /// <summary>The next input of the session (a split fill's parts are one market order).</summary>
    public void Step()
    {
        var e = events[next++];
        Now = e.Time;
        StepClock(e.Time);
        switch (e)
        {
            case SessionEvent.Tick tick:
                var quote = new Quote(tick.Symbol, tick.Bid, tick.Ask, (tick.Bid + tick.Ask) / 2m, 0m, tick.Time, tick.Sequence);
                var heldBefore = Book.QuantityOf(tick.Symbol) != 0m;
                Apply(Book.ApplyQuote(quote));
                if (heldBefore || Book.QuantityOf(tick.Symbol) != 0m)
                {
                    var (balance, equity, open) = Book.Numbers();
                    Published.AddRange(Evaluation.OnTick(tick.Symbol, tick.Sequence, tick.Time, balance, equity, open, tick.Bid, tick.Ask));
                }
                break;
            case SessionEvent.Clock:
                Apply(Book.AdvanceTime(e.Time));
                break;
            case SessionEvent.Fill fill:
                var quantity = fill.Quantity;
                while (next < events.Count && events[next] is SessionEvent.Fill part && part.OrderId == fill.OrderId)
                {
                    quantity += part.Quantity;
                    next++;
                }
                var request = new OrderRequest(fill.Symbol, fill.Side, OrderType.Market, quantity, TimeInForce.Ioc);
                var refused = PhaseOrderGuard.CheckSubmit(Evaluation, Book, request, e.Time);
                if (refused is null) Apply(Book.Submit(request, e.Time).Events);
                break;
        }
        Enforce(e.Time);
    }

    /// <summary>An evaluator's extension of the time limit, now.</summary>
    public void Extend(int days)
    {
        StepClock(Now);
        Enforce(Now);
        Published.AddRange(Evaluation.Extend(days, "more time", Now));
    }

    private void StepClock(DateTimeOffset upTo)
    {
        while (Evaluation.NextDue is { } due && due <= upTo)
        {
            var (balance, equity, open) = Book.Numbers();
            Published.AddRange(Evaluation.OnClock(due, balance, equity, open));
            Enforce(due);
        }
    }

    private void Enforce(DateTimeOffset now)
    {
        var session = SessionEnforcement.Enforce(Evaluation, Book, now);
        Published.AddRange(session.Events);
        Apply(session.Changes);
        if (Evaluation.IsActive && !Evaluation.TradingBlocked) return;
        for (var round = 0; round < 3; round++)
        {
            var changes = Book.Flatten(now);
            if (changes.Count == 0) return;
            Apply(changes, liquidation: true);
        }
    }

    private void Apply(IReadOnlyList<BookEvent> changes, bool liquidation = false)
    {
        foreach (var fill in changes.OfType<FillExecuted>())
        {
            var touch = Book.Quotes.GetValueOrDefault(fill.Fill.Symbol);
            Published.AddRange(Evaluation.OnFill(fill.Fill, fill.BalanceAfter, fill.EquityAfter, fill.HasOpenPositions, liquidation, touch?.Bid, touch?.Ask));
        }
    }
}
