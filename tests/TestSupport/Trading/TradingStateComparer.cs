using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

/// <summary>
/// Field-by-field differences between what two targets report, as readable lines ("O-7.Status: expected
/// Filled, actual Accepted"). Money is compared exactly: both sides keep whole cents.
/// </summary>
public static class TradingStateComparer
{
    // Averages are quotients kept at full decimal precision; evaluated in another (equally valid) order they
    // can differ in the last of 28 digits, so they are compared to within this much.
    private const decimal AverageTolerance = 0.000_000_000_001m;

    private static readonly HashSet<string> Averages = [nameof(Order.AverageFillPrice), nameof(Position.AverageEntryPrice)];

    public static IReadOnlyList<string> Outcome(TradingOutcome expected, TradingOutcome actual)
    {
        var differences = new List<string>();
        if (expected.ErrorCode != actual.ErrorCode) differences.Add($"outcome.ErrorCode: expected {Show(expected.ErrorCode)}, actual {Show(actual.ErrorCode)}");
        if (expected.ErrorField != actual.ErrorField) differences.Add($"outcome.ErrorField: expected {Show(expected.ErrorField)}, actual {Show(actual.ErrorField)}");
        if (expected.Duplicate != actual.Duplicate) differences.Add($"outcome.Duplicate: expected {expected.Duplicate}, actual {actual.Duplicate}");
        if ((expected.Order is null) != (actual.Order is null))
            differences.Add($"outcome.Order: expected {Show(expected.Order)}, actual {Show(actual.Order)}");
        else if (expected.Order is not null)
            differences.AddRange(Record("outcome.Order", expected.Order, actual.Order!));
        return differences;
    }

    public static IReadOnlyList<string> Lists<T>(string name, IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, string> key)
        where T : notnull
    {
        var differences = new List<string>();
        if (expected.Count != actual.Count) differences.Add($"{name}.Count: expected {expected.Count}, actual {actual.Count}");
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            differences.AddRange(Record($"{name}[{key(expected[i])}]", expected[i], actual[i]));
        for (var i = actual.Count; i < expected.Count; i++) differences.Add($"{name}: missing {Show(expected[i])}");
        for (var i = expected.Count; i < actual.Count; i++) differences.Add($"{name}: unexpected {Show(actual[i])}");
        return differences;
    }

    public static IReadOnlyList<string> Record<T>(string name, T expected, T actual) where T : notnull
    {
        var differences = new List<string>();
        foreach (var property in Properties(typeof(T)))
        {
            var e = property.GetValue(expected);
            var a = property.GetValue(actual);
            if (!Same(property.Name, e, a)) differences.Add($"{name}.{property.Name}: expected {Show(e)}, actual {Show(a)}");
        }

        return differences;
    }

    /// <summary>A record on one line with every field, lists spelled out.</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        DateTimeOffset t => t.ToString("O"),
        IEnumerable list and not string => $"[{string.Join(", ", list.Cast<object?>().Select(Show))}]",
        _ when value.GetType().Namespace == typeof(Order).Namespace && !value.GetType().IsEnum =>
            $"{value.GetType().Name} {{ {string.Join(", ", Properties(value.GetType()).Select(p => $"{p.Name} = {Show(p.GetValue(value))}"))} }}",
        _ => value.ToString() ?? "",
    };

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    /// <summary>Every public property of a record (looked up once per type: checkpoints compare thousands of orders).</summary>
    private static PropertyInfo[] Properties(Type type) => PropertiesByType.GetOrAdd(type, t =>
        [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")]);

    private static bool Same(string name, object? expected, object? actual)
    {
        if (expected is decimal e && actual is decimal a && Averages.Contains(name)) return Math.Abs(e - a) <= AverageTolerance;
        if (expected is IEnumerable x and not string && actual is IEnumerable y and not string)
            return x.Cast<object?>().SequenceEqual(y.Cast<object?>());
        return Equals(expected, actual);
    }
}
