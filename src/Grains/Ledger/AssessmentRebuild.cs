using System.Text.Json;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Ledger;

/// <summary>
/// Recomputes an assessment from its ledger after its grain state is lost (the ledger is the record, grain storage a
/// cache): the purchase, then each transition replayed as recorded, closing the phase it ended and opening the phase
/// account it started. Times come back to the microsecond, as the ledger stores them.
/// </summary>
public static class AssessmentRebuild
{
    public static RebuiltAssessment From(AssessmentHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var opened = history.Opened
            ?? throw new InvalidOperationException($"The ledger has no purchase of assessment {history.AssessmentId}: it cannot be rebuilt.");
        var plan = opened.Plan;
        var a = new Assessment(opened.AssessmentId, plan.Id, plan.Name, opened.TraderId, AssessmentStatus.Pending, Attempt: 1, PhaseIndex: 0,
            plan.Phases.Count, CurrentAccountId: null, opened.Time, opened.Time, opened.PricePaid, opened.PaymentReference, opened.PurchaseId,
            Phases: [], Transitions: []);
        var phases = new List<AssessmentPhase>();
        var transitions = new List<StatusTransition>();
        long sequence = 0;
        foreach (var t in history.Transitions)
        {
            Check(history, t, transitions);
            var transition = new StatusTransition(t.Time, Status(t.From), Status(t.To)!.Value, t.Attempt, t.Phase, Cause(t.Cause, out var rule), rule,
                t.Actor, t.Reason, t.Evidence);
            if (t.PhaseEnded is { } outcome)
            {
                if (phases.Count == 0 || phases[^1].Outcome is not null)
                    throw Broken(history, t, "ends a phase, but none is running");
                phases[^1] = phases[^1] with { EndedAt = t.Time, Outcome = outcome, EndedBy = t.PhaseEndedBy };
            }
            if (t.PhaseOpened is { } account)
                phases.Add(new AssessmentPhase(t.Attempt, t.Phase, t.PhaseOpenedName!, account, t.Time));
            transitions.Add(transition);
            sequence = t.EventSequence!.Value;
            a = a with
            {
                Status = transition.To,
                Attempt = t.Attempt,
                PhaseIndex = t.Phase,
                CurrentAccountId = phases.Count == 0 ? null : phases[^1].AccountId,
                UpdatedAt = t.Time,
            };
        }
        if (transitions.Count == 0)
            throw new InvalidOperationException($"The ledger has the purchase of assessment {history.AssessmentId} but not its first transition.");
        // Arrays, as the lifecycle keeps them: the state is stored as JSON with type names, and the compiler's own types behind
        // a collection expression for a read-only list cannot be named on the way back.
        return new RebuiltAssessment(a with { Phases = phases.ToArray(), Transitions = transitions.ToArray() }, plan, sequence);
    }

    /// <summary>
    /// The parts in which <paramref name="stored"/> (grain state; <paramref name="storedSequence"/> its event sequence)
    /// differs from <paramref name="rebuilt"/>, times compared to the microsecond: empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> Differences(Assessment stored, ChallengePlan? storedPlan, long storedSequence, RebuiltAssessment rebuilt)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(rebuilt);
        var r = rebuilt.Assessment;
        var differences = new List<string>();
        Compare("id", stored.Id, r.Id);
        Compare("plan", Json(storedPlan), Json(rebuilt.Plan));
        Compare("planName", stored.PlanName, r.PlanName);
        Compare("traderId", stored.TraderId, r.TraderId);
        Compare("status", stored.Status, r.Status);
        Compare("attempt", stored.Attempt, r.Attempt);
        Compare("phaseIndex", stored.PhaseIndex, r.PhaseIndex);
        Compare("phaseCount", stored.PhaseCount, r.PhaseCount);
        Compare("currentAccountId", stored.CurrentAccountId, r.CurrentAccountId);
        Compare("createdAt", Micro(stored.CreatedAt), Micro(r.CreatedAt));
        Compare("updatedAt", Micro(stored.UpdatedAt), Micro(r.UpdatedAt));
        Compare("pricePaid", stored.PricePaid, r.PricePaid);
        Compare("paymentReference", stored.PaymentReference, r.PaymentReference);
        Compare("purchaseId", stored.PurchaseId, r.PurchaseId);
        if (!stored.Phases.Select(Micro).SequenceEqual(r.Phases.Select(Micro)))
            differences.Add("phases");
        if (!stored.Transitions.Select(Micro).SequenceEqual(r.Transitions.Select(Micro)))
            differences.Add("transitions");
        Compare("sequence", storedSequence, rebuilt.Sequence);
        return differences;

        void Compare<T>(string name, T left, T right)
        {
            if (!EqualityComparer<T>.Default.Equals(left, right))
                differences.Add(name);
        }
    }

    private static void Check(AssessmentHistory history, AssessmentTransition t, List<StatusTransition> before)
    {
        if (t.EventSequence is null)
            throw Broken(history, t, "was recorded without what a rebuild needs (before assessments were rebuilt from the ledger)");
        if (t.PhaseOpened is not null && t.PhaseOpenedName is null)
            throw Broken(history, t, "opens a phase without its name");
        var previous = before.Count == 0 ? null : before[^1];
        var expected = previous is null ? 1 : t.Attempt == previous.Attempt ? before.Count(x => x.Attempt == t.Attempt) + 1 : 1;
        var attemptFollows = previous is null ? t.Attempt == 1 : t.Attempt == previous.Attempt || t.Attempt == previous.Attempt + 1;
        if (!attemptFollows || t.Sequence != expected)
            throw Broken(history, t, $"does not follow the one before (expected attempt {previous?.Attempt ?? 1}, sequence {expected})");
        if (AssessmentJournal.StatusName(previous?.To) != t.From)
            throw Broken(history, t, $"starts from {t.From}, but the assessment was {AssessmentJournal.StatusName(previous?.To)}");
    }

    private static InvalidOperationException Broken(AssessmentHistory history, AssessmentTransition t, string problem) =>
        new($"The ledger's transition {t.Attempt}.{t.Sequence} of assessment {history.AssessmentId} {problem}: it cannot be rebuilt.");

    private static AssessmentStatus? Status(string name) =>
        name == "none" ? null : Enum.Parse<AssessmentStatus>(name, ignoreCase: true);

    // "Cause:rule" when a rule decided (AssessmentJournal); a cause's name has no colon, a rule's may.
    private static TransitionCause Cause(string recorded, out string? rule)
    {
        var split = recorded.IndexOf(':', StringComparison.Ordinal);
        rule = split < 0 ? null : recorded[(split + 1)..];
        return Enum.Parse<TransitionCause>(split < 0 ? recorded : recorded[..split]);
    }

    private static DateTimeOffset Micro(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);

    private static DateTimeOffset? Micro(DateTimeOffset? time) => time is { } t ? Micro(t) : null;

    private static AssessmentPhase Micro(AssessmentPhase p) => p with { StartedAt = Micro(p.StartedAt), EndedAt = Micro(p.EndedAt) };

    private static StatusTransition Micro(StatusTransition t) =>
        t with { Time = Micro(t.Time), Evidence = t.Evidence is { } e ? e with { Time = Micro(e.Time) } : null };

    // Decimals by value: grain storage's serializer may drop trailing zeros the ledger's JSON keeps (5000.00 is 5000).
    private static readonly JsonSerializerOptions PlanComparison = new() { Converters = { new DecimalByValue() } };

    private static string? Json(ChallengePlan? plan) => plan is null ? null : JsonSerializer.Serialize(plan, PlanComparison);

    private sealed class DecimalByValue : System.Text.Json.Serialization.JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        // Dividing by 1 with the most trailing zeros gives the value with none.
        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.0000000000000000000000000000m);
    }
}
