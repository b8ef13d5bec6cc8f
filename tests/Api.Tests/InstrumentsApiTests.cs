using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class InstrumentsApiTests(CrucibleApiFactory factory)
{
    private readonly HttpClient http = new() { BaseAddress = factory.ServerAddress };

    [Fact]
    public async Task Catalog_lists_at_least_twelve_instruments_across_every_kind()
    {
        var instruments = await http.GetFromJsonAsync<JsonArray>("/api/v1/instruments");

        Assert.True(instruments!.Count >= 12, $"{instruments.Count} instruments");
        var kinds = instruments.Select(i => (string)i!["kind"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "crypto", "equity", "future", "fx", "prediction" }, kinds);
        Assert.All(instruments, i =>
        {
            Assert.True((decimal)i!["tickSize"]! > 0);
            Assert.True((decimal)i["lotSize"]! > 0);
            Assert.True((decimal)i["multiplier"]! > 0);
        });
        var es = instruments.Single(i => (string)i!["symbol"]! == "ES")!;
        Assert.Equal(0.25m, (decimal)es["tickSize"]!);
        Assert.Equal(50m, (decimal)es["multiplier"]!);
        Assert.Equal("America/Chicago", (string)es["hours"]!["timeZone"]!);
        var btc = instruments.Single(i => (string)i!["symbol"]! == "BTC-USD")!;
        Assert.True((bool)btc["marketOpen"]!, "crypto trades around the clock");
    }

    [Fact]
    public async Task A_crypto_quote_changes_price_and_sequence_within_two_seconds()
    {
        var first = await WaitForQuoteAsync("BTC-USD");
        var deadline = DateTime.UtcNow.AddSeconds(2);
        JsonNode? later = null;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            later = (await http.GetFromJsonAsync<JsonNode>("/api/v1/instruments/BTC-USD"))!["quote"];
            if ((long)later!["sequence"]! > (long)first["sequence"]! && (decimal)later["last"]! != (decimal)first["last"]!)
                break;
        }
        Assert.True((long)later!["sequence"]! > (long)first["sequence"]!, "sequence did not advance");
        Assert.NotEqual((decimal)first["last"]!, (decimal)later["last"]!);
    }

    [Fact]
    public async Task Symbols_are_matched_case_insensitively_and_answered_in_catalog_spelling()
    {
        var instrument = await http.GetFromJsonAsync<JsonNode>("/api/v1/instruments/eth-usd");
        Assert.Equal("ETH-USD", (string)instrument!["symbol"]!);
    }

    [Fact]
    public async Task Unknown_symbol_is_a_404_problem_naming_the_symbol()
    {
        foreach (var path in new[] { "/api/v1/instruments/NOPE-USD", "/api/v1/instruments/NOPE-USD/bars" })
        {
            var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonNode>();
            Assert.Equal(404, (int)problem!["status"]!);
            Assert.Equal("NOPE-USD", (string)problem["symbol"]!);
            Assert.Contains("NOPE-USD", (string)problem["detail"]!);
        }
    }

    [Theory]
    [InlineData("interval=5m", "interval")]
    [InlineData("interval=", "interval")]
    [InlineData("interval=1M", "interval")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=2.5", "limit")]
    public async Task Bad_bar_parameters_are_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        var response = await http.GetAsync($"/api/v1/instruments/BTC-USD/bars?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonNode>();
        var errors = problem!["errors"]!.AsObject();
        Assert.Equal([parameter], errors.Select(e => e.Key));
        Assert.Contains(parameter, (string)problem["detail"]!);
    }

    [Fact]
    public async Task Bars_come_oldest_first_within_the_limit_and_bracket_the_closes()
    {
        await WaitForQuoteAsync("ETH-USD");
        await Task.Delay(2_200); // let a few one-second bars close

        var page = await http.GetFromJsonAsync<JsonNode>("/api/v1/instruments/ETH-USD/bars?interval=1s&limit=3");

        Assert.Equal("1s", (string)page!["interval"]!);
        var bars = page["bars"]!.AsArray();
        Assert.InRange(bars.Count, 2, 3);
        var starts = bars.Select(b => DateTimeOffset.Parse((string)b!["start"]!)).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.All(bars, b =>
        {
            var (open, high, low, close) = ((decimal)b!["open"]!, (decimal)b["high"]!, (decimal)b["low"]!, (decimal)b["close"]!);
            Assert.True(low <= Math.Min(open, close) && high >= Math.Max(open, close));
            Assert.True((int)b["tickCount"]! >= 1);
        });
    }

    [Fact]
    public async Task Health_and_readiness_answer_ok_when_the_cluster_is_up()
    {
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        var ready = await http.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_replayed_sample_instrument_quotes_at_the_engines_time_and_shows_the_recorded_time()
    {
        var quote = await WaitForQuoteAsync("SAMPLE");
        var now = DateTimeOffset.UtcNow;

        // The engine clock of the API host is the system's; the shipped recording is of 2026-01-05 from 14:30Z.
        Assert.InRange((DateTimeOffset)quote["time"]!, now.AddHours(-1), now.AddSeconds(1));
        var recordedAt = (DateTimeOffset)quote["recordedAt"]!;
        Assert.Equal(new DateOnly(2026, 1, 5), DateOnly.FromDateTime(recordedAt.UtcDateTime));
    }

    [Fact]
    public async Task OpenApi_document_describes_the_instrument_endpoints()
    {
        var document = await http.GetFromJsonAsync<JsonNode>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/instruments", paths);
        Assert.Contains("/api/v1/instruments/{symbol}", paths);
        Assert.Contains("/api/v1/instruments/{symbol}/bars", paths);
    }

    [Fact]
    public async Task The_live_page_and_its_scripts_are_served_by_the_app()
    {
        var page = await http.GetStringAsync("/");
        Assert.Contains("/lib/signalr/signalr.min.js", page);
        Assert.DoesNotContain("https://", page);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/lib/signalr/signalr.min.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/js/app.js")).StatusCode);
    }

    private async Task<JsonNode> WaitForQuoteAsync(string symbol)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var quote = (await http.GetFromJsonAsync<JsonNode>($"/api/v1/instruments/{symbol}"))!["quote"];
            if (quote is not null && quote.GetValueKind() != JsonValueKind.Null)
                return quote;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{symbol} never quoted");
            await Task.Delay(100);
        }
    }
}
