using Crucible.Cluster.Tests.Driving;
using Xunit.Abstractions;

namespace Crucible.Cluster.Tests;

/// <summary>Prints what a driven run did, so a failing or a passing run can be read from the test output.</summary>
internal static class RunSummary
{
    private static string Code(string problem)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(problem)?["code"]?.GetValue<string>() ?? "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    public static void Write(ITestOutputHelper output, TradingDriver driver, TimeSpan disruptedAt)
    {
        output.WriteLine($"run done at {driver.Elapsed.TotalSeconds:0.0} s: {driver.Orders.Count} orders acknowledged " +
            $"({driver.Orders.Count(o => o.Status == "filled")} filled at once, {driver.Orders.Count(o => o.Attempts > 1)} after a retry), " +
            $"{driver.Cancels.Count} cancels, {driver.Refusals.Count} refusals, {driver.Errors.Count} failed attempts " +
            $"({driver.Errors.Count(e => e.At >= disruptedAt)} after the silo went)");
        foreach (var kind in driver.Errors.GroupBy(e => $"{e.Operation}: {e.What.Split(':')[0]}").OrderByDescending(g => g.Count()).Take(5))
            output.WriteLine($"  {kind.Count()} × {kind.Key}");
        foreach (var kind in driver.Refusals.GroupBy(r => $"{r.Operation}: {r.Status} {Code(r.Body)}").OrderByDescending(g => g.Count()))
            output.WriteLine($"  {kind.Count()} refused × {kind.Key}, e.g. {kind.First().AccountId} at {kind.Min(r => r.At).TotalSeconds:0.0}–{kind.Max(r => r.At).TotalSeconds:0.0} s");
    }
}
