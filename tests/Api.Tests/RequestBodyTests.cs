using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Crucible.Api.Trading;

namespace Crucible.Api.Tests;

/// <summary>
/// The request-body rules of docs/trading.md "Request bodies", one by one with their messages; the hostile suite
/// (Hostile/HostileInputTests) drives the same rules across every endpoint.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RequestBodyTests(CrucibleApiFactory factory)
{
    private const string Market = """ "symbol":"TEST-EXT","side":"buy","type":"market" """;
    private readonly TradingTestClient client = new(factory);

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; Charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public async Task A_json_body_in_utf_8_is_read_whatever_the_case_of_its_content_type(string contentType)
    {
        var account = await client.OpenAccountAsync();
        await client.QuoteAsync(5000.00m, 5000.25m);

        var response = await PostAsync(account, Encoding.UTF8.GetBytes($$"""{{{Market}},"quantity":1}"""), contentType);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Any_other_content_type_is_a_415_naming_Content_Type(string? contentType)
    {
        var account = await client.OpenAccountAsync();
        var before = await client.StateAsync(account);

        var response = await PostAsync(account, Encoding.UTF8.GetBytes($$"""{{{Market}},"quantity":1}"""), contentType);

        var problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Content-Type", (string)problem["field"]!);
        Assert.Contains("application/json", (string)problem["detail"]!);
        Assert.Equal(before, await client.StateAsync(account));
    }

    [Fact]
    public async Task Opening_an_account_from_text_plain_is_a_415_and_opens_nothing()
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..12];

        var response = await client.Http.PostAsync("/api/v1/accounts", new StringContent($$"""{"accountId":"{{id}}","initialBalance":1000}""", Encoding.UTF8, "text/plain"));

        Assert.Equal("Content-Type", (string)(await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType))["field"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/v1/accounts/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"symbol":"TEST-EXT","symbol":"ES","side":"buy","type":"market","quantity":1}""", "symbol")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"limit","quantity":1,"limitPrice":4900,"orderClass":"bracket","takeProfit":{"limitPrice":5100,"limitPrice":5200},"stopLoss":{"stopPrice":4800}}""", "takeProfit.limitPrice")]
    public async Task A_repeated_key_is_a_400_naming_its_path(string json, string field)
    {
        var account = await client.OpenAccountAsync();

        var problem = await ProblemAsync(await client.PostOrderAsync(account, json), HttpStatusCode.BadRequest);

        Assert.Equal([field], Fields(problem));
        Assert.Contains("more than once", (string)problem["errors"]![field]![0]!);
    }

    [Fact]
    public async Task A_repeated_key_when_opening_an_account_is_a_400_and_opens_nothing()
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..12];

        var response = await client.Http.PostAsync("/api/v1/accounts",
            new StringContent($$"""{"accountId":"{{id}}","initialBalance":1000,"initialBalance":1000000}""", Encoding.UTF8, "application/json"));

        Assert.Equal(["initialBalance"], Fields(await ProblemAsync(response, HttpStatusCode.BadRequest)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/v1/accounts/{id}")).StatusCode);
    }

    [Fact]
    public async Task Every_problem_of_the_raw_text_is_reported_at_once()
    {
        var account = await client.OpenAccountAsync();
        var json = Encoding.UTF8.GetBytes($$"""{{{Market}},"quantity":1,"takeProfit":{"limitPrice":"BAD"},"clientOrderId":"\udc00x","quantity":2}""");
        var at = json.AsSpan().IndexOf("BAD"u8);
        json[at] = 0xFF;

        var problem = await ProblemAsync(await PostAsync(account, json), HttpStatusCode.BadRequest);

        Assert.Equal(["clientOrderId", "quantity", "takeProfit.limitPrice"], Fields(problem).Order());
        Assert.Contains("surrogate", (string)problem["errors"]!["clientOrderId"]![0]!);
        Assert.Contains("not UTF-8", (string)problem["errors"]!["takeProfit.limitPrice"]![0]!);
    }

    [Theory]
    [InlineData("0.001000000000000000000000000001", "significant digits")]
    [InlineData("\"0.001000000000000000000000000001\"", "significant digits")]
    [InlineData("1e-29", "significant digits")]
    [InlineData("79228162514264337593543950336", "out of range")]
    [InlineData("-1e29", "out of range")]
    [InlineData("1e400", "out of range")]
    public async Task A_number_a_decimal_cannot_hold_exactly_is_a_400_saying_so_never_rounded(string quantity, string says)
    {
        var account = await client.OpenAccountAsync();
        var before = await client.StateAsync(account);

        var problem = await ProblemAsync(await client.PostOrderAsync(account, $$"""{{{Market}},"quantity":{{quantity}}}"""), HttpStatusCode.BadRequest);

        Assert.Equal(["quantity"], Fields(problem));
        Assert.Contains(says, (string)problem["errors"]!["quantity"]![0]!);
        Assert.Equal(before, await client.StateAsync(account));
    }

    [Theory]
    [InlineData("1.000000000000000000000000000000000")]
    [InlineData("1e0")]
    [InlineData("0.1E+1")]
    [InlineData("\"1.00\"")]
    public async Task A_number_written_with_extra_zeros_or_an_exponent_is_the_exact_value(string quantity)
    {
        var account = await client.OpenAccountAsync();
        await client.QuoteAsync(5000.00m, 5000.25m);

        var response = await client.PostOrderAsync(account, $$"""{{{Market}},"quantity":{{quantity}}}""");

        var order = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, order.ToJsonString());
        Assert.Equal(1m, (decimal)order["filledQuantity"]!);
    }

    [Theory]
    [InlineData("timeInForce")]
    [InlineData("orderClass")]
    [InlineData("limitPrice")]
    [InlineData("clientOrderId")]
    [InlineData("takeProfit")]
    public async Task A_null_for_an_optional_field_is_a_400_saying_it_must_not_be_null(string field)
    {
        var account = await client.OpenAccountAsync();

        var problem = await ProblemAsync(await client.PostOrderAsync(account, $$"""{{{Market}},"quantity":1,"{{field}}":null}"""), HttpStatusCode.BadRequest);

        Assert.Equal([field], Fields(problem));
        Assert.StartsWith("must not be null", (string)problem["errors"]![field]![0]!);
    }

    [Fact]
    public async Task A_null_inside_a_leg_names_the_legs_field()
    {
        var account = await client.OpenAccountAsync();
        var json = $$"""{{{Market}},"takeProfit":{"limitPrice":null},"stopLoss":{"stopPrice":4800},"orderClass":"bracket","quantity":1}""";

        var problem = await ProblemAsync(await client.PostOrderAsync(account, json), HttpStatusCode.BadRequest);

        Assert.Equal(["takeProfit.limitPrice"], Fields(problem));
        Assert.StartsWith("must not be null", (string)problem["errors"]!["takeProfit.limitPrice"]![0]!);
    }

    [Fact]
    public async Task A_cancel_with_a_body_is_refused_and_one_with_an_empty_body_works()
    {
        var account = await client.OpenAccountAsync();
        var order = await client.PostOrderOkAsync(account, new { symbol = CrucibleApiFactory.ExternalSymbol, side = "buy", type = "limit", quantity = 1, limitPrice = 4000.00m, timeInForce = "gtc" });
        var path = $"/api/v1/accounts/{account}/orders/{(string)order["id"]!}";

        var withBody = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
        var empty = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = new StringContent("", Encoding.UTF8, "application/json") });

        Assert.Equal(["body"], Fields(await ProblemAsync(withBody, HttpStatusCode.BadRequest)));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Theory]
    [InlineData("1", NumberStyles.Float, DecimalText.Outcome.Exact)]
    [InlineData("-0.000", NumberStyles.Float, DecimalText.Outcome.Exact)]
    [InlineData("79228162514264337593543950335", NumberStyles.Float, DecimalText.Outcome.Exact)]
    [InlineData("7.9228162514264337593543950335E+28", NumberStyles.Float, DecimalText.Outcome.Exact)]
    [InlineData("0.0000000000000000000000000001", NumberStyles.Float, DecimalText.Outcome.Exact)]
    [InlineData("0.00000000000000000000000000001", NumberStyles.Float, DecimalText.Outcome.TooPrecise)]
    [InlineData("1.00000000000000000000000000001", NumberStyles.Float, DecimalText.Outcome.TooPrecise)]
    [InlineData("79228162514264337593543950336", NumberStyles.Float, DecimalText.Outcome.OutOfRange)]
    [InlineData("1e99999999999", NumberStyles.Float, DecimalText.Outcome.OutOfRange)]
    [InlineData("NaN", NumberStyles.Float, DecimalText.Outcome.NotANumber)]
    [InlineData("Infinity", NumberStyles.Float, DecimalText.Outcome.NotANumber)]
    [InlineData("1e5", NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, DecimalText.Outcome.NotANumber)]
    public void DecimalText_tells_exact_from_rounded_and_out_of_range(string text, NumberStyles styles, DecimalText.Outcome expected) =>
        Assert.Equal(expected, DecimalText.TryParse(text, styles, out _));

    private Task<HttpResponseMessage> PostAsync(string account, byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return client.Http.PostAsync($"/api/v1/accounts/{account}/orders", content);
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }

    private static string[] Fields(JsonNode problem) => [.. problem["errors"]!.AsObject().Select(e => e.Key)];
}
