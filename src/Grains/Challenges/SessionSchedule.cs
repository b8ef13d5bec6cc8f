using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges;

/// <summary>
/// When a phase's account must be flat (docs/rules.md "Session rules"): each day at the flat-by time, and on Fridays at
/// the weekend close, both wall-clock times in the plan's zone (DST honoured, gaps and repeats as for resets, D3). A
/// daily flat period lasts until the next reset; the weekend's lasts until the reset that begins Monday's trading day.
/// </summary>
public sealed class SessionSchedule
{
    private readonly TimeZoneInfo zone;
    private readonly TradingDayClock resets;
    private readonly TradingDayClock? flatBy;
    private readonly TradingDayClock? weekendClose;
    private readonly bool resetStartsNextDate;

    public SessionSchedule(PhaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        zone = TimeZoneInfo.FindSystemTimeZoneById(rules.TimeZone);
        resets = new TradingDayClock(rules.TimeZone, rules.ResetTime);
        if (rules.FlatByTime is { } f) flatBy = new TradingDayClock(rules.TimeZone, f);
        if (rules.FlatForWeekend && (rules.WeekendCloseTime ?? rules.FlatByTime) is { } w)
            weekendClose = new TradingDayClock(rules.TimeZone, w);
        // A reset in the afternoon or evening begins the next date's session (futures: Sunday 17:00 opens Monday).
        resetStartsNextDate = rules.ResetTime >= new TimeOnly(12, 0);
    }

    /// <summary>Whether the plan ever asks the account to be flat.</summary>
    public bool HasCloses => flatBy is not null || weekendClose is not null;

    /// <summary>The first flat-by or weekend close strictly after <paramref name="time"/>; null when the plan has neither.</summary>
    public DateTimeOffset? NextClose(DateTimeOffset time)
    {
        DateTimeOffset? daily = null;
        if (flatBy is not null)
        {
            daily = flatBy.NextReset(time);
            // On a Friday the weekend close replaces the day's flat-by.
            while (weekendClose is not null && IsFriday(daily.Value)) daily = flatBy.NextReset(daily.Value);
        }
        DateTimeOffset? weekly = null;
        if (weekendClose is not null)
        {
            weekly = weekendClose.NextReset(time);
            while (!IsFriday(weekly.Value)) weekly = weekendClose.NextReset(weekly.Value);
        }
        return daily is null ? weekly : weekly is null ? daily : daily < weekly ? daily : weekly;
    }

    /// <summary>Whether a close is the weekend's (a Friday one with a weekend ban).</summary>
    public bool IsWeekendClose(DateTimeOffset close) => weekendClose is not null && IsFriday(close);

    /// <summary>When the flat period that begins at <paramref name="close"/> ends: the next reset, or Monday's after a weekend close.</summary>
    public DateTimeOffset FlatUntil(DateTimeOffset close)
    {
        var reset = resets.NextReset(close);
        if (!IsWeekendClose(close)) return reset;
        while (SessionDate(reset).DayOfWeek != DayOfWeek.Monday) reset = resets.NextReset(reset);
        return reset;
    }

    /// <summary>The date a reset's trading day is named for: its own, or the next one for an afternoon or evening reset.</summary>
    private DateOnly SessionDate(DateTimeOffset reset)
    {
        var local = LocalDate(reset);
        return resetStartsNextDate ? local.AddDays(1) : local;
    }

    private bool IsFriday(DateTimeOffset time) => LocalDate(time).DayOfWeek == DayOfWeek.Friday;

    private DateOnly LocalDate(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
}
