using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Crucible.Api.Tests.AssessmentTestClient;

namespace Crucible.Api.Tests.Analytics;

/// <summary>
/// A scripted assessment on the test future (×50, 2.25 commission a contract a side): a winning and a losing round trip,
/// read back as trades, statistics, equity history and reports in JSON, CSV and HTML.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class AnalyticsApiTests(CrucibleApiFactory factory)
{
    private readonly AssessmentTestClient client = new(factory);

    private TradingTestClient Trading => new(factory, client.User);

    private HttpClient Http => client.Http;

    /// <summary>
    /// Buys 1 at the ask 5,000.25 and sells it at the bid 5,010.00: (5,010 − 5,000.25) × 50 = 487.50 gross, 483.00 net.
    /// Buys 1 at 5,010.25 and sells it at 4,990.00: (4,990 − 5,010.25) × 50 = −1,012.50 gross, −1,017.00 net.
    /// </summary>
    private async Task<(string AssessmentId, string AccountId)> ScriptAsync()
    {
        var assessment = await client.BuyAsync();
        var account = (string)assessment["currentAccountId"]!;
        var order = (string side, int quantity) => new { symbol = CrucibleApiFactory.ExternalSymbol, side, type = "market", quantity };
        await Trading.QuoteAsync(5000.00m, 5000.25m);
        await Trading.PostOrderOkAsync(account, order("buy", 1));
        await Trading.QuoteAsync(5010.00m, 5010.25m);
        await Trading.PostOrderOkAsync(account, order("sell", 1));
        await Trading.PostOrderOkAsync(account, order("buy", 1));
        await Trading.QuoteAsync(4990.00m, 4990.25m);
        await Trading.PostOrderOkAsync(account, order("sell", 1));
        return ((string)assessment["id"]!, account);
    }

    [Fact]
    public async Task Trades_of_a_scripted_assessment_are_its_round_trips_with_commissions_and_excursions()
    {
        var (id, account) = await ScriptAsync();

        var body = await ReadAsync(await Http.GetAsync($"/api/v1/assessments/{id}/trades"), HttpStatusCode.OK);
        var phase = body["accounts"]!.AsArray().Single()!;
        var trades = phase["roundTrips"]!.AsArray();

        Assert.Equal(account, (string)phase["accountId"]!);
        Assert.Equal(2, trades.Count);
        Assert.Equal((5000.25m, 5010.00m, 1m, 487.50m, 4.50m, 483.00m, "long"),
            ((decimal)trades[0]!["entryPrice"]!, (decimal)trades[0]!["exitPrice"]!, (decimal)trades[0]!["quantity"]!, (decimal)trades[0]!["grossPnl"]!,
                (decimal)trades[0]!["commission"]!, (decimal)trades[0]!["netPnl"]!, (string)trades[0]!["direction"]!));
        // At the entry the account was marked at the bid 5,000.00: −12.50; the best it saw was the exit, +487.50.
        Assert.Equal((-12.50m, 487.50m), ((decimal)trades[0]!["mae"]!, (decimal)trades[0]!["mfe"]!));
        Assert.Equal((1m, -1012.50m, 4.50m, -1017.00m),
            ((decimal)trades[1]!["quantity"]!, (decimal)trades[1]!["grossPnl"]!, (decimal)trades[1]!["commission"]!, (decimal)trades[1]!["netPnl"]!));
        Assert.Empty(phase["open"]!.AsArray());
        var same = await ReadAsync(await Http.GetAsync($"/api/v1/accounts/{account}/trades"), HttpStatusCode.OK);
        Assert.Equal(trades.ToJsonString(), same["roundTrips"]!.ToJsonString());
    }

    [Fact]
    public async Task Statistics_and_equity_history_follow_the_scripted_trades()
    {
        var (id, account) = await ScriptAsync();

        var statistics = (await ReadAsync(await Http.GetAsync($"/api/v1/accounts/{account}/statistics"), HttpStatusCode.OK))["statistics"]!;
        var equity = await ReadAsync(await Http.GetAsync($"/api/v1/assessments/{id}/equity?resolution=1d"), HttpStatusCode.OK);

        Assert.Equal((2, 1, 1), ((int)statistics["trades"]!, (int)statistics["winners"]!, (int)statistics["losers"]!));
        Assert.Equal((-534.00m, 9.00m, 50m), ((decimal)statistics["netPnl"]!, (decimal)statistics["commissions"]!, (decimal)statistics["tradeWinRate"]!));
        Assert.Equal(0.4749m, (decimal)statistics["profitFactor"]!);   // 483 ÷ 1,017
        Assert.Equal("Europe/Prague", (string)statistics["dayTimeZone"]!);
        Assert.Equal(100_000m - 534m, (decimal)statistics["endEquity"]!);
        var bar = equity["accounts"]![0]!["bars"]!.AsArray().Last()!;
        Assert.Equal(99_466.00m, (decimal)bar["close"]!);
        // Classic 2-step: daily loss 5 % of the day-start balance, static overall floor 10 % below 100,000.
        Assert.Equal((95_000m, 90_000m), ((decimal)bar["dailyFloor"]!, (decimal)bar["overallFloor"]!));
    }

    [Fact]
    public async Task The_csv_and_html_reports_carry_the_values_of_the_json_report()
    {
        var (id, _) = await ScriptAsync();
        // A fixed period, so the three requests describe the same thing however long they take.
        var period = $"from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}";

        var json = await ReadAsync(await Http.GetAsync($"/api/v1/assessments/{id}/reports/performance?{period}"), HttpStatusCode.OK);
        var csvResponse = await Http.GetAsync($"/api/v1/assessments/{id}/reports/performance?{period}&format=csv");
        var htmlResponse = await Http.GetAsync($"/api/v1/assessments/{id}/reports/performance?{period}&format=html");

        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text/html", htmlResponse.Content.Headers.ContentType!.MediaType);
        var csv = Csv(await csvResponse.Content.ReadAsStringAsync());
        var html = await htmlResponse.Content.ReadAsStringAsync();
        var statistics = json["accounts"]![0]!["statistics"]!.AsObject();
        var row = csv["accounts"].Single();
        var compared = 0;
        foreach (var (name, value) in statistics.Where(p => p.Value is JsonValue))
        {
            Assert.True(row.TryGetValue($"statistics.{name}", out var cell), $"the CSV has no column statistics.{name}");
            Assert.True(Same(value, cell), $"statistics.{name}: JSON {value?.ToJsonString()}, CSV '{cell}'");
            if (value is not null) Assert.Contains($"<td>{System.Net.WebUtility.HtmlEncode(cell)}</td>", html);
            compared++;
        }
        Assert.True(compared > 30, $"only {compared} figures compared");
        Assert.Equal(statistics["byHour"]!.AsArray().Count, csv["accounts.statistics.byHour"].Count);
        Assert.Contains("<svg", html);
        Assert.Contains("<polyline", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotMatch("(src|href)=\"https?:", html);

        var trades = await ReadAsync(await Http.GetAsync($"/api/v1/assessments/{id}/reports/trades"), HttpStatusCode.OK);
        var tradeRows = Csv(await (await Http.GetAsync($"/api/v1/assessments/{id}/reports/trades?format=csv")).Content.ReadAsStringAsync())["accounts.roundTrips"];
        Assert.Equal(trades["accounts"]![0]!["roundTrips"]!.AsArray().Select(t => ((decimal)t!["netPnl"]!, (string)t["entryFillId"]!)),
            tradeRows.Select(r => (decimal.Parse(r["netPnl"], CultureInfo.InvariantCulture), r["entryFillId"])));
    }

    [Fact]
    public async Task Summary_risk_and_compliance_reports_describe_the_assessment()
    {
        var (id, account) = await ScriptAsync();

        var summary = await ReadAsync(await Http.GetAsync($"/api/v1/assessments/{id}/reports/summary"), HttpStatusCode.OK);
        var risk = await ReadAsync(await Http.GetAsync($"/api/v1/assessments/{id}/reports/risk"), HttpStatusCode.OK);
        var compliance = await ReadAsync(await Http.GetAsync($"/api/v1/assessments/{id}/reports/compliance"), HttpStatusCode.OK);
        var html = await (await Http.GetAsync($"/api/v1/assessments/{id}/reports/summary?format=html")).Content.ReadAsStringAsync();

        var phase = summary["phases"]![0]!;
        Assert.Equal(("classic-2step-100k", account, "active", 2, -534.00m),
            ((string)summary["plan"]!["id"]!, (string)phase["accountId"]!, (string)phase["verdict"]!, (int)phase["trades"]!, (decimal)phase["netPnl"]!));
        Assert.Contains("dailyLoss", phase["objectives"]!.AsArray().Select(o => (string)o!["rule"]!));
        Assert.Contains("profitTarget", phase["objectives"]!.AsArray().Select(o => (string)o!["rule"]!));
        Assert.True((decimal)risk["accounts"]![0]!["maxDrawdown"]! >= 1017m - 487.50m);
        Assert.Equal(["purchased", "phase_started"], compliance["actions"]!.AsArray().Select(a => (string)a!["cause"]!));
        Assert.Contains("<h1>Assessment summary", html);
        Assert.Contains(account, html);
    }

    [Theory]
    [InlineData("/equity?resolution=5m", "resolution")]
    [InlineData("/reports/performance?format=xml", "format")]
    [InlineData("/statistics?from=yesterday", "from")]
    [InlineData("/statistics?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    [InlineData("/trades?limit=5", "limit")]
    [InlineData("/reports/summary?from=2026-03-02T00:00:00Z", "from")]
    public async Task An_invalid_query_parameter_is_a_400_naming_it(string path, string field)
    {
        var assessment = await client.BuyAsync();
        var route = path.StartsWith("/reports/summary", StringComparison.Ordinal) ? $"/api/v1/assessments/{assessment["id"]}" : $"/api/v1/accounts/{assessment["currentAccountId"]}";

        await AssertInvalidAsync(await Http.GetAsync(route + path), field);
    }

    [Fact]
    public async Task Another_traders_account_or_assessment_is_404_and_an_evaluator_reads_it()
    {
        var assessment = await client.BuyAsync();
        var stranger = await TestUsers.NewTraderAsync(factory);
        var evaluator = await client.EvaluatorAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/v1/accounts/{assessment["currentAccountId"]}/statistics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/v1/assessments/{assessment["id"]}/reports/compliance?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/v1/assessments/{assessment["id"]}/statistics?bogus=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await evaluator.Http.GetAsync($"/api/v1/assessments/{assessment["id"]}/reports/summary?format=html")).StatusCode);
    }

    [Fact]
    public async Task A_paper_accounts_statistics_run_on_its_closed_balance_and_utc_days()
    {
        var trading = new TradingTestClient(factory);
        var account = await trading.OpenAccountAsync();
        await trading.QuoteAsync(5000.00m, 5000.25m);
        await trading.PostOrderOkAsync(account, new { symbol = CrucibleApiFactory.ExternalSymbol, side = "buy", type = "market", quantity = 1 });
        await trading.QuoteAsync(5010.00m, 5010.25m);
        await trading.PostOrderOkAsync(account, new { symbol = CrucibleApiFactory.ExternalSymbol, side = "sell", type = "market", quantity = 1 });

        var statistics = (await trading.GetAsync($"/api/v1/accounts/{account}/statistics"))["statistics"]!;
        var trade = (await trading.GetAsync($"/api/v1/accounts/{account}/trades"))["roundTrips"]![0]!;

        Assert.Equal(("UTC", 1), ((string)statistics["dayTimeZone"]!, (int)statistics["trades"]!));
        Assert.Equal((decimal)statistics["netPnl"]!, (decimal)statistics["equityChange"]!);
        Assert.Null(trade["mae"]);   // a paper account keeps no equity samples
    }

    [Fact]
    public async Task The_openapi_document_lists_every_analytics_route()
    {
        var document = (await Http.GetFromJsonAsync<JsonNode>("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();

        string[] account = ["trades", "statistics", "equity", "reports/trades", "reports/performance", "reports/risk"];
        string[] assessment = [.. account, "reports/summary", "reports/compliance"];
        Assert.Superset(account.Select(p => $"/api/v1/accounts/{{accountId}}/{p}").Concat(assessment.Select(p => $"/api/v1/assessments/{{assessmentId}}/{p}")).ToHashSet(), paths);
    }

    /// <summary>Each <c># name</c> table of a CSV report as rows of column → cell.</summary>
    private static Dictionary<string, List<Dictionary<string, string>>> Csv(string text)
    {
        var tables = new Dictionary<string, List<Dictionary<string, string>>>();
        foreach (var block in text.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var header = Cells(lines[1]);
            tables[lines[0][2..]] = [.. lines.Skip(2).Select(l => header.Zip(Cells(l)).ToDictionary(p => p.First, p => p.Second))];
        }
        return tables;
    }

    private static List<string> Cells(string line) =>
        [.. CsvCell().Matches(line).Select(m => m.Groups[1].Success ? m.Groups[1].Value.Replace("\"\"", "\"") : m.Groups[2].Value)];

    [GeneratedRegex("(?:^|,)(?:\"((?:[^\"]|\"\")*)\"|([^,]*))")]
    private static partial Regex CsvCell();

    private static bool Same(JsonNode? json, string cell) => json switch
    {
        null => cell.Length == 0,
        JsonValue v when v.TryGetValue<string>(out var s) => s == cell,
        JsonValue v when v.TryGetValue<bool>(out var b) => cell == (b ? "true" : "false"),
        _ => decimal.Parse(json.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) == decimal.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
