using System.Text.Json.Nodes;
using Crucible.Api.Analytics;

namespace Crucible.Api.Tests.Analytics;

public sealed class ReportTablesTests
{
    private static readonly JsonNode Report = JsonNode.Parse("""
        { "report": "trades", "subject": "account a, \"quoted\"",
          "accounts": [
            { "accountId": "a", "best": { "day": "2026-03-02", "netPnl": 12.50 }, "tags": ["x", "y"],
              "roundTrips": [ { "number": 1, "netPnl": -1.25, "mae": null }, { "number": 2, "netPnl": 3.00, "mae": -0.5 } ] },
            { "accountId": "b", "best": null, "tags": [], "roundTrips": [ { "number": 1, "netPnl": 7, "mae": null } ] } ] }
        """)!;

    [Fact]
    public void Scalars_are_field_value_rows_lists_are_tables_and_nested_lists_name_their_parent_row()
    {
        var tables = ReportTables.From(Report);

        Assert.Equal(["report", "accounts", "accounts.roundTrips"], tables.Select(t => t.Name));
        Assert.Equal([["report", "trades"], ["subject", "account a, \"quoted\""]], tables[0].Rows);
        Assert.Equal(["accountId", "best.day", "best.netPnl", "tags", "best"], tables[1].Columns);
        Assert.Equal(["a", "2026-03-02", "12.50", "x; y", ""], tables[1].Rows[0]);
        Assert.Equal(["accounts#", "number", "netPnl", "mae"], tables[2].Columns);
        Assert.Equal([["1", "1", "-1.25", ""], ["1", "2", "3.00", "-0.5"], ["2", "1", "7", ""]], tables[2].Rows);
    }

    [Fact]
    public void Csv_quotes_commas_and_quotes_and_keeps_negative_numbers_as_they_are()
    {
        var csv = CsvReportWriter.Write(ReportTables.From(Report));

        Assert.StartsWith("# report\r\nfield,value\r\nreport,trades\r\nsubject,\"account a, \"\"quoted\"\"\"\r\n\r\n# accounts\r\n", csv);
        Assert.Contains("\r\n1,1,-1.25,\r\n", csv);
    }

    [Fact]
    public void Html_encodes_every_cell()
    {
        var html = HtmlReportWriter.Write("<t>", [], ReportTables.From(JsonNode.Parse("""{ "note": "<script>alert(1)</script>" }""")!));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }
}
