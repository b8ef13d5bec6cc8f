using System.Text.Json;
using System.Text.Unicode;

namespace Crucible.Api.Trading;

/// <summary>
/// One pass over a body's raw UTF-8 before it becomes a <see cref="System.Text.Json.Nodes.JsonNode"/>, for what the
/// node model accepts silently or only throws on later, when a field is read (which surfaced as a 500): a field
/// given twice (which one would win is the parser's accident, not the client's intent), and strings that are not
/// Unicode text (bytes that are not UTF-8, an escaped surrogate without its pair). Every such field is reported,
/// named by its path (<c>takeProfit.limitPrice</c>); malformed JSON is one error on <c>body</c>.
/// </summary>
public static class JsonTextCheck
{
    public static Dictionary<string, string[]> Problems(ReadOnlySpan<byte> json, int maxDepth)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        var frames = new Stack<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var owner = frames.Peek();
                        if (Text(ref reader) is not { } name)
                        {
                            Add(errors, owner.Path.Length == 0 ? "body" : owner.Path, $"has a field name that is not Unicode text: {NotText(ref reader)}");
                            owner.Property = owner.Path.Length == 0 ? "body" : owner.Path;
                            break;
                        }
                        owner.Property = owner.Path.Length == 0 ? name : $"{owner.Path}.{name}";
                        if (!owner.Names!.Add(name))
                            Add(errors, owner.Property, "is given more than once; send each field once.");
                        break;
                    case JsonTokenType.StartObject:
                        frames.Push(new Frame(ValuePath(frames), new HashSet<string>(StringComparer.Ordinal)));
                        break;
                    case JsonTokenType.StartArray:
                        frames.Push(new Frame(ValuePath(frames), null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    case JsonTokenType.String:
                        var path = ValuePath(frames);
                        if (Text(ref reader) is null)
                            Add(errors, path.Length == 0 ? "body" : path, $"is not Unicode text: {NotText(ref reader)}");
                        break;
                    default:
                        ValuePath(frames);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            // The reader stops at the first syntax error; what it found before stands, the rest is unknown.
            errors["body"] = [$"Malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {e.Message}"];
        }
        return errors;
    }

    private static string? Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string NotText(ref Utf8JsonReader reader) => Utf8.IsValid(reader.ValueSpan)
        ? "it has an escaped surrogate (\\ud800–\\udfff) without its pair."
        : "it has bytes that are not UTF-8.";

    /// <summary>The path of the value the reader is at; moves an array to its next index.</summary>
    private static string ValuePath(Stack<Frame> frames)
    {
        if (frames.Count == 0)
            return "";
        var top = frames.Peek();
        return top.Names is null ? $"{top.Path}[{top.Index++}]" : top.Property;
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) => errors.TryAdd(field, [message]);

    /// <summary>An open object (with the names seen so far) or array (with the next index).</summary>
    private sealed class Frame(string path, HashSet<string>? names)
    {
        public string Path { get; } = path;
        public HashSet<string>? Names { get; } = names;
        public string Property { get; set; } = path;
        public int Index { get; set; }
    }
}
