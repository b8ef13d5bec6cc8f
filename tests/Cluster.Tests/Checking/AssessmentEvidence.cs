using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.Cluster.Tests.Checking;

/// <summary>
/// Where each assessment stands, as its trader reads it from the audit (GET /api/v1/assessments/{id}/audit): status,
/// attempt, phase and account, the running phase's evaluation status, and its rule events (the evidence), times to the
/// microsecond and numbers by value (the ledger's resolution, which a rebuilt account reports).
/// </summary>
public static class AssessmentEvidence
{
    public sealed record Standing(string Status, int Attempt, int PhaseIndex, string Account, string? PhaseStatus, IReadOnlyList<string> RuleEvents);

    public static async Task<IReadOnlyDictionary<string, Standing>> ReadAsync(HttpClient http, IEnumerable<string> assessments, int concurrency = 4)
    {
        var standings = new ConcurrentDictionary<string, Standing>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(assessments, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (id, ct) =>
        {
            var audit = (await http.GetFromJsonAsync<JsonNode>($"/api/v1/assessments/{id}/audit", ct))!;
            var assessment = audit["assessment"]!;
            var account = assessment["currentAccountId"]!.GetValue<string>();
            var phase = audit["phases"]!.AsArray().Single(p => p!["phase"]!["accountId"]!.GetValue<string>() == account)!;
            var events = phase["ruleEvents"]!.AsArray().Select(e => string.Join(' ',
                Micro(e!["time"]!.GetValue<DateTimeOffset>()), e["rule"]!.GetValue<string>(), e["kind"]!.GetValue<string>(),
                Number(e["measured"]!), Number(e["limit"]!), Number(e["equity"]!), e["message"]!.GetValue<string>())).ToList();
            standings[id] = new Standing(assessment["status"]!.GetValue<string>(), assessment["attempt"]!.GetValue<int>(),
                assessment["phaseIndex"]!.GetValue<int>(), account, phase["evaluation"]?["status"]?.GetValue<string>(), events);
        });
        return standings;
    }

    /// <summary>
    /// What differs between an assessment mid-challenge <paramref name="before"/> a failure and <paramref name="after"/> it:
    /// it must still be active in the same attempt, phase and account, its phase running, and every rule event it had must
    /// still be there, in order (new ones may follow).
    /// </summary>
    public static IEnumerable<string> Discrepancies(string id, Standing before, Standing after)
    {
        if ((after.Status, after.Attempt, after.PhaseIndex, after.Account) != ("active", before.Attempt, before.PhaseIndex, before.Account))
            yield return $"{id}: {after.Status} attempt {after.Attempt} phase {after.PhaseIndex} on {after.Account}; before: {before.Status} attempt {before.Attempt} phase {before.PhaseIndex} on {before.Account}";
        if (after.PhaseStatus != "active")
            yield return $"{id}: its phase is {after.PhaseStatus ?? "unknown"}, not active";
        if (after.RuleEvents.Count < before.RuleEvents.Count || !after.RuleEvents.Take(before.RuleEvents.Count).SequenceEqual(before.RuleEvents))
            yield return $"{id}: rule events before [{string.Join("; ", before.RuleEvents)}], after [{string.Join("; ", after.RuleEvents)}]";
    }

    private static string Micro(DateTimeOffset time) => new DateTimeOffset(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);

    // Dividing by 1 with the most trailing zeros drops them: 5000.00 and 5000 are one number.
    private static string Number(JsonNode value) => (value.GetValue<decimal>() / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
