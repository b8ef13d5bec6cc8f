using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Telemetry;

/// <summary>
/// The engine's own instruments, on the meter <c>Crucible</c> (every one is documented in docs/metrics.md). Static, like
/// Orleans' own instruments: grains record with a one-line call and no constructor parameter, and an exporter listens by
/// meter name, so several hosts in one process (the tests) share one set of instruments without double counting any
/// host's work. Recording with no listener costs a flag check.
/// </summary>
public static class CrucibleMetrics
{
    public const string MeterName = "Crucible";

    /// <summary>Upper bucket bounds (ms) for the latency histograms: sub-millisecond to ten seconds, the range issue 12 measured.</summary>
    public static readonly double[] LatencyBucketsMs = [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000];

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static long activeAccounts;

    private static readonly Counter<long> TicksPublished = Meter.CreateCounter<long>(
        "crucible.ticks.published", "{tick}", "Ticks an instrument feed published on its quote stream.");

    // The failure counters are observed totals, so they are served from start-up at zero: a scraper's rate() and an alert
    // on them see the first failure (a counter that has never been added to is not exported at all).
    private static long tickPublishFailures;
    private static long accountEventPublishFailures;

    private static readonly Counter<long> QuotesParked = Meter.CreateCounter<long>(
        "crucible.quotes.parked", unit: "{quote}",
        description: "Quotes the market dispatcher parked for an account because they fell inside its price band (no wake, no rule check).");

    private static readonly Counter<long> QuotesApplied = Meter.CreateCounter<long>(
        "crucible.quotes.applied", "{quote}", "Quotes delivered to an account and applied to its book.");

    private static readonly Counter<long> RuleChecks = Meter.CreateCounter<long>(
        "crucible.rule.checks", "{check}", "Tick-driven evaluations of an assessment account's rules.");

    private static readonly Histogram<double> RuleCheckLatency = Meter.CreateHistogram<double>(
        "crucible.rule.check.latency", "ms", "From a quote's time to the end of the rule check it caused in an account.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBucketsMs });

    private static readonly Counter<long> RuleEvents = Meter.CreateCounter<long>(
        "crucible.rule.events", "{event}", "Rule events recorded by assessment accounts, by kind (breach, floor_moved, passed, ...).");

    private static readonly Counter<long> OrderCommands = Meter.CreateCounter<long>(
        "crucible.order.commands", "{command}", "Order commands (submit, cancel, replace, close) an account handled, by outcome.");

    private static readonly Histogram<double> OrderCommandDuration = Meter.CreateHistogram<double>(
        "crucible.order.command.duration", "ms", "Time an account grain spent handling an order command, from its turn's start to its answer.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBucketsMs });

    private static readonly Counter<long> Fills = Meter.CreateCounter<long>(
        "crucible.fills", "{fill}", "Fills executed by accounts (commands, resting orders triggered by ticks, liquidations).");


    static CrucibleMetrics()
    {
        Meter.CreateObservableGauge("crucible.accounts.active", () => Interlocked.Read(ref activeAccounts), "{account}",
            "Account grain activations in this process.");
        Meter.CreateObservableCounter("crucible.ticks.publish_failures", () => Interlocked.Read(ref tickPublishFailures), "{tick}",
            "Ticks whose publish on the quote stream failed (e.g. a full memory-stream queue).");
        Meter.CreateObservableCounter("crucible.account_events.publish_failures", () => Interlocked.Read(ref accountEventPublishFailures), "{operation}",
            "Committed account operations whose events could not be published.");
    }

    public static void TickPublished(string symbol) => TicksPublished.Add(1, new KeyValuePair<string, object?>("symbol", symbol));

    /// <summary>A tick's publish failed; the symbol goes to the feed's log, the count to this total.</summary>
    public static void TickPublishFailed(string symbol) => Interlocked.Increment(ref tickPublishFailures);

    public static void QuoteApplied() => QuotesApplied.Add(1);

    public static void QuotesParkedBy(long count) => QuotesParked.Add(count);

    /// <summary>A tick was checked against an account's rules at <paramref name="now"/> (engine clock, as the quote's time).</summary>
    public static void RuleChecked(DateTimeOffset quoteTime, DateTimeOffset now)
    {
        RuleChecks.Add(1);
        // A replayed or test quote may carry a time ahead of the clock; a negative latency means nothing.
        RuleCheckLatency.Record(Math.Max(0, (now - quoteTime).TotalMilliseconds));
    }

    public static void RuleEventRecorded(RuleEventKind kind) => RuleEvents.Add(1, new KeyValuePair<string, object?>("kind", KindTag(kind)));

    /// <summary>The timestamp an order command's duration is measured from.</summary>
    public static long CommandStarted() => Stopwatch.GetTimestamp();

    public static void OrderCommandHandled(long started, Order? order, OrderError? error)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", Outcome(order, error));
        OrderCommands.Add(1, outcome);
        OrderCommandDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome);
    }

    public static void FillExecuted() => Fills.Add(1);

    public static void AccountEventsPublishFailed() => Interlocked.Increment(ref accountEventPublishFailures);

    public static void AccountActivated() => Interlocked.Increment(ref activeAccounts);

    public static void AccountDeactivated() => Interlocked.Decrement(ref activeAccounts);

    /// <summary>"accepted", or the refusal's code as the REST API spells it (snake_case: insufficient_buying_power).</summary>
    public static string Outcome(Order? order, OrderError? error) =>
        error is not null ? CodeTags.GetValueOrDefault(error.Code, "other")
        : order is { Status: OrderStatus.Rejected } ? CodeTags.GetValueOrDefault(order.RejectReason ?? OrderErrorCode.MarketClosed, "other")
        : "accepted";

    private static string KindTag(RuleEventKind kind) => KindTags.GetValueOrDefault(kind, "other");

    // Spelled once, not per recording: a tag value must not allocate on the hot path.
    private static readonly FrozenDictionary<OrderErrorCode, string> CodeTags =
        Enum.GetValues<OrderErrorCode>().Distinct().ToFrozenDictionary(c => c, c => Snake(c.ToString()));

    private static readonly FrozenDictionary<RuleEventKind, string> KindTags =
        Enum.GetValues<RuleEventKind>().Distinct().ToFrozenDictionary(k => k, k => Snake(k.ToString()));

    private static string Snake(string pascal) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}
