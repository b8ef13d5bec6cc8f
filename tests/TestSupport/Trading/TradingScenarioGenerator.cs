using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

/// <summary>
/// Produces a reproducible list of random trading actions: quotes walking on the tick grid (only while an
/// instrument's market is open), orders of every type, class and time in force, some invalid, cancels and
/// replaces of real and unknown orders, position closes, clock jumps across session closes, and a prediction
/// settlement near the end. It steers by a <see cref="ReferenceBroker"/> of its own, so that cancels and replaces
/// mostly name orders that exist; the list itself is fixed by the seed and can drive any target.
/// </summary>
/// <remarks>
/// Only quotes and clock advances move time forward; commands happen at the time of the latest of those. So no
/// command ever passes a day order's expiry unnoticed: inside the book a command is not a clock check (the grain
/// calls AdvanceTime before each command, docs/trading.md "Day expiry and clock checks"), and here it need not be. About 1% of quotes repeat a sequence the book already
/// has, to check that they are ignored.
/// </remarks>
public sealed partial class TradingScenarioGenerator
{
    private readonly IReadOnlyList<ScenarioInstrument> instruments;
    private readonly Func<InstrumentSpec, DateTimeOffset, bool> isOpen;
    private readonly Random random;
    private readonly ReferenceBroker guide;
    private readonly List<Market> markets;
    private readonly List<string> clientOrderIds = [];
    private DateTimeOffset clock;
    private int actionsSoFar;

    public TradingScenarioGenerator(
        int seed,
        DateTimeOffset start,
        decimal initialBalance,
        TradingTerms terms,
        Func<InstrumentSpec, DateTimeOffset, bool> isOpen,
        IReadOnlyList<ScenarioInstrument>? instruments = null)
    {
        this.instruments = instruments ?? TradingScenarioInstruments.Standard;
        this.isOpen = isOpen;
        random = new Random(seed);
        clock = start;
        // Each instrument starts quoting a little into the scenario, so that early market orders meet NoQuote.
        markets = [.. this.instruments.Select(i => new Market(i) { ListedAfter = random.Next(0, 60) })];
        guide = new ReferenceBroker("scenario", initialBalance, terms, Find, isOpen);
    }

    public InstrumentSpec? Find(string symbol) =>
        instruments.FirstOrDefault(i => i.Spec.Symbol == symbol)?.Spec ?? TradingScenarioInstruments.Find(symbol);

    public IReadOnlyList<TradingAction> Generate(int count)
    {
        var actions = new List<TradingAction>(count);
        var settleAt = count * 9 / 10;
        for (var i = 0; i < count; i++)
        {
            actionsSoFar = i;
            var action = i == settleAt && markets.Any(m => m.Instrument.SettlesAtEnd) ? Settlement() : Next();
            actions.Add(action);
            action.ApplyTo(new ReferenceBrokerTarget(guide)).GetAwaiter().GetResult();
        }

        return actions;
    }

    private TradingAction Next()
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.40 => NextQuote(),
            < 0.70 => new SubmitAction(NextRequest(), clock),
            < 0.78 => new CancelAction(PickOrderId(o => o.IsWorking), clock),
            < 0.85 => NextReplace(),
            < 0.89 => new ClosePositionAction(PickPositionSymbol(), clock),
            < 0.995 => Advance(TimeSpan.FromSeconds(random.Next(1, 900))),
            _ => Advance(TimeSpan.FromHours(random.Next(1, 17))),
        };
    }

    private AdvanceTimeAction Advance(TimeSpan by)
    {
        clock += by;
        return new AdvanceTimeAction(clock);
    }

    private TradingAction NextQuote()
    {
        clock += TimeSpan.FromSeconds(random.Next(1, 61));
        var open = markets.Where(m => !m.Settled && m.ListedAfter <= actionsSoFar && isOpen(m.Spec, clock)).ToList();
        if (open.Count == 0) return new AdvanceTimeAction(clock);

        var market = open[random.Next(open.Count)];
        if (market.Last is { } last && random.NextDouble() < 0.01)
        {
            // Not newer than what the book has: it must be ignored.
            return new ApplyQuoteAction(last with { Bid = last.Bid + market.Spec.TickSize, Ask = last.Ask + market.Spec.TickSize, Time = clock });
        }

        var step = random.NextDouble() < 0.03 ? random.Next(5, 16) * (random.Next(2) == 0 ? -1 : 1) : random.Next(-2, 3);
        market.BidTicks += step * market.Instrument.StepTicks;
        market.SpreadTicks = market.Instrument.SpreadTicks * random.Next(1, 4);
        market.Clamp();

        var hasSizes = random.NextDouble() < 0.8;
        var quote = new Quote(
            market.Spec.Symbol,
            market.Bid,
            market.Ask,
            random.Next(2) == 0 ? market.Bid : market.Ask,
            market.Spec.LotSize,
            clock,
            ++market.Sequence,
            BidSize: hasSizes ? Lots(market) : null,
            AskSize: hasSizes ? Lots(market) : null);
        market.Last = quote;
        return new ApplyQuoteAction(quote);
    }

    private ApplyQuoteAction Settlement()
    {
        clock += TimeSpan.FromSeconds(1);
        var market = markets.First(m => m.Instrument.SettlesAtEnd);
        var value = random.Next(2);
        market.Settled = true;
        return new ApplyQuoteAction(new Quote(market.Spec.Symbol, value, value, value, 0m, clock, ++market.Sequence, Settlement: value));
    }

    private string PickOrderId(Func<Order, bool> preferred)
    {
        var orders = guide.Orders;
        var roll = random.NextDouble();
        var candidates = orders.Where(preferred).ToList();
        if (roll < 0.65 && candidates.Count > 0) return candidates[random.Next(candidates.Count)].Id;
        if (roll < 0.9 && orders.Count > 0) return orders[random.Next(orders.Count)].Id;
        return random.Next(2) == 0 ? $"O-{orders.Count + random.Next(1, 5)}" : "O-0";
    }

    private string PickPositionSymbol()
    {
        var positions = guide.Positions;
        if (positions.Count > 0 && random.NextDouble() < 0.75) return positions[random.Next(positions.Count)].Symbol;
        return instruments[random.Next(instruments.Count)].Spec.Symbol;
    }

    private decimal Lots(Market market) => random.Next(1, market.Instrument.MaxLots + 1) * market.Spec.LotSize;

    /// <summary>The generator's view of one instrument's price, in ticks.</summary>
    private sealed class Market(ScenarioInstrument instrument)
    {
        public ScenarioInstrument Instrument { get; } = instrument;
        public InstrumentSpec Spec => Instrument.Spec;
        public long BidTicks { get; set; } = (long)(instrument.StartPrice / instrument.Spec.TickSize);
        public long SpreadTicks { get; set; } = instrument.SpreadTicks;
        public long Sequence { get; set; }
        public int ListedAfter { get; init; }
        public Quote? Last { get; set; }
        public bool Settled { get; set; }
        public decimal Bid => BidTicks * Spec.TickSize;
        public decimal Ask => (BidTicks + SpreadTicks) * Spec.TickSize;
        public decimal Mid => (Bid + Ask) / 2;

        /// <summary>Keeps prices positive, and a prediction contract's between 0.05 and 0.95.</summary>
        public void Clamp()
        {
            var lowest = Spec.Kind == InstrumentKind.Prediction ? 5 : 20 * Instrument.StepTicks;
            BidTicks = Math.Max(BidTicks, lowest);
            if (Spec.Kind == InstrumentKind.Prediction) BidTicks = Math.Min(BidTicks, 95 - SpreadTicks);
        }

        /// <summary>A price <paramref name="steps"/> price steps from <paramref name="from"/>, on the grid and in range.</summary>
        public decimal Offset(decimal from, int steps)
        {
            var ticks = (long)(from / Spec.TickSize) + steps * Instrument.StepTicks;
            ticks = Spec.Kind == InstrumentKind.Prediction ? Math.Clamp(ticks, 1, 99) : Math.Max(ticks, 1);
            return ticks * Spec.TickSize;
        }
    }
}
