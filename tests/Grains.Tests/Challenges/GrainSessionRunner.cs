using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets.Dispatch;
using Crucible.TestSupport.Challenges;
using Microsoft.Extensions.DependencyInjection;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>What a session did inside the grain: the inputs its rules observed, in order, and its evaluation at the end.</summary>
/// <param name="Effective">
/// What the grain's rules observe, rebuilt from the session and from what the grain did: a clock step at every reset and
/// deadline (docs/rules.md "In the grains"), the quotes of symbols it held (the others only mark the account), and the fills its market orders got (price,
/// commission and ids as the book made them). Orders the grain refused (blocked or ended phase) are absent; so are its
/// own flatten fills, which the replay makes itself.
/// </param>
public sealed record GrainSessionResult(
    string AccountId,
    IReadOnlyList<SessionEvent> Effective,
    EvaluationState Evaluation,
    IReadOnlyList<RuleEvent> RuleEvents,
    IReadOnlyList<Fill> Fills)
{
    /// <summary>Ticks the dispatcher parked inside the account's price band (run through the market only).</summary>
    public int Parked { get; init; }

    /// <summary>Of those, ticks parked while the account held two symbols, whose headroom the band splits.</summary>
    public int ParkedHoldingTwo { get; init; }
}

/// <summary>
/// Drives a generated challenge session through a position book grain opened as a phase account: every quote through
/// <see cref="IPositionBookGrain.ApplyQuoteAsync"/> (or, with <paramref name="throughMarket"/>, through the silo's
/// market dispatcher as a feed's tick would come: parked inside the account's price band, queued and taken outside it),
/// every execution as a market order of its size, every clock instant through
/// <see cref="IPositionBookGrain.ExpireDueOrdersAsync"/>, with the engine clock set to the event's time.
/// </summary>
public sealed class GrainSessionRunner(ChallengeClusterFixture fixture, bool throughMarket = false)
{
    private MarketDispatcher Dispatcher => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<MarketDispatcher>();

    public async Task<GrainSessionResult> RunAsync(ChallengeSession session)
    {
        var accountId = $"session-{session.Seed}-{Guid.NewGuid():N}";
        var book = fixture.Client.GetGrain<IPositionBookGrain>(accountId);
        fixture.Clock.Set(session.Start);
        await book.OpenAsync(new OpenAccountRequest(
            session.InitialBalance, Terms(session), new AccountEvaluation("agreement-" + accountId, 0, session.Rules, session.Start)));

        var parked = 0;
        var parkedHoldingTwo = 0;
        // The orders placed for each session order (absent when the grain refused it).
        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        var events = session.Events;
        for (var i = 0; i < events.Count; i++)
        {
            fixture.Clock.Set(events[i].Time);
            switch (events[i])
            {
                case SessionEvent.Tick tick:
                    var quote = new Quote(tick.Symbol, tick.Bid, tick.Ask, (tick.Bid + tick.Ask) / 2m, 0m, tick.Time, tick.Sequence);
                    if (throughMarket && Dispatcher.MailboxOf(tick.Symbol, accountId) is { } mailbox)
                    {
                        var before = mailbox.ParkedCount;
                        Dispatcher.Deliver(quote);
                        if (mailbox.ParkedCount > before)
                        {
                            parked++;
                            if (ChallengeSessionGenerator.InstrumentSpecs.Count(i => Dispatcher.MailboxOf(i.Symbol, accountId) is not null) > 1)
                                parkedHoldingTwo++;
                        }
                        await SettledAsync(mailbox, session.Seed);
                        // The turn that took it is under way: a call queued behind it returns once that turn is over.
                        await book.GetRuleEventsAsync();
                    }
                    else
                    {
                        // Not followed (nothing held or worked): only the marks; the grain takes it directly.
                        await book.ApplyQuoteAsync(quote);
                    }
                    break;

                case SessionEvent.Clock:
                    await book.ExpireDueOrdersAsync();
                    break;

                case SessionEvent.Fill fill:
                    // The parts of one order (a split fill) are one market order of their total size.
                    var quantity = fill.Quantity;
                    while (i + 1 < events.Count && events[i + 1] is SessionEvent.Fill part && part.OrderId == fill.OrderId)
                    {
                        quantity += part.Quantity;
                        i++;
                    }

                    var result = await book.SubmitOrderAsync(new OrderRequest(fill.Symbol, fill.Side, OrderType.Market, quantity, TimeInForce.Ioc));
                    if (result.Order is { } order)
                    {
                        if (order.Status != OrderStatus.Filled)
                            throw new InvalidOperationException($"seed {session.Seed}: the market order at {fill.Time:O} ended {order.Status}: {order.RejectReason}");
                        placed[fill.OrderId] = order.Id;
                    }
                    else if (result.Error is not { Code: OrderErrorCode.TradingBlocked or OrderErrorCode.PhaseEnded })
                    {
                        throw new InvalidOperationException($"seed {session.Seed}: the market order at {fill.Time:O} was refused: {result.Error}");
                    }

                    break;
            }
        }

        var evaluation = await book.GetEvaluationAsync()
            ?? throw new InvalidOperationException($"seed {session.Seed}: the account has no evaluation");
        var ruleEvents = await book.GetRuleEventsAsync();
        var fills = await book.GetFillsAsync();
        return new GrainSessionResult(accountId, Effective(session, placed, fills, ruleEvents), evaluation, ruleEvents, fills)
        {
            Parked = parked,
            ParkedHoldingTwo = parkedHoldingTwo,
        };
    }

    /// <summary>Waits until the account has taken every quote queued for it (a parked one waits for the next operation).</summary>
    private static async Task SettledAsync(QuoteMailbox mailbox, int seed)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!mailbox.Idle)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"seed {seed}: the account did not take its queued quotes within 30 s");
            await Task.Delay(1);
        }
    }

    /// <summary>
    /// The observations' inputs in order. The clock instants come from the plan (its resets, its time limit, inactivity
    /// after the last fill), not from the grain; a tick counts while its symbol is held; a soft breach leaves the account
    /// flat (the grain closes everything at once).
    /// </summary>
    private static List<SessionEvent> Effective(
        ChallengeSession session, IReadOnlyDictionary<string, string> placed, IReadOnlyList<Fill> fills, IReadOnlyList<RuleEvent> ruleEvents)
    {
        var rules = session.Rules;
        var events = session.Events;
        var fillsByOrder = fills.ToLookup(f => f.OrderId, StringComparer.Ordinal);
        var softBreaches = ruleEvents.Where(e => e.Kind == RuleEventKind.SoftBreach).ToList();
        var resets = new Queue<DateTimeOffset>(new PlanResets(rules.TimeZone, rules.ResetTime).Between(session.Start, events[^1].Time));
        var timeLimit = rules.TimeLimitDays is { } days ? session.Start + TimeSpan.FromDays(days) : (DateTimeOffset?)null;
        var lastFill = session.Start;
        var holdings = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var effective = new List<SessionEvent>();
        var lastClock = DateTimeOffset.MinValue;

        void ClocksUpTo(DateTimeOffset time)
        {
            while (true)
            {
                var inactivity = rules.InactivityDays is { } quiet ? lastFill + TimeSpan.FromDays(quiet) : (DateTimeOffset?)null;
                var due = new[] { resets.Count > 0 ? resets.Peek() : (DateTimeOffset?)null, timeLimit, inactivity }
                    .Where(d => d is { } at && at <= time && at > lastClock).Min();
                if (due is not { } at) return;
                effective.Add(new SessionEvent.Clock(at));
                lastClock = at;
                while (resets.Count > 0 && resets.Peek() <= at) resets.Dequeue();
            }
        }

        void FlattenIfSoftBreachAt(SessionEvent e)
        {
            if (softBreaches.Any(b => Caused(b, e))) holdings.Clear();
        }

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            ClocksUpTo(e.Time);
            switch (e)
            {
                case SessionEvent.Tick tick:
                    if (holdings.GetValueOrDefault(tick.Symbol) != 0m)
                    {
                        effective.Add(tick);
                        FlattenIfSoftBreachAt(tick);
                    }
                    else
                    {
                        effective.Add(new SessionEvent.Mark(tick.Time, tick.Symbol, tick.Bid, tick.Ask, tick.Sequence));
                    }
                    break;

                case SessionEvent.Fill fill:
                    while (i + 1 < events.Count && events[i + 1] is SessionEvent.Fill part && part.OrderId == fill.OrderId) i++;
                    if (!placed.TryGetValue(fill.OrderId, out var orderId)) break;
                    foreach (var f in fillsByOrder[orderId])
                    {
                        var made = new SessionEvent.Fill(f.Time, f.Symbol, f.Side, f.Quantity, f.Price, f.Commission, f.OrderId, f.Id);
                        effective.Add(made);
                        holdings[f.Symbol] = holdings.GetValueOrDefault(f.Symbol) + (f.Side == OrderSide.Buy ? f.Quantity : -f.Quantity);
                        lastFill = f.Time;
                        FlattenIfSoftBreachAt(made);
                    }
                    break;
            }

            // A soft breach at a clock step (a deadline's or a reset's observation) flattens too.
            if (effective.Count > 0 && effective[^1] is SessionEvent.Clock clock) FlattenIfSoftBreachAt(clock);
        }

        return effective;
    }

    /// <summary>Whether a rule event was evaluated on this input: its tick, its fill, or the clock step at its time.</summary>
    public static bool Caused(RuleEvent ruleEvent, SessionEvent e) => (ruleEvent.Cause, e) switch
    {
        (ObservationCause.Tick, SessionEvent.Tick t) => t.Symbol == ruleEvent.Symbol && t.Sequence == ruleEvent.QuoteSequence,
        (ObservationCause.Fill, SessionEvent.Fill f) => f.FillId == ruleEvent.FillId,
        (ObservationCause.Clock, SessionEvent.Clock c) => c.Time == ruleEvent.Time,
        _ => false,
    };

    /// <summary>The session's commissions, no slippage, and leverage enough that buying power never refuses an order.</summary>
    private static TradingTerms Terms(ChallengeSession session) => TradingTerms.Default with
    {
        MaxLeverage = 1_000m,
        Slippage = new SlippageTerms(0m, 0m),
        Commissions = ChallengeSessionGenerator.InstrumentSpecs.ToDictionary(i => i.Kind, i => session.Commissions[i.Symbol]),
    };
}
