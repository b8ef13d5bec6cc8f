using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crucible.LoadTest;

/// <summary>What a run measured; written as the JSON results file and printed as the summary table.</summary>
public sealed record LoadTestResult
{
    public required string RunId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required string Target { get; init; }
    public required string Via { get; init; }
    public required string Strategy { get; init; }
    public required string Plan { get; init; }
    public required int Seed { get; init; }
    public required int Accounts { get; init; }
    public required int Users { get; init; }
    public required double OrderRateTarget { get; init; }
    public required double SetupSeconds { get; init; }
    public required double TradingSeconds { get; init; }

    public required long OrdersSent { get; init; }
    public required long OrdersAccepted { get; init; }
    public required long OrdersRejected { get; init; }
    public required IReadOnlyDictionary<string, long> RejectedByCode { get; init; }
    public required long Fills { get; init; }
    public required long Errors { get; init; }
    public required long RateLimited { get; init; }
    public double OrdersPerSecond => TradingSeconds > 0 ? Math.Round(OrdersSent / TradingSeconds, 1) : 0;
    public double FillsPerSecond => TradingSeconds > 0 ? Math.Round(Fills / TradingSeconds, 1) : 0;

    public required Percentiles OrderAckMs { get; init; }
    public required Percentiles OrderToFillMs { get; init; }
    public required Percentiles TickToClientMs { get; init; }
    public required BucketPercentiles TickToRuleCheckMs { get; init; }

    public required IReadOnlyDictionary<string, double> RuleEvents { get; init; }
    public required long Breaches { get; init; }

    /// <summary>The engine's own counts over the run (from /metrics), beside the tester's.</summary>
    public required EngineCounts Engine { get; init; }

    public required EngineResources EngineResources { get; init; }
    public required int SignalRClients { get; init; }
    public required long SignalRQuotes { get; init; }
    public required long SignalRAccountEvents { get; init; }

    /// <summary>The accounts the run traded (for reconciliation); not written to the file.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> AccountIds { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void Print(TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine();
        w.WriteLine($"Crucible load test {RunId}: {Accounts} {Plan} accounts, {Users} user(s), {Strategy}, {Via} → {Target}, seed {Seed}");
        w.WriteLine($"set-up {SetupSeconds.ToString("0.0", c)} s, trading {TradingSeconds.ToString("0.0", c)} s");
        w.WriteLine();
        w.WriteLine("| figure | value |");
        w.WriteLine("| --- | --- |");
        Row("orders sent", $"{OrdersSent:N0} ({OrdersPerSecond.ToString("N1", c)}/s; target {(OrderRateTarget > 0 ? OrderRateTarget.ToString("N0", c) + "/s" : "unpaced")})");
        Row("accepted", $"{OrdersAccepted:N0}");
        Row("rejected", OrdersRejected == 0 ? "0" : $"{OrdersRejected:N0}: " + string.Join(", ", RejectedByCode.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:N0}")));
        Row("fills", $"{Fills:N0} ({FillsPerSecond.ToString("N1", c)}/s)");
        Row("errors (5xx, transport, 401)", $"{Errors:N0}");
        Row("order ack ms (p50 / p90 / p99 / max)", Line(OrderAckMs));
        Row("order → fill on /hubs/accounts ms", Line(OrderToFillMs));
        Row("tick → SignalR client ms", Line(TickToClientMs));
        Row("tick → rule check ms (engine buckets)", TickToRuleCheckMs.Count == 0 ? "no rule checks" :
            $"{TickToRuleCheckMs.P50.ToString("0.##", c)} / {TickToRuleCheckMs.P90.ToString("0.##", c)} / {TickToRuleCheckMs.P99.ToString("0.##", c)} (n={TickToRuleCheckMs.Count:N0})");
        Row("rule events", RuleEvents.Count == 0 ? "0" : string.Join(", ", RuleEvents.Select(p => $"{p.Key} {p.Value:N0}")));
        Row("breaches", $"{Breaches:N0}");
        Row("engine: order commands / fills / quotes applied", $"{Engine.OrderCommands:N0} / {Engine.Fills:N0} / {Engine.QuotesApplied:N0}");
        Row($"engine CPU % of a core / RSS MiB peak, end ({EngineResources.Source})",
            $"{EngineResources.CpuPercent?.ToString("0", c) ?? "?"} / {EngineResources.PeakRssMiB?.ToString("0", c) ?? "?"}, {EngineResources.EndRssMiB?.ToString("0", c) ?? "?"}");
        Row("SignalR clients / quotes / account events", $"{SignalRClients} / {SignalRQuotes:N0} / {SignalRAccountEvents:N0}");

        void Row(string name, string value) => w.WriteLine($"| {name} | {value} |");

        string Line(Percentiles p) => p.Count == 0 ? "none" :
            $"{p.P50.ToString("0.###", c)} / {p.P90.ToString("0.###", c)} / {p.P99.ToString("0.###", c)} / {p.Max.ToString("0.###", c)} (n={p.Count:N0})";
    }
}

/// <summary>Deltas of the engine's own counters over the trading time.</summary>
public sealed record EngineCounts(long OrderCommands, long Fills, long QuotesApplied, long RuleChecks, long TicksPublished, long TickPublishFailures);
