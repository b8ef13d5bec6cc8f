using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.TestSupport.Challenges;

/// <summary>
/// The rules half of <see cref="ChallengeReplay"/>: evaluates one observation at a time, in the order written in
/// docs/rules.md "Decisions" (D6, D7), as listed at the top of ChallengeReplay.cs.
/// </summary>
internal sealed class ReplayJudge
{
    private readonly PhaseRules rules;
    private readonly decimal initial;
    private readonly DateTimeOffset start;
    private readonly PlanResets resets;

    // Days, keyed by their reset instant: fills and Σ fillNetPnl of each.
    private readonly Dictionary<DateTimeOffset, (int Fills, decimal ClosedPnl)> days = [];
    private readonly HashSet<string> tradedOrders = [];

    private DateTimeOffset dayStart;
    private DateTimeOffset nextReset;
    private decimal dayBalanceAnchor;
    private decimal dayEquityAnchor;
    private decimal previousObservedBalance;
    private DateTimeOffset lastFillOrStart;
    private DateTimeOffset? blockedUntil;

    private decimal highWaterMark;
    private decimal overallFloor;

    private int? endingEventIndex;
    private DateTimeOffset? endedAt;
    private string? endedBy;

    public ReplayJudge(PhaseRules rules, decimal initialBalance, DateTimeOffset start)
    {
        this.rules = rules;
        initial = initialBalance;
        this.start = start;
        resets = new PlanResets(rules.TimeZone, rules.ResetTime);

        dayStart = resets.AtOrBefore(start);
        nextReset = resets.After(start);
        dayBalanceAnchor = initialBalance;
        dayEquityAnchor = initialBalance;
        previousObservedBalance = initialBalance;
        lastFillOrStart = start;
        highWaterMark = initialBalance;
        overallFloor = decimal.MinValue;
        if (rules.OverallLoss is not null)
        {
            overallFloor = OverallFloorCandidate(rules.OverallLoss);
        }
    }

    public PhaseStatus Status { get; private set; } = PhaseStatus.Active;

    public bool IsActive => Status == PhaseStatus.Active;

    public bool TradingBlocked => blockedUntil is not null;

    public ReplayVerdict Verdict => new(Status, endedAt, endedBy, endingEventIndex);

    public bool BlocksFillAt(DateTimeOffset time) => blockedUntil is { } until && time < until;

    /// <summary>Evaluates one observation; returns true when it is a new soft daily-loss breach (flatten now).</summary>
    public bool Observe(
        int eventIndex,
        DateTimeOffset time,
        ObservationCause cause,
        decimal balance,
        decimal equity,
        bool hasOpenPositions,
        decimal? fillNetPnl,
        string? orderId,
        bool liquidation = false)
    {
        if (!IsActive)
        {
            return false;
        }

        var softBreach = Evaluate(eventIndex, time, cause, balance, equity, hasOpenPositions, fillNetPnl, orderId, liquidation);
        previousObservedBalance = balance;
        return softBreach;
    }

    private bool Evaluate(
        int eventIndex,
        DateTimeOffset time,
        ObservationCause cause,
        decimal balance,
        decimal equity,
        bool hasOpenPositions,
        decimal? fillNetPnl,
        string? orderId,
        bool liquidation)
    {
        // (a) Deadlines: the earliest reached (time limit on a tie; inactivity counts from the fill before this one). One that
        //     passed before this observation ends the phase now; one exactly at it waits for the loss rules, (e′).
        string? deadlineRule = null;
        var deadline = DateTimeOffset.MaxValue;
        if (rules.TimeLimitDays is { } limitDays && time >= start + TimeSpan.FromDays(limitDays))
        {
            deadlineRule = "timeLimit";
            deadline = start + TimeSpan.FromDays(limitDays);
        }

        if (rules.InactivityDays is { } quietDays && time >= lastFillOrStart + TimeSpan.FromDays(quietDays)
            && lastFillOrStart + TimeSpan.FromDays(quietDays) < deadline)
        {
            deadlineRule = "inactivity";
            deadline = lastFillOrStart + TimeSpan.FromDays(quietDays);
        }

        if (deadlineRule is not null && deadline < time)
        {
            End(PhaseStatus.Expired, deadlineRule, time, eventIndex);
            return false;
        }

        // (b) Day rollover.
        if (time >= nextReset)
        {
            var closingBalance = previousObservedBalance;
            var mode = rules.OverallLoss?.Mode;
            if (mode is DrawdownMode.TrailingEndOfDay or DrawdownMode.EndOfDayFloorAtInitial)
            {
                highWaterMark = Math.Max(highWaterMark, closingBalance);
            }

            dayStart = resets.AtOrBefore(time);
            nextReset = resets.After(time);
            dayBalanceAnchor = balance;
            dayEquityAnchor = equity;
            blockedUntil = null;
        }

        // (c) The fill's bookkeeping and the peaks.
        days.TryGetValue(dayStart, out var today);
        // A liquidation (the flatten after a soft breach) is a closed balance but not the trader's trade: no activity,
        // no trade, no day P&L ("In the grains").
        if (cause == ObservationCause.Fill && !liquidation)
        {
            lastFillOrStart = time;
            tradedOrders.Add(orderId!);
            today = (today.Fills + 1, today.ClosedPnl + fillNetPnl!.Value);
        }

        if (cause == ObservationCause.Fill && rules.OverallLoss?.Mode == DrawdownMode.TrailingClosedBalance)
        {
            highWaterMark = Math.Max(highWaterMark, balance);
        }

        days[dayStart] = today;

        if (rules.OverallLoss?.Mode == DrawdownMode.TrailingIntraday)
        {
            highWaterMark = Math.Max(highWaterMark, equity);
        }

        if (rules.OverallLoss is not null)
        {
            overallFloor = Math.Max(overallFloor, OverallFloorCandidate(rules.OverallLoss));
        }

        // (d) Daily loss.
        var softBreach = false;
        if (rules.DailyLoss is { } daily && IsBreach(equity, DailyFloor(daily)))
        {
            if (daily.Severity == BreachSeverity.Hard)
            {
                End(PhaseStatus.Failed, "dailyLoss", time, eventIndex);
                return false;
            }

            if (blockedUntil is null)
            {
                blockedUntil = nextReset;
                softBreach = true;
            }
        }

        // (e) Overall loss.
        if (rules.OverallLoss is not null && IsBreach(equity, overallFloor))
        {
            End(PhaseStatus.Failed, "overallLoss", time, eventIndex);
            return softBreach;
        }

        // (e′) A deadline exactly at this observation: no hard breach came first, so it expires (never passes).
        if (deadlineRule is not null)
        {
            End(PhaseStatus.Expired, deadlineRule, time, eventIndex);
            return softBreach;
        }

        // (f) Pass; not on a soft breach's observation, whose balance is about to take the flatten's loss.
        if (!softBreach && AllObjectivesMet(balance, hasOpenPositions))
        {
            End(PhaseStatus.Passed, null, time, eventIndex);
        }

        return softBreach;
    }

    private void End(PhaseStatus status, string? rule, DateTimeOffset time, int eventIndex)
    {
        Status = status;
        endedBy = rule;
        endedAt = time;
        endingEventIndex = eventIndex;
        blockedUntil = null;
    }

    private bool IsBreach(decimal equity, decimal floor) =>
        rules.BreachWhen == BreachComparison.AtOrBelow ? equity <= floor : equity < floor;

    private decimal DailyFloor(DailyLossRule daily)
    {
        var anchor = daily.Anchor switch
        {
            DailyLossAnchor.Balance or DailyLossAnchor.DayPnl => dayBalanceAnchor,
            DailyLossAnchor.Equity => dayEquityAnchor,
            DailyLossAnchor.Max => Math.Max(dayBalanceAnchor, dayEquityAnchor),
            _ => throw new ArgumentOutOfRangeException(nameof(daily), daily.Anchor, null),
        };
        var limit = daily.Basis switch
        {
            LimitBasis.Amount => daily.Limit,
            LimitBasis.PercentOfInitial => daily.Limit / 100m * initial,
            LimitBasis.PercentOfAnchor => daily.Limit / 100m * anchor,
            _ => throw new ArgumentOutOfRangeException(nameof(daily), daily.Basis, null),
        };
        return anchor - limit;
    }

    private decimal OverallFloorCandidate(OverallLossRule overall)
    {
        var lockLevel = overall.Lock switch
        {
            LockMode.None => decimal.MaxValue,
            LockMode.Initial => initial,
            LockMode.InitialPlusOffset => initial + overall.LockOffset,
            _ => throw new ArgumentOutOfRangeException(nameof(overall), overall.Lock, null),
        };
        return overall.Mode switch
        {
            DrawdownMode.Static => Math.Min(initial - overall.Amount, lockLevel),
            DrawdownMode.TrailingIntraday => Math.Min(highWaterMark - overall.Amount, lockLevel),
            DrawdownMode.TrailingEndOfDay => Math.Min(highWaterMark - overall.Amount, lockLevel),
            DrawdownMode.TrailingClosedBalance => Math.Min(highWaterMark - overall.Amount, lockLevel),
            DrawdownMode.EndOfDayFloorAtInitial => Math.Max(initial, highWaterMark) - overall.Amount,
            _ => throw new ArgumentOutOfRangeException(nameof(overall), overall.Mode, null),
        };
    }

    private bool AllObjectivesMet(decimal balance, bool hasOpenPositions)
    {
        if (rules.ProfitTarget is not { } target)
        {
            return false;
        }

        var totalProfit = balance - initial;
        var bestDay = 0m;
        foreach (var day in days.Values)
        {
            bestDay = Math.Max(bestDay, day.ClosedPnl);
        }

        if (rules.Consistency is { } consistency)
        {
            // The raised target max(target, bestDay ÷ c), compared without a quotient: c × profit ≥ bestDay.
            if (consistency.Mode == ConsistencyMode.RaisesTarget && consistency.MaxBestDayShare * totalProfit < bestDay)
            {
                return false;
            }

            if (consistency.Mode == ConsistencyMode.BlocksPass && totalProfit > 0 && bestDay >= consistency.MaxBestDayShare * totalProfit)
            {
                return false;
            }
        }

        if (balance < initial + target)
        {
            return false;
        }

        if (rules.RequireFlatToPass && hasOpenPositions)
        {
            return false;
        }

        if (CountTradingDays() < rules.MinTradingDays)
        {
            return false;
        }

        return tradedOrders.Count >= rules.MinTrades;
    }

    private int CountTradingDays()
    {
        var count = 0;
        foreach (var day in days.Values)
        {
            var qualifies = day.Fills > 0;
            if (rules.TradingDayMinProfitPercent is { } percent)
            {
                qualifies = qualifies && day.ClosedPnl >= percent / 100m * initial;
            }

            if (qualifies)
            {
                count++;
            }
        }

        return count;
    }
}
