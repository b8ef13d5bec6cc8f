using System.Net;
using System.Text;

namespace Crucible.Api.Tests.Hostile;

/// <summary>The bytes and headers of one request, exactly as sent.</summary>
public sealed record HostileRequest(byte[] Body, string? ContentType);

/// <summary>
/// One kind of hostile input, applied to an endpoint: how to build the request from the endpoint's valid body, the
/// status it must get, and the field the problem must name. A bodyless endpoint refuses any body with 400 on
/// <c>body</c>, whatever the case.
/// </summary>
public sealed record HostileCase(string Name, Func<WriteEndpoint, Scene, HostileRequest> Build, HttpStatusCode Status, Func<WriteEndpoint, string> Field,
    Func<WriteEndpoint, bool>? AppliesTo = null)
{
    private const string Json = "application/json";
    /// <summary>Replaced by raw bytes after encoding, for what a .NET string cannot hold.</summary>
    private const string InvalidUtf8Marker = "@@INVALID-UTF8@@";

    public override string ToString() => Name;

    public bool Applies(WriteEndpoint endpoint) => AppliesTo?.Invoke(endpoint) ?? true;

    /// <summary>Every case that applies to the endpoint.</summary>
    public static IEnumerable<HostileCase> For(WriteEndpoint endpoint) => Common.Concat(NullFor(endpoint)).Where(c => c.Applies(endpoint));

    public static readonly HostileCase[] Common =
    [
        Invalid("duplicate key", (e, s) => Body(Repeat(Fields(e, s), e.DuplicateField)), e => e.DuplicateField),
        Invalid("duplicate nested key", (e, s) => Body(With(e, s, e.NestedObject, $$"""{"{{e.NestedField}}":1,"{{e.NestedField}}":2}""")), e => $"{e.NestedObject}.{e.NestedField}"),
        Invalid("invalid UTF-8 in a string", (e, s) => Body(With(e, s, e.TextField, $"\"a{InvalidUtf8Marker}b\"")), e => e.TextField),
        Invalid("lone surrogate escape", (e, s) => Body(With(e, s, e.TextField, "\"a\\ud800b\"")), e => e.TextField),
        new("no Content-Type", (e, s) => Valid(e, s) with { ContentType = null }, HttpStatusCode.UnsupportedMediaType, _ => "Content-Type"),
        new("text/plain", (e, s) => Valid(e, s) with { ContentType = "text/plain" }, HttpStatusCode.UnsupportedMediaType, _ => "Content-Type"),
        new("charset=utf-16", (e, s) => new HostileRequest(Encoding.Unicode.GetBytes(Text(Fields(e, s))), "application/json; charset=utf-16"),
            HttpStatusCode.UnsupportedMediaType, _ => "Content-Type"),
        Number("30-digit number", "1.00000000000000000000000000001"),
        Number("number below decimal's smallest step", "1e-29"),
        Number("1e27", "1e27"),
        Number("decimal.MaxValue", "79228162514264337593543950335"),
        Number("1e28", "1e28"),
        Number("beyond decimal", "79228162514264337593543950336"),
        // A string is a decimal's text only where the field is a decimal; elsewhere "NaN" is a legal string.
        Number("NaN string", "\"NaN\"") with { AppliesTo = e => e.NumberIsDecimal },
        Number("Infinity string", "\"Infinity\"") with { AppliesTo = e => e.NumberIsDecimal },
        Number("-Infinity string", "\"-Infinity\"") with { AppliesTo = e => e.NumberIsDecimal },
        Invalid("malformed JSON", (e, s) => Raw(Text(Fields(e, s))[..^1] + ","), _ => "body"),
        Invalid("JSON array body", (e, s) => Raw("[" + Text(Fields(e, s)) + "]"), _ => "body"),
        Invalid("JSON string body", (_, _) => Raw("\"hello\""), _ => "body"),
        // An empty body is no body: a bodyless command with one is simply a normal request.
        Invalid("empty body", (_, _) => new HostileRequest([], Json), _ => "body") with { AppliesTo = e => e.TakesBody },
        new("oversized body", (e, s) => Body(With(e, s, "padding", $"\"{new string('x', 70_000)}\"")), HttpStatusCode.RequestEntityTooLarge, _ => "body"),
    ];

    /// <summary>JSON null for each field the endpoint's body has: never a value (docs/trading.md "Request bodies").</summary>
    public static IEnumerable<HostileCase> NullFor(WriteEndpoint endpoint) => endpoint.Fields is null
        ? []
        : NullableFields(endpoint).Select(field => Invalid($"null {field}", (e, s) => Body(With(e, s, field, "null")), _ => field));

    /// <summary>The fields of the valid body, plus the optional ones it leaves out.</summary>
    private static IEnumerable<string> NullableFields(WriteEndpoint endpoint) =>
        endpoint.Fields!(new Scene("a", "o", "asm", "n", "p", "t")).Select(f => f.Name).Concat(endpoint.OmittedFields ?? []);

    /// <summary>The fields with one of them given a second time (the first field when the endpoint takes no body).</summary>
    private static IEnumerable<(string Name, string Json)> Repeat((string Name, string Json)[] fields, string name) =>
        fields.Append(fields.FirstOrDefault(f => f.Name == name, fields[0]));

    private static HostileCase Invalid(string name, Func<WriteEndpoint, Scene, HostileRequest> build, Func<WriteEndpoint, string> field) =>
        new(name, build, HttpStatusCode.BadRequest, field);

    private static HostileCase Number(string name, string json) =>
        Invalid(name, (e, s) => Body(With(e, s, e.NumberField, json)), e => e.NumberField);

    private static (string Name, string Json)[] Fields(WriteEndpoint endpoint, Scene scene) =>
        endpoint.Fields?.Invoke(scene) ?? [("note", "\"a body the endpoint does not take\"")];

    /// <summary>The valid body with one field's value replaced, or the field added when the body lacks it.</summary>
    private static IEnumerable<(string Name, string Json)> With(WriteEndpoint endpoint, Scene scene, string field, string json)
    {
        var fields = Fields(endpoint, scene);
        return fields.Any(f => f.Name == field)
            ? fields.Select(f => f.Name == field ? (f.Name, json) : f)
            : fields.Append((field, json));
    }

    private static HostileRequest Valid(WriteEndpoint endpoint, Scene scene) => Body(Fields(endpoint, scene));

    private static string Text(IEnumerable<(string Name, string Json)> fields) =>
        "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Json}")) + "}";

    private static HostileRequest Body(IEnumerable<(string Name, string Json)> fields) => Raw(Text(fields));

    private static HostileRequest Raw(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var marker = Encoding.UTF8.GetBytes(InvalidUtf8Marker);
        var at = bytes.AsSpan().IndexOf(marker);
        if (at >= 0)
            // 0xC3 starts a two-byte sequence that '(' does not continue; 0xFF is never UTF-8.
            bytes = [.. bytes[..at], 0xC3, 0x28, 0xFF, .. bytes[(at + marker.Length)..]];
        return new HostileRequest(bytes, Json);
    }
}
