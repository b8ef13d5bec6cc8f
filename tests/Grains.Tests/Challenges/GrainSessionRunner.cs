using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.TestSupport.Challenges;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>What a session did inside the grain: the inputs it acted on, in order, and its evaluation at the end.</summary>
/// <param name="Effective">
/// The quotes it applied, the clock steps, and the fills its market orders got (price, commission and ids as the book
/// made them). Orders the grain refused (blocked or ended phase) are absent; so are the grain's own flatten fills,
/// which the replay makes itself.
/// </param>
public sealed record GrainSessionResult(
    string AccountId,
    IReadOnlyList<SessionEvent> Effective,
    EvaluationState Evaluation,
    IReadOnlyList<RuleEvent> RuleEvents);

/// <summary>
/// Drives a generated challenge session through a position book grain opened as a phase account: every quote through
/// <see cref="IPositionBookGrain.ApplyQuoteAsync"/>, every execution as a market order of its size, every clock
/// instant through <see cref="IPositionBookGrain.ExpireDueOrdersAsync"/>, with the engine clock set to the event's time.
/// </summary>
public sealed class GrainSessionRunner(ChallengeClusterFixture fixture)
{
    public async Task<GrainSessionResult> RunAsync(ChallengeSession session)
    {
        var accountId = $"session-{session.Seed}-{Guid.NewGuid():N}";
        var book = fixture.Client.GetGrain<IPositionBookGrain>(accountId);
        fixture.Clock.Set(session.Start);
        await book.OpenAsync(new OpenAccountRequest(
            session.InitialBalance, Terms(session), new AccountEvaluation("agreement-" + accountId, 0, session.Rules, session.Start)));

        var effective = new List<SessionEvent>();
        var ourOrders = new HashSet<string>(StringComparer.Ordinal);
        var fillsSeen = 0;
        var events = session.Events;
        for (var i = 0; i < events.Count; i++)
        {
            fixture.Clock.Set(events[i].Time);
            switch (events[i])
            {
                case SessionEvent.Tick tick:
                    await book.ApplyQuoteAsync(new Quote(
                        tick.Symbol, tick.Bid, tick.Ask, (tick.Bid + tick.Ask) / 2m, 0m, tick.Time, tick.Sequence));
                    effective.Add(tick);
                    break;

                case SessionEvent.Clock clock:
                    await book.ExpireDueOrdersAsync();
                    effective.Add(clock);
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
                        ourOrders.Add(order.Id);
                    }
                    else if (result.Error is not { Code: OrderErrorCode.TradingBlocked or OrderErrorCode.EvaluationEnded })
                    {
                        throw new InvalidOperationException($"seed {session.Seed}: the market order at {fill.Time:O} was refused: {result.Error}");
                    }

                    var fills = await book.GetFillsAsync();
                    effective.AddRange(fills.Skip(fillsSeen).Where(f => ourOrders.Contains(f.OrderId)).Select(f =>
                        new SessionEvent.Fill(f.Time, f.Symbol, f.Side, f.Quantity, f.Price, f.Commission, f.OrderId, f.Id)));
                    fillsSeen = fills.Count;
                    break;
            }
        }

        var evaluation = await book.GetEvaluationAsync()
            ?? throw new InvalidOperationException($"seed {session.Seed}: the account has no evaluation");
        return new GrainSessionResult(accountId, effective, evaluation, await book.GetRuleEventsAsync());
    }

    /// <summary>The session's commissions, no slippage, and leverage enough that buying power never refuses an order.</summary>
    private static TradingTerms Terms(ChallengeSession session) => TradingTerms.Default with
    {
        MaxLeverage = 1_000m,
        Slippage = new SlippageTerms(0m, 0m),
        Commissions = ChallengeSessionGenerator.InstrumentSpecs.ToDictionary(i => i.Kind, i => session.Commissions[i.Symbol]),
    };
}
