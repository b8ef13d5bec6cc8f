using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.TestSupport.Challenges;

/// <summary>
/// Turns a session and the replay's account numbers into the engine's observations, so that the engine and the
/// replay judge exactly the same inputs: the Start first, then one observation per event (index i + 1 is event i).
/// </summary>
public static class ObservationFeed
{
    public static IReadOnlyList<Observation> Build(
        decimal initialBalance,
        DateTimeOffset start,
        IReadOnlyList<SessionEvent> events,
        IReadOnlyList<ReplayStep> steps)
    {
        if (events.Count != steps.Count)
        {
            throw new ArgumentException("One replay step per event is needed.", nameof(steps));
        }

        var observations = new List<Observation>(events.Count + 1)
        {
            new(start, ObservationCause.Start, initialBalance, initialBalance, HasOpenPositions: false),
        };

        for (var i = 0; i < events.Count; i++)
        {
            var step = steps[i];
            observations.Add(EventObservation(events[i], step));
            // After a soft breach's observation: the flatten's closing fills, each a liquidation observation.
            foreach (var (balance, equity, open) in step.Liquidations)
                observations.Add(new Observation(step.Time, ObservationCause.Fill, balance, equity, open, Liquidation: true));
        }

        return observations;
    }

    /// <summary>The event index each observation of <see cref="Build"/> belongs to (−1 for the Start).</summary>
    public static IReadOnlyList<int> EventIndexes(IReadOnlyList<ReplayStep> steps)
    {
        var indexes = new List<int> { -1 };
        foreach (var step in steps)
            indexes.AddRange(Enumerable.Repeat(step.EventIndex, 1 + step.Liquidations.Count));
        return indexes;
    }

    private static Observation EventObservation(SessionEvent e, ReplayStep step) =>
            (e, step.Cause) switch
            {
                (SessionEvent.Tick tick, _) => new Observation(
                    tick.Time, ObservationCause.Tick, step.Balance, step.Equity, step.HasOpenPositions,
                    Symbol: tick.Symbol, QuoteSequence: tick.Sequence),
                (SessionEvent.Fill fill, ObservationCause.Fill) => new Observation(
                    fill.Time, ObservationCause.Fill, step.Balance, step.Equity, step.HasOpenPositions,
                    Symbol: fill.Symbol, FillId: fill.FillId, OrderId: fill.OrderId, FillNetPnl: step.FillNetPnl),
                // A fill refused while a soft breach blocks trading never happened: only time passed.
                _ => new Observation(step.Time, ObservationCause.Clock, step.Balance, step.Equity, step.HasOpenPositions),
            };
}
