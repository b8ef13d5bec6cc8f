using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Plans;

/// <summary>
/// Reads plans.json, turns percentages of the account size into amounts, and refuses the file whole when any plan
/// is unusable, listing every problem by plan id and field: a plan sold with a half-read rule would be judged wrongly.
/// </summary>
public static partial class PlanCatalogLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static PlanCatalog Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new InvalidPlanCatalogException(fullPath, ["the file does not exist"]);

        PlanFile? file;
        try
        {
            using var stream = File.OpenRead(fullPath);
            file = JsonSerializer.Deserialize<PlanFile>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidPlanCatalogException(fullPath, [$"malformed JSON at {e.Path} (line {e.LineNumber + 1}): {e.Message}"]);
        }

        var problems = new List<string>();
        var plans = new List<ChallengePlan>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < (file?.Plans.Count ?? 0); index++)
        {
            var entry = file!.Plans[index];
            var where = entry.Id is { Length: > 0 } id ? id : $"plans[{index}]";
            var before = problems.Count;
            var plan = Read(entry, (field, message) => problems.Add($"{where}: {field} {message}"));
            if (entry.Id is { Length: > 0 } && !seen.Add(entry.Id))
                problems.Add($"{where}: id is listed twice");
            if (problems.Count == before) plans.Add(plan);
        }
        if (plans.Count == 0 && problems.Count == 0)
            problems.Add("no plans are defined");
        if (problems.Count > 0)
            throw new InvalidPlanCatalogException(fullPath, problems);
        return new PlanCatalog(plans);
    }

    private static ChallengePlan Read(PlanEntry e, Action<string, string> problem)
    {
        if (e.Id is null || !IdPattern().IsMatch(e.Id))
            problem("id", "must be 1–64 characters of a–z, 0–9 and '-'");
        if (string.IsNullOrWhiteSpace(e.Name))
            problem("name", "is required");
        if (e.AccountSize <= 0)
            problem("accountSize", "must be positive");
        if (e.Price < 0)
            problem("price", "must not be negative");
        if (e.Phases.Count is < 1 or > 3)
            problem("phases", "must list one to three phases");

        var phases = e.Phases
            .Select((p, i) => ReadPhase(p.Over(e.PhaseDefaults), $"phases[{i}]", $"Phase {i + 1}", e.AccountSize, funded: false, problem))
            .ToList();
        var funded = e.Funded is { } f ? ReadPhase(f.Over(e.PhaseDefaults), "funded", "Funded", e.AccountSize, funded: true, problem) : null;
        return new ChallengePlan(e.Id ?? "", e.Name ?? "", e.AccountSize, e.Price, phases, funded);
    }

    private static PhaseRules ReadPhase(PhaseEntry p, string where, string defaultName, decimal size, bool funded, Action<string, string> report)
    {
        void Problem(string field, string message) => report($"{where}.{field}", message);

        if (string.IsNullOrWhiteSpace(p.TimeZone))
            Problem("timeZone", "is required (an IANA zone such as Europe/Prague)");
        else if (!IsKnownZone(p.TimeZone))
            Problem("timeZone", $"'{p.TimeZone}' is not a known IANA time zone");
        if (!TimeOnly.TryParseExact(p.ResetTime, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var reset))
            Problem("resetTime", "must be a time of day such as 17:00");

        decimal? target = null;
        if (p.ProfitTarget is { } t)
        {
            if (funded) Problem("profitTarget", "must not be set: a funded account does not pass");
            target = Money(t, "profitTarget", size, Problem, allowAnchor: false);
        }
        else if (!funded)
            Problem("profitTarget", "is required: a phase passes on its target");

        DailyLossRule? daily = null;
        if (p.DailyLoss is { } d)
        {
            if (d.Anchor is null) Problem("dailyLoss.anchor", "is required (balance, equity, max or dayPnl)");
            var (basis, limit) = d.Limit is { PercentOfAnchor: { } anchorPercent, Amount: null, Percent: null }
                ? (LimitBasis.PercentOfAnchor, Percent(anchorPercent, "dailyLoss.limit.percentOfAnchor", Problem))
                : (LimitBasis.Amount, Money(d.Limit, "dailyLoss.limit", size, Problem, allowAnchor: true));
            daily = new DailyLossRule(d.Anchor ?? default, basis, limit, d.Severity);
        }

        OverallLossRule? overall = null;
        if (p.OverallLoss is { } o)
        {
            if (o.Mode is null)
                Problem("overallLoss.mode", "is required (static, trailingIntraday, trailingEndOfDay, trailingClosedBalance or endOfDayFloorAtInitial)");
            if (o.Mode == DrawdownMode.EndOfDayFloorAtInitial && o.Lock != LockMode.None)
                Problem("overallLoss.lock", "must be none for endOfDayFloorAtInitial (its floor already stops at initial − limit)");
            if (o.LockOffset < 0 || (o.LockOffset != 0 && o.Lock != LockMode.InitialPlusOffset))
                Problem("overallLoss.lockOffset", "must be 0, or positive with lock initialPlusOffset");
            var amount = Money(o.Limit, "overallLoss.limit", size, Problem, allowAnchor: false);
            overall = new OverallLossRule(o.Mode ?? default, amount, o.Lock, o.LockOffset);
        }

        if (p.MinTradingDays is < 0) Problem("minTradingDays", "must not be negative");
        if (p.MinTrades is < 0) Problem("minTrades", "must not be negative");
        if (p.TradingDay?.MinProfitPercent is { } minProfit && (minProfit <= 0 || minProfit > 100))
            Problem("tradingDay.minProfitPercent", "must be in (0, 100]");
        if (p.TimeLimitDays is <= 0) Problem("timeLimitDays", "must be positive when set");
        if (p.InactivityDays is <= 0) Problem("inactivityDays", "must be positive when set");

        ConsistencyRule? consistency = null;
        if (p.Consistency is { } c)
        {
            if (c.MaxBestDayShare is <= 0 or > 1) Problem("consistency.maxBestDayShare", "must be a share in (0, 1], e.g. 0.5");
            if (c.Mode == ConsistencyMode.RaisesTarget && p.ProfitTarget is null)
                Problem("consistency.mode", "raisesTarget needs a profitTarget");
            consistency = new ConsistencyRule(c.MaxBestDayShare, c.Mode);
        }

        var limits = OrderLimits.None;
        if (p.Limits is { } l)
        {
            if (l.MaxRiskPerTradePercent is { } r && (r <= 0 || r > 100)) Problem("limits.maxRiskPerTradePercent", "must be in (0, 100]");
            if (l.MaxContracts is <= 0) Problem("limits.maxContracts", "must be positive");
            if (l.MaxLeverage is <= 0) Problem("limits.maxLeverage", "must be positive");
            if (l.MaxContractsTotal is <= 0) Problem("limits.maxContractsTotal", "must be positive");
            if (l.MicroContractWeight is { } w && (w <= 0 || w > 1))
                Problem("limits.microContractWeight", "must be in (0, 1]: 1 counts a micro as a full contract, 0.1 as a tenth");
            if (l.StopLossWithinMinutes is <= 0) Problem("limits.stopLossWithinMinutes", "must be positive when set");
            if (l.NewsBlackoutMinutes is <= 0) Problem("limits.newsBlackoutMinutes", "must be positive when set");
            if (l.NewsBlackoutIncludesClosing && l.NewsBlackoutMinutes is null)
                Problem("limits.newsBlackoutIncludesClosing", "needs newsBlackoutMinutes");
            var tiers = l.ScalingPlan is null ? null : ReadScalingPlan(l.ScalingPlan, Problem);
            limits = new OrderLimits(l.MaxRiskPerTradePercent, l.RequireStopLoss, l.MaxContracts, l.MaxLeverage,
                l.MaxContractsTotal, l.MicroContractWeight ?? 1m, tiers, l.RiskBasis, l.StopLossWithinMinutes,
                l.NewsBlackoutMinutes, l.NewsBlackoutIncludesClosing);
        }

        var flatBy = SessionTime(p.FlatByTime, "flatByTime", Problem);
        var weekendClose = SessionTime(p.WeekendCloseTime, "weekendCloseTime", Problem);
        var flatForWeekend = p.FlatForWeekend ?? false;
        if (flatForWeekend && flatBy is null && weekendClose is null)
            Problem("flatForWeekend", "needs flatByTime or weekendCloseTime (when Friday's positions are closed)");
        if (!flatForWeekend && p.WeekendCloseTime is not null)
            Problem("weekendCloseTime", "is only for flatForWeekend: true");

        return new PhaseRules(
            p.Name ?? defaultName, p.TimeZone ?? "", reset, p.BreachWhen ?? BreachComparison.AtOrBelow, target,
            p.RequireFlatToPass ?? false, daily, overall, p.MinTradingDays ?? 0, p.TradingDay?.MinProfitPercent,
            p.MinTrades ?? 0, consistency, p.TimeLimitDays, p.InactivityDays, limits, flatBy, flatForWeekend, weekendClose);
    }

    /// <summary>A scaling plan's tiers: at least one, balances strictly rising, allowances positive.</summary>
    private static List<ContractScalingTier> ReadScalingPlan(List<ScalingTierEntry> entries, Action<string, string> problem)
    {
        if (entries.Count == 0) problem("limits.scalingPlan", "must list at least one tier { balanceAtLeast, maxContracts }");
        var tiers = new List<ContractScalingTier>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (balance, contracts) = (entries[i].BalanceAtLeast, entries[i].MaxContracts);
            if (balance is null or <= 0) problem($"limits.scalingPlan[{i}].balanceAtLeast", "is required and must be positive");
            if (contracts is null or <= 0) problem($"limits.scalingPlan[{i}].maxContracts", "is required and must be positive");
            if (i > 0 && balance <= entries[i - 1].BalanceAtLeast)
                problem($"limits.scalingPlan[{i}].balanceAtLeast", "must be above the previous tier's");
            tiers.Add(new ContractScalingTier(balance ?? 0m, contracts ?? 0m));
        }
        return tiers;
    }

    private static TimeOnly? SessionTime(string? text, string field, Action<string, string> problem)
    {
        if (text is null) return null;
        if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        problem(field, "must be a time of day such as 16:59");
        return null;
    }

    /// <summary>An amount, or a percent of the account size turned into an amount.</summary>
    private static decimal Money(MoneyEntry? m, string field, decimal size, Action<string, string> problem, bool allowAnchor)
    {
        var given = (m?.Amount is null ? 0 : 1) + (m?.Percent is null ? 0 : 1) + (m?.PercentOfAnchor is null ? 0 : 1);
        if (given != 1)
        {
            problem(field, allowAnchor
                ? "must give exactly one of amount, percent (of the account size) or percentOfAnchor"
                : "must give exactly one of amount or percent (of the account size)");
            return 0;
        }
        if (m!.PercentOfAnchor is not null)
        {
            problem(field + ".percentOfAnchor", "is only for a daily loss limit");
            return 0;
        }
        if (m.Amount is { } amount)
        {
            if (amount <= 0) problem(field + ".amount", "must be positive");
            return amount;
        }
        return size * Percent(m.Percent!.Value, field + ".percent", problem) / 100m;
    }

    private static decimal Percent(decimal percent, string field, Action<string, string> problem)
    {
        if (percent is <= 0 or > 100) problem(field, "must be in (0, 100]");
        return percent;
    }

    private static bool IsKnownZone(string id)
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex IdPattern();
}
