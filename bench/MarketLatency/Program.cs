using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR.Client;

// Tick-to-client latency of a running Crucible host: the time from a quote's timestamp (set where the
// feed grain produced it) to its arrival at a real SignalR client, for every instrument, over a fixed
// window. Same-run baseline: round trips of GET /health on the same host (plain Kestrel, no Orleans).
// Usage: dotnet run -c Release --project bench/MarketLatency -- [url] [seconds]
var url = new Uri(args.Length > 0 ? args[0] : "http://localhost:5000");
var seconds = args.Length > 1 ? int.Parse(args[1]) : 30;

using var http = new HttpClient { BaseAddress = url };
var symbols = (await http.GetFromJsonAsync<JsonArray>("/api/v1/instruments"))!
    .Select(i => (string)i!["symbol"]!).ToArray();

var latency = new LongHistogram(TimeStamp.Seconds(10), 3);
var gaps = 0L;
var lastSequence = new Dictionary<string, long>();
var gate = new Lock();
await using var connection = new HubConnectionBuilder().WithUrl(new Uri(url, "/hubs/market")).Build();
connection.On<JsonObject>("Quote", quote =>
{
    var micros = (DateTimeOffset.UtcNow - DateTimeOffset.Parse((string)quote["time"]!)).Ticks / 10;
    var symbol = (string)quote["symbol"]!;
    var sequence = (long)quote["sequence"]!;
    lock (gate)
    {
        latency.RecordValue(Math.Max(0, micros));
        if (lastSequence.TryGetValue(symbol, out var previous) && sequence != previous + 1)
            gaps++;
        lastSequence[symbol] = sequence;
    }
});
await connection.StartAsync();
await connection.InvokeAsync<JsonArray>("Subscribe", symbols);
Console.WriteLine($"Measuring {symbols.Length} instruments for {seconds} s against {url} …");
await Task.Delay(TimeSpan.FromSeconds(seconds));
await connection.StopAsync();

var baseline = new LongHistogram(TimeStamp.Seconds(10), 3);
for (var i = 0; i < 2_000; i++)
{
    var started = Stopwatch.GetTimestamp();
    (await http.GetAsync("/health")).EnsureSuccessStatusCode();
    baseline.RecordValue((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
}

static string Row(string name, HistogramBase h) =>
    $"{name,-34} n={h.TotalCount,7}  p50={Ms(h, 50),8}  p90={Ms(h, 90),8}  p99={Ms(h, 99),8}  max={h.GetMaxValue() / 1000.0,8:F2} ms";
static string Ms(HistogramBase h, double p) => $"{h.GetValueAtPercentile(p) / 1000.0:F2}";

Console.WriteLine(Row("tick → SignalR client (one way)", latency));
Console.WriteLine(Row("baseline: GET /health round trip", baseline));
Console.WriteLine($"sequence gaps (conflated or missed): {gaps}");
