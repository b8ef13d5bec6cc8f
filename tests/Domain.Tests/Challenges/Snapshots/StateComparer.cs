using System.Collections;
using System.Globalization;
using System.Reflection;
using Crucible.Grains.Challenges.News;
using Crucible.Grains.Challenges.Rules;

namespace Crucible.Domain.Tests.Challenges.Snapshots;

/// <summary>
/// Compares two object graphs field by field, private fields included, so that a field a snapshot forgets shows up as
/// a difference without anyone listing the fields: decimals by value and scale (a message prints the scale), times by
/// instant and offset, collections by content (sets and dictionaries in any order). Only what is a cache or a per-call
/// buffer is skipped, by name, with the reason.
/// </summary>
internal static class StateComparer
{
    private static readonly Dictionary<(Type, string), string> Skipped = new()
    {
        // The last message an objective formatted: a cache of a pure function of its inputs.
        [(typeof(RuleMessageCache), "*")] = "message cache",
        // The events of the observation being evaluated: emptied at the start of every observation.
        [(typeof(RuleEvents), "*")] = "per-observation buffer",
        // The best day, worked out again from the closed P&L by day when asked.
        [(typeof(PhaseProgress), "bestDayProfit")] = "lazy cache",
        // The plan's news calendar, given to both (the same instance).
        [(typeof(NewsCalendar), "*")] = "configuration",
    };

    public static IReadOnlyList<string> Differences(object? expected, object? actual, string path = "")
    {
        var found = new List<string>();
        Compare(expected, actual, path, found, 0);
        return found;
    }

    private static void Compare(object? a, object? b, string path, List<string> found, int depth)
    {
        if (found.Count > 20) return;
        if (depth > 40) throw new InvalidOperationException($"object graph too deep at {path}");
        if (a is null || b is null)
        {
            if (a is not null || b is not null) found.Add($"{path}: {Show(a)} ≠ {Show(b)}");
            return;
        }
        var type = a.GetType();
        if (type != b.GetType())
        {
            found.Add($"{path}: {type.Name} ≠ {b.GetType().Name}");
            return;
        }
        if (Skipped.ContainsKey((type, "*"))) return;
        switch (a)
        {
            case decimal x:
                if (x != (decimal)b || x.Scale != ((decimal)b).Scale) found.Add($"{path}: {Show(a)} ≠ {Show(b)}");
                return;
            case DateTimeOffset x:
                if (!x.EqualsExact((DateTimeOffset)b)) found.Add($"{path}: {x:O} ≠ {(DateTimeOffset)b:O}");
                return;
            case TimeZoneInfo x:
                if (x.Id != ((TimeZoneInfo)b).Id) found.Add($"{path}: zone {x.Id} ≠ {((TimeZoneInfo)b).Id}");
                return;
            case string or bool or int or long or double or Enum or TimeSpan or TimeOnly or DateOnly or DateTime or Guid or char:
                if (!a.Equals(b)) found.Add($"{path}: {Show(a)} ≠ {Show(b)}");
                return;
            case Delegate or CultureInfo:
                return;
            case IDictionary x:
                var y = (IDictionary)b;
                var keys = x.Keys.Cast<object>().Select(Key).Order(StringComparer.Ordinal).ToList();
                var otherKeys = y.Keys.Cast<object>().Select(Key).Order(StringComparer.Ordinal).ToList();
                if (!keys.SequenceEqual(otherKeys))
                {
                    found.Add($"{path}: keys [{string.Join(", ", keys)}] ≠ [{string.Join(", ", otherKeys)}]");
                    return;
                }
                var byKey = y.Keys.Cast<object>().ToDictionary(Key, k => y[k]);
                foreach (var key in x.Keys.Cast<object>()) Compare(x[key], byKey[Key(key)], $"{path}[{Key(key)}]", found, depth + 1);
                return;
            case IEnumerable x when IsSet(type):
                var set = x.Cast<object>().Select(Key).Order(StringComparer.Ordinal).ToList();
                var otherSet = ((IEnumerable)b).Cast<object>().Select(Key).Order(StringComparer.Ordinal).ToList();
                if (!set.SequenceEqual(otherSet)) found.Add($"{path}: {{{string.Join(", ", set)}}} ≠ {{{string.Join(", ", otherSet)}}}");
                return;
            case IEnumerable x:
                var left = x.Cast<object?>().ToList();
                var right = ((IEnumerable)b).Cast<object?>().ToList();
                if (left.Count != right.Count)
                {
                    found.Add($"{path}: {left.Count} items ≠ {right.Count}");
                    return;
                }
                for (var i = 0; i < left.Count; i++) Compare(left[i], right[i], $"{path}[{i}]", found, depth + 1);
                return;
        }
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var name = field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>')] : field.Name;
                if (Skipped.ContainsKey((t, name)) || Skipped.ContainsKey((field.FieldType, "*"))) continue;
                Compare(field.GetValue(a), field.GetValue(b), $"{path}.{name}", found, depth + 1);
            }
        }
    }

    private static bool IsSet(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISet<>));

    private static string Key(object key) => key switch
    {
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "",
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
