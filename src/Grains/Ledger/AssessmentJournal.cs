using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Ledger;

/// <summary>
/// Turns one step of an assessment (docs/assessments.md) into the ledger entries that let <see cref="AssessmentRebuild"/>
/// replay it: the purchase with the plan as bought, then per step its transition with the phase it closed and opened and
/// the event sequence it reached.
/// </summary>
public static class AssessmentJournal
{
    /// <summary>
    /// The entries of the step from <paramref name="before"/> (null: the purchase) to <paramref name="after"/>, which
    /// gained exactly one transition; <paramref name="eventSequence"/> is the assessment's event sequence once the step's
    /// events are published.
    /// </summary>
    public static IReadOnlyList<LedgerEntry> Entries(Assessment? before, Assessment after, ChallengePlan plan, long eventSequence)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(plan);
        var known = before?.Transitions.Count ?? 0;
        if (after.Transitions.Count != known + 1)
            throw new InvalidOperationException(
                $"A step of assessment {after.Id} records one transition; it went from {known} to {after.Transitions.Count}.");

        var entries = new List<LedgerEntry>(2);
        if (before is null)
            entries.Add(new AssessmentOpened(after.Id, after.TraderId, plan, after.PricePaid, after.PaymentReference, after.PurchaseId, after.CreatedAt));

        var t = after.Transitions[^1];
        var sequence = after.Transitions.Count(x => x.Attempt == t.Attempt);
        var phasesBefore = before?.Phases.Count ?? 0;
        var opened = after.Phases.Count > phasesBefore ? after.Phases[^1] : null;
        // The phase that was running before the step and has an outcome after it.
        var ended = phasesBefore > 0 && before!.Phases[phasesBefore - 1].Outcome is null && after.Phases[phasesBefore - 1].Outcome is not null
            ? after.Phases[phasesBefore - 1]
            : null;
        entries.Add(new AssessmentTransition(after.Id, t.Attempt, sequence, t.PhaseIndex, StatusName(t.From), StatusName(t.To),
            t.Rule is { } rule ? $"{t.Cause}:{rule}" : t.Cause.ToString(), t.Actor, t.Reason, t.Time, t.Evidence,
            ended?.Outcome, ended?.EndedBy, opened?.AccountId, opened?.Name, eventSequence));
        return entries;
    }

    /// <summary>How the ledger names a status: lower case, "none" before the purchase.</summary>
    public static string StatusName(AssessmentStatus? status) => status?.ToString().ToLowerInvariant() ?? "none";
}
