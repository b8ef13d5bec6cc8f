using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Tests.Trading;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// An assessment account on the test silo, driven like the agreement tests drive a book: the fake engine clock moves
/// to each quote's time and quotes are applied directly, so every number is known in advance.
/// </summary>
public sealed class PhaseAccount(TradingClusterFixture fixture, string accountId, DateTimeOffset start)
{
    public const decimal Initial = 100_000m;

    /// <summary>Commission-free, leverage 10: the hand-computed numbers are prices × quantities only.</summary>
    public static readonly TradingTerms Terms = TradingTerms.Default with
    {
        MaxLeverage = 10m,
        Commissions = new Dictionary<InstrumentKind, CommissionTerms>(),
    };

    private readonly Dictionary<string, long> sequences = new(StringComparer.Ordinal);

    public IPositionBookGrain Book { get; } = fixture.Client.GetGrain<IPositionBookGrain>(accountId);

    public DateTimeOffset Start { get; } = start;

    /// <summary>Rules in UTC with the day resetting at midnight, no loss rule, no objective, no limit: tests add what they check.</summary>
    public static PhaseRules Rules(
        DailyLossRule? daily = null, OverallLossRule? overall = null, decimal? target = null, int? timeLimitDays = null,
        OrderLimits? limits = null) =>
        new("Test phase", "UTC", new TimeOnly(0, 0), BreachComparison.AtOrBelow, target, false, daily, overall,
            0, null, 0, null, timeLimitDays, null, limits ?? OrderLimits.None);

    /// <summary>Opens an account for a new phase at the next weekday 15:00 UTC after the fixture's clock (markets open).</summary>
    public static async Task<PhaseAccount> OpenAsync(TradingClusterFixture fixture, string name, PhaseRules rules)
    {
        var day = fixture.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        var start = new DateTimeOffset(day.AddHours(15), TimeSpan.Zero);
        fixture.MoveClockTo(start);
        var account = new PhaseAccount(fixture, $"phase-{name}-{Guid.NewGuid():N}", start);
        await account.Book.OpenAsync(new OpenAccountRequest(Initial, Terms, new AccountEvaluation($"assessment-{name}", 0, rules, start)));
        return account;
    }

    /// <summary>Moves the engine clock to <paramref name="time"/> and applies a quote of the symbol stamped with it.</summary>
    public async Task<long> QuoteAsync(string symbol, decimal bid, decimal ask, DateTimeOffset time)
    {
        var sequence = sequences[symbol] = sequences.GetValueOrDefault(symbol) + 1;
        fixture.MoveClockTo(time);
        await Book.ApplyQuoteAsync(new Quote(symbol, bid, ask, bid, 1m, time, sequence));
        return sequence;
    }

    public async Task<OrderCommandResult> MarketAsync(string symbol, OrderSide side, decimal quantity) =>
        await Book.SubmitOrderAsync(new OrderRequest(symbol, side, OrderType.Market, quantity, TimeInForce.Gtc));

    /// <summary>Moves the clock and lets the book act on it at once (its timer would a moment later).</summary>
    public async Task AdvanceToAsync(DateTimeOffset time)
    {
        fixture.MoveClockTo(time);
        await Book.ExpireDueOrdersAsync();
    }

    public async Task<EvaluationState> EvaluationAsync() => (await Book.GetEvaluationAsync())!;
}
