using System.Text.Json.Nodes;

namespace Crucible.Api.Analytics;

/// <summary>One table of a report: a name (its path in the JSON report), its columns and its rows of cell texts.</summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Turns a report's JSON into the tables its CSV and HTML show, so the three formats cannot disagree: the scalars of an
/// object become rows of a two-column table (field, value) named by the object's path; an array of objects becomes a
/// table with one row per item and one column per scalar field (nested objects' fields dotted: <c>bestDay.netPnl</c>);
/// arrays inside those items become tables of their own, whose first column names the parent row (<c>phases#</c>, counted
/// from 1). A cell is the JSON value's text: strings unquoted, numbers as written, null empty.
/// </summary>
public static class ReportTables
{
    public static IReadOnlyList<ReportTable> From(JsonNode report)
    {
        var tables = new List<ReportTable>();
        Walk(report, "report", [], [], tables);
        return tables;
    }

    private static void Walk(JsonNode? node, string path, List<string> parentColumns, List<string> parentCells, List<ReportTable> tables)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                var rows = new List<IReadOnlyList<string>>();
                var nested = new List<(string Name, JsonNode? Value)>();
                Flatten(obj, "", (key, value) => rows.Add([.. parentCells, key, value]), nested);
                if (rows.Count > 0) tables.Add(new ReportTable(path, [.. parentColumns, "field", "value"], rows));
                foreach (var (name, value) in nested) Walk(value, Join(path, name), parentColumns, parentCells, tables);
                break;
            }
            case JsonArray array when array.All(i => i is JsonObject):
            {
                var items = array.Cast<JsonObject>().ToList();
                // An empty list inside an item is no table (its parent shows the item); a top-level one is an empty table.
                if (items.Count == 0 && parentColumns.Count > 0) break;
                var columns = new List<string>();
                var cells = new List<Dictionary<string, string>>();
                var children = new List<(int Index, string Name, JsonNode? Value)>();
                for (var i = 0; i < items.Count; i++)
                {
                    var row = new Dictionary<string, string>(StringComparer.Ordinal);
                    var nested = new List<(string Name, JsonNode? Value)>();
                    Flatten(items[i], "", (key, value) =>
                    {
                        if (!columns.Contains(key)) columns.Add(key);
                        row[key] = value;
                    }, nested);
                    cells.Add(row);
                    children.AddRange(nested.Select(n => (i + 1, n.Name, n.Value)));
                }
                var name = path;
                tables.Add(new ReportTable(name, [.. parentColumns, .. columns],
                    [.. cells.Select((row, i) => (IReadOnlyList<string>)[.. parentCells, .. columns.Select(c => row.GetValueOrDefault(c, ""))])]));
                // An item's own arrays: one table per array name, each row prefixed with its item's number.
                foreach (var group in children.GroupBy(c => c.Name))
                {
                    var childColumns = new List<string>(parentColumns) { Leaf(path) + "#" };
                    foreach (var (index, _, value) in group)
                        WalkInto(value, Join(path, group.Key), childColumns, [.. parentCells, index.ToString(System.Globalization.CultureInfo.InvariantCulture)], tables);
                }
                break;
            }
        }
    }

    // Several items' arrays of one name land in one table.
    private static void WalkInto(JsonNode? value, string path, List<string> columns, List<string> cells, List<ReportTable> tables)
    {
        var before = tables.Count;
        Walk(value, path, columns, cells, tables);
        for (var i = before; i < tables.Count; i++)
        {
            var added = tables[i];
            var existing = tables.Take(before).Select((t, k) => (t, k)).FirstOrDefault(x => x.t.Name == added.Name && x.t.Columns.SequenceEqual(added.Columns));
            if (existing.t is null) continue;
            tables[existing.k] = existing.t with { Rows = [.. existing.t.Rows, .. added.Rows] };
            tables.RemoveAt(i--);
        }
    }

    /// <summary>Scalars (and nested objects' scalars, dotted) to <paramref name="emit"/>; arrays of objects to <paramref name="nested"/>.</summary>
    private static void Flatten(JsonObject obj, string prefix, Action<string, string> emit, List<(string Name, JsonNode? Value)> nested)
    {
        foreach (var (key, value) in obj)
        {
            var name = prefix + key;
            switch (value)
            {
                case JsonObject inner:
                    Flatten(inner, name + ".", emit, nested);
                    break;
                case JsonArray array when array.Count > 0 && array.All(i => i is JsonObject):
                    nested.Add((name, array));
                    break;
                case JsonArray array when array.Count == 0:
                    nested.Add((name, array));
                    break;
                case JsonArray array:
                    emit(name, string.Join("; ", array.Select(Text)));
                    break;
                default:
                    emit(name, Text(value));
                    break;
            }
        }
    }

    public static string Text(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    private static string Join(string path, string name) => path == "report" ? name : $"{path}.{name}";

    private static string Leaf(string path) => path[(path.LastIndexOf('.') + 1)..];
}
