using System.Globalization;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Challenges;

/// <summary>A generated challenge session: the phase's rules, the account and the events, fixed by the seed.</summary>
public sealed record ChallengeSession(
    int Seed,
    PhaseRules Rules,
    decimal InitialBalance,
    DateTimeOffset Start,
    IReadOnlyDictionary<string, decimal> Multipliers,
    IReadOnlyList<SessionEvent> Events)
{
    /// <summary>What each symbol's fills cost in this session (none when it trades commission-free).</summary>
    public IReadOnlyDictionary<string, CommissionTerms> Commissions { get; init; } = new Dictionary<string, CommissionTerms>();

    public ReplayResult Replay() => ChallengeReplay.Run(Rules, InitialBalance, Start, Events, Multipliers);
}

/// <summary>
/// Random challenge sessions, reproducible by seed: one or two instruments (a future with multiplier 50, a crypto)
/// walking on their tick grids, sometimes dipping (or spiking) sharply and recovering a fraction of a millisecond
/// later; market-like fills (buys at the ask, sells at the bid, mostly with commission, sometimes split in two fills
/// of one order); long quiet stretches; 2 to 10 days starting a few days before a DST change (a change of the plan's
/// own zone, or of another one: UTC has none); the grain's clock at most resets and at some deadlines (or a sharp dip
/// exactly at a deadline), and a tick or
/// a fill exactly at some resets. The rules are drawn across every variant of docs/rules.md, with amounts scaled to
/// what the sessions move, and some overall floors are placed exactly where equity touches them, so that over a
/// thousand seeds every outcome occurs and every rule option decides some verdicts (see the coverage tests).
/// </summary>
public sealed class ChallengeSessionGenerator
{
    private static readonly (string Zone, TimeOnly Reset)[] Zones =
    [
        ("Europe/Prague", new TimeOnly(0, 0)),
        ("America/Chicago", new TimeOnly(17, 0)),
        ("America/New_York", new TimeOnly(17, 0)),
        ("UTC", new TimeOnly(0, 0)),
    ];

    // 2026 DST changes: US spring 8 March, EU spring 29 March, EU autumn 25 October, US autumn 1 November.
    private static readonly DateTimeOffset[] DstChanges =
    [
        new(2026, 3, 8, 12, 0, 0, TimeSpan.Zero),
        new(2026, 3, 29, 12, 0, 0, TimeSpan.Zero),
        new(2026, 10, 25, 12, 0, 0, TimeSpan.Zero),
        new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
    ];

    private static readonly Instrument[] Instruments =
    [
        new("ES", Multiplier: 50m, TickSize: 0.25m, StartPrice: 5000m, PerContract: 2.25m, Bps: 0m, QuantityStep: 1m, TicksPerStep: 1),
        new("BTC", Multiplier: 1m, TickSize: 0.5m, StartPrice: 60000m, PerContract: 0m, Bps: 2m, QuantityStep: 0.5m, TicksPerStep: 40),
    ];

    /// <summary>The generator's instruments as a catalog would list them (24/7, so no session refuses an order).</summary>
    public static IReadOnlyList<(string Symbol, InstrumentKind Kind, decimal TickSize, decimal LotSize, decimal Multiplier)> InstrumentSpecs { get; } =
        [.. Instruments.Select(i => (i.Symbol, i.Multiplier == 1m ? InstrumentKind.Crypto : InstrumentKind.Future, i.TickSize, i.QuantityStep, i.Multiplier))];

    public static IReadOnlyDictionary<string, decimal> Multipliers { get; } =
        Instruments.ToDictionary(i => i.Symbol, i => i.Multiplier);

    private readonly Random random;
    private readonly int seed;

    // Some sessions trade without commission, so that equity moves in whole ticks × multiplier and lands exactly on
    // round floors now and then: that is where `≤` and `<` (breachWhen) part.
    private bool commissionFree;

    private ChallengeSessionGenerator(int seed)
    {
        this.seed = seed;
        random = new Random(seed);
    }

    public static ChallengeSession Generate(int seed) => new ChallengeSessionGenerator(seed).Generate();

    private ChallengeSession Generate()
    {
        var initial = Pick(50_000m, 100_000m);
        var (zone, reset) = Zones[random.Next(Zones.Length)];
        var start = DstChanges[random.Next(DstChanges.Length)]
            - TimeSpan.FromHours(random.Next(12, 24 * 4))
            + TimeSpan.FromSeconds(random.Next(3600));
        var rules = DrawRules(zone, reset, initial);
        commissionFree = Chance(0.4);
        var events = DrawEvents(rules, start);
        if (Chance(0.15))
        {
            rules = WithFloorTouchedExactly(rules, initial, start, events);
        }

        return new ChallengeSession(seed, rules, initial, start, Multipliers, events)
        {
            Commissions = Instruments.ToDictionary(
                i => i.Symbol, i => commissionFree ? CommissionTerms.None : new CommissionTerms(i.PerContract, i.Bps)),
        };
    }

    /// <summary>
    /// An overall-loss floor that the session's equity reaches exactly (and never goes below): a static floor at the
    /// lowest equity, or an intraday trailing one at the deepest drawdown from the peak. Then `≤` fails the phase
    /// where `<` does not. Measured on the account without loss rules (a soft flatten could change the path).
    /// </summary>
    private PhaseRules WithFloorTouchedExactly(PhaseRules rules, decimal initial, DateTimeOffset start, IReadOnlyList<SessionEvent> events)
    {
        var unbounded = rules with
        {
            DailyLoss = null, OverallLoss = null, ProfitTarget = null, TimeLimitDays = null, InactivityDays = null,
        };
        var steps = ChallengeReplay.Run(unbounded, initial, start, events, Multipliers).Steps;
        var mode = Chance(0.5) ? DrawdownMode.Static : DrawdownMode.TrailingIntraday;
        var peak = initial;
        var deepest = 0m;
        foreach (var step in steps)
        {
            peak = mode == DrawdownMode.Static ? initial : Math.Max(peak, step.Equity);
            deepest = Math.Max(deepest, peak - step.Equity);
        }

        return deepest > 0 ? rules with { OverallLoss = new OverallLossRule(mode, deepest, LockMode.None, 0m) } : rules;
    }

    private PhaseRules DrawRules(string zone, TimeOnly reset, decimal initial)
    {
        var scale = initial / 50_000m;

        DailyLossRule? daily = null;
        if (Chance(0.7))
        {
            var basis = (LimitBasis)random.Next(3);
            var limit = basis == LimitBasis.Amount
                ? Pick(1_000m, 1_500m, 2_500m, 4_000m) * scale
                : Pick(2m, 3m, 5m, 8m); // percents: 5 = 5 %
            daily = new DailyLossRule(
                (DailyLossAnchor)random.Next(4), basis, limit, Chance(0.35) ? BreachSeverity.Soft : BreachSeverity.Hard);
        }

        OverallLossRule? overall = null;
        if (Chance(0.75))
        {
            overall = new OverallLossRule(
                (DrawdownMode)random.Next(5),
                Pick(2_000m, 3_000m, 4_000m, 6_000m) * scale,
                (LockMode)random.Next(3),
                Pick(0m, 100m, 250m));
        }

        ConsistencyRule? consistency = Chance(0.3)
            ? new ConsistencyRule(Pick(0.3m, 0.5m, 0.7m, 0.9m), (ConsistencyMode)random.Next(2))
            : null;

        return new PhaseRules(
            Name: "Phase " + seed.ToString(CultureInfo.InvariantCulture),
            TimeZone: zone,
            ResetTime: reset,
            BreachWhen: Chance(0.3) ? BreachComparison.Below : BreachComparison.AtOrBelow,
            ProfitTarget: Chance(0.9) ? Pick(300m, 600m, 1_000m, 2_000m, 3_000m) * scale : null,
            RequireFlatToPass: Chance(0.3),
            DailyLoss: daily,
            OverallLoss: overall,
            MinTradingDays: Chance(0.5) ? random.Next(1, 5) : 0,
            TradingDayMinProfitPercent: Chance(0.4) ? Pick(0.05m, 0.1m, 0.25m) : null,
            MinTrades: Chance(0.5) ? random.Next(1, 12) : 0,
            Consistency: consistency,
            TimeLimitDays: Chance(0.35) ? random.Next(2, 8) : null,
            InactivityDays: Chance(0.35) ? random.Next(1, 4) : null,
            Limits: OrderLimits.None);
    }

    private List<SessionEvent> DrawEvents(PhaseRules rules, DateTimeOffset start)
    {
        var resets = new PlanResets(rules.TimeZone, rules.ResetTime);
        var events = new List<SessionEvent>();
        var markets = random.Next(3) switch
        {
            0 => new[] { new Market(Instruments[0]) },
            1 => [new Market(Instruments[1])],
            _ => [new Market(Instruments[0]), new Market(Instruments[1])],
        };

        // A session leans one way (drift) and its trader leans one way (bias): when they agree it tends to profit.
        var bias = Chance(0.7) ? 1 : -1;
        var drift = bias * Pick(-0.1, 0.0, 0.3, 0.5, 0.6);
        var end = start + TimeSpan.FromHours(random.Next(24 * 2, 24 * 10));
        var meanGapSeconds = Pick(300, 900, 1800);
        var fillChance = Pick(0.03, 0.06, 0.12);
        var now = start;
        var nextOrder = 1;
        var nextFill = 1;

        var lastFill = start;

        void Advance(DateTimeOffset to)
        {
            // What happens between now and `to` besides trading: the grain's clock at each reset (one in ten is left
            // out, so the rollover happens at the first tick or fill after it, sometimes a tick or a fill exactly at
            // the reset, whose numbers are then the new day's anchors) and, half the time, at a time-limit or
            // inactivity deadline, to hit "at or after" exactly.
            var instants = new List<(DateTimeOffset Time, Beat Beat)>();
            foreach (var resetInstant in resets.Between(now, to))
            {
                instants.Add((resetInstant, Chance(0.9) ? Beat.Clock : Pick(Beat.Tick, Beat.Fill, Beat.Nothing)));
            }

            var deadlines = new List<DateTimeOffset>();
            if (rules.TimeLimitDays is { } limitDays)
            {
                deadlines.Add(start + TimeSpan.FromDays(limitDays));
            }

            if (rules.InactivityDays is { } quietDays)
            {
                deadlines.Add(lastFill + TimeSpan.FromDays(quietDays));
            }

            foreach (var deadline in deadlines)
            {
                if (deadline > now && deadline <= to && Chance(0.5))
                {
                    // Sometimes a sharp dip (or spike) exactly at the deadline instead of the clock, so that a breach
                    // observed exactly at a deadline (D7: the hard breach wins) decides some verdicts.
                    instants.Add((deadline, Chance(0.7) ? Beat.Clock : Beat.Dip));
                }
            }

            foreach (var (time, beat) in instants.OrderBy(x => x.Time))
            {
                var market = markets[random.Next(markets.Length)];
                switch (beat)
                {
                    case Beat.Clock:
                        events.Add(new SessionEvent.Clock(time));
                        break;
                    case Beat.Tick:
                        events.Add(market.Quote(time));
                        break;
                    case Beat.Dip:
                        var size = random.Next(20, 200) * (Chance(0.7) ? -1 : 1);
                        market.Move(size);
                        events.Add(market.Quote(time));
                        market.Move(-size);
                        events.Add(market.Quote(time));
                        break;
                    case Beat.Fill:
                        AddFills(events, market, bias, time, ref nextOrder, ref nextFill);
                        lastFill = time;
                        break;
                }
            }

            now = to;
        }

        foreach (var market in markets)
        {
            events.Add(market.Quote(now));
        }

        while (now < end)
        {
            if (Chance(0.004))
            {
                // A long quiet stretch: nothing but the clock for half a day to three and a half days.
                Advance(now + TimeSpan.FromMinutes(random.Next(12 * 60, 84 * 60)));
                foreach (var quiet in markets)
                {
                    events.Add(quiet.Quote(now));
                }

                continue;
            }

            Advance(now + TimeSpan.FromSeconds(1 + random.Next(meanGapSeconds * 2)));
            var market = markets[random.Next(markets.Length)];
            var roll = random.NextDouble();
            if (roll < 0.03)
            {
                // A sharp dip (or spike) that recovers within a millisecond.
                var size = random.Next(20, 200) * (Chance(0.5) ? -1 : 1);
                market.Move(size);
                events.Add(market.Quote(now));
                market.Move(-size);
                now += TimeSpan.FromTicks(random.Next(1, (int)TimeSpan.TicksPerMillisecond));
                events.Add(market.Quote(now));
            }
            else if (roll < 0.03 + fillChance)
            {
                AddFills(events, market, bias, now, ref nextOrder, ref nextFill);
                lastFill = now;
            }
            else
            {
                var step = random.Next(-4, 5) + (random.NextDouble() < Math.Abs(drift) ? Math.Sign(drift) * 2 : 0);
                market.Move(step);
                events.Add(market.Quote(now));
            }
        }

        return events;
    }

    private void AddFills(List<SessionEvent> events, Market market, int bias, DateTimeOffset now, ref int nextOrder, ref int nextFill)
    {
        var instrument = market.Instrument;
        var lots = (decimal)random.Next(1, 4);
        var quantity = lots * instrument.QuantityStep;
        OrderSide side;
        if (market.Position == 0)
        {
            side = (Chance(0.75) ? bias : -bias) > 0 ? OrderSide.Buy : OrderSide.Sell;
        }
        else
        {
            var closing = market.Position > 0 ? OrderSide.Sell : OrderSide.Buy;
            var adding = market.Position > 0 ? OrderSide.Buy : OrderSide.Sell;
            var roll = random.NextDouble();
            if (roll < 0.45)
            {
                side = closing;
                quantity = Math.Abs(market.Position);
            }
            else if (roll < 0.85)
            {
                side = Math.Abs(market.Position) >= 4 * instrument.QuantityStep ? closing : adding;
            }
            else
            {
                // Reduce, or flip when the order is larger than the position.
                side = closing;
            }
        }

        var price = side == OrderSide.Buy ? market.Ask : market.Bid;
        var orderId = "O-" + nextOrder++.ToString(CultureInfo.InvariantCulture);
        var parts = quantity >= 2 * instrument.QuantityStep && Chance(0.2)
            ? new[] { instrument.QuantityStep, quantity - instrument.QuantityStep }
            : [quantity];
        foreach (var part in parts)
        {
            var commission = commissionFree ? 0m : Math.Round(
                instrument.PerContract * part + instrument.Bps * price * part * instrument.Multiplier / 10_000m,
                2,
                MidpointRounding.AwayFromZero);
            events.Add(new SessionEvent.Fill(
                now, instrument.Symbol, side, part, price, commission, orderId, "F-" + nextFill++.ToString(CultureInfo.InvariantCulture)));
            market.Position += side == OrderSide.Buy ? part : -part;
        }
    }

    private enum Beat
    {
        Nothing,
        Clock,
        Tick,
        Fill,
        Dip,
    }

    private bool Chance(double probability) => random.NextDouble() < probability;

    private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];

    private sealed record Instrument(
        string Symbol,
        decimal Multiplier,
        decimal TickSize,
        decimal StartPrice,
        decimal PerContract,
        decimal Bps,
        decimal QuantityStep,
        int TicksPerStep);

    /// <summary>One instrument's quote as a mid on its tick grid, a one- or two-tick spread, and the generator's guess of the position.</summary>
    private sealed class Market(Instrument instrument)
    {
        private long midTicks = (long)(instrument.StartPrice / instrument.TickSize);
        private long sequence;

        public Instrument Instrument => instrument;

        public decimal Position { get; set; }

        public decimal Bid => (midTicks - 1) * instrument.TickSize;

        public decimal Ask => (midTicks + 1) * instrument.TickSize;

        /// <summary>Moves the mid by whole steps; a step is one tick of the future, forty of the crypto.</summary>
        public void Move(int steps) => midTicks += steps * instrument.TicksPerStep;

        public SessionEvent.Tick Quote(DateTimeOffset time) => new(time, instrument.Symbol, Bid, Ask, ++sequence);
    }
}
