using System.Text;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

/// <summary>
/// Drives the same actions through an expected target (the oracle) and an actual one, and stops at the first
/// difference with a message naming the action, its number, and both sides' values.
/// </summary>
public static class TradingAgreement
{
    /// <param name="checkpointEvery">After this many actions (and at the end) all orders and fills are compared;
    /// the outcome, the new fills, the positions and the account are compared after every action.</param>
    /// <param name="fillPrices">When given, every new fill of both targets must also be at a price the market offered.</param>
    public static async Task RunAsync(
        IReadOnlyList<TradingAction> actions, ITradingTarget expected, ITradingTarget actual, int checkpointEvery = 100,
        FillPriceInvariant? fillPrices = null)
    {
        var fillsSeen = 0;
        var lastCheckpoint = -1;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            TradingOutcome actualOutcome;
            var expectedOutcome = await action.ApplyTo(expected);
            try
            {
                actualOutcome = await action.ApplyTo(actual);
            }
            catch (Exception exception)
            {
                throw new TradingDisagreementException(Describe(actions, i, lastCheckpoint, [$"actual target threw {exception}"]), exception);
            }

            var differences = new List<string>(TradingStateComparer.Outcome(expectedOutcome, actualOutcome));

            var expectedFills = await expected.Fills();
            var actualFills = await actual.Fills();
            if (fillPrices is not null)
            {
                if (action is ApplyQuoteAction { Quote: var quote }) fillPrices.Saw(quote);
                differences.AddRange(await NewFillPricesAsync(fillPrices, "expected", expected, expectedFills.Skip(fillsSeen)));
                differences.AddRange(await NewFillPricesAsync(fillPrices, "actual", actual, actualFills.Skip(fillsSeen)));
            }
            differences.AddRange(TradingStateComparer.Lists("fills", [.. expectedFills.Skip(fillsSeen)], [.. actualFills.Skip(fillsSeen)], f => f.Id));
            fillsSeen = expectedFills.Count;
            differences.AddRange(TradingStateComparer.Lists("positions", await expected.Positions(), await actual.Positions(), p => p.Symbol));
            differences.AddRange(TradingStateComparer.Record("account", await expected.Snapshot(action.Now), await actual.Snapshot(action.Now)));

            var expectedOrders = await expected.Orders();
            var actualOrders = await actual.Orders();
            if (expectedOrders.Count != actualOrders.Count)
                differences.Add($"orders.Count: expected {expectedOrders.Count}, actual {actualOrders.Count}");
            else if ((i + 1) % checkpointEvery == 0 || i == actions.Count - 1)
            {
                differences.AddRange(TradingStateComparer.Lists("orders", expectedOrders, actualOrders, o => o.Id));
                differences.AddRange(TradingStateComparer.Lists("fills", expectedFills, actualFills, f => f.Id));
            }

            if (differences.Count > 0) throw new TradingDisagreementException(Describe(actions, i, lastCheckpoint, differences));
            if ((i + 1) % checkpointEvery == 0) lastCheckpoint = i;
        }
    }

    private static async Task<IEnumerable<string>> NewFillPricesAsync(
        FillPriceInvariant invariant, string side, ITradingTarget target, IEnumerable<Fill> newFills)
    {
        var fresh = newFills.ToList();
        if (fresh.Count == 0) return [];
        var orders = (await target.Orders()).ToDictionary(o => o.Id);
        return fresh.SelectMany(f => invariant.Check(f, orders.GetValueOrDefault(f.OrderId)).Select(d => $"{side} {d}")).ToList();
    }

    private static string Describe(IReadOnlyList<TradingAction> actions, int index, int lastCheckpoint, IReadOnlyList<string> differences)
    {
        var text = new StringBuilder();
        text.AppendLine($"The targets disagree after action #{index} of {actions.Count}: {actions[index]}");
        text.AppendLine("Differences (expected = reference oracle):");
        foreach (var line in differences.Take(40)) text.AppendLine($"  {line}");
        if (differences.Count > 40) text.AppendLine($"  … and {differences.Count - 40} more");
        // Everything since the last point where all orders agreed may have caused an order difference.
        var first = Math.Max(lastCheckpoint + 1, index - 100);
        text.AppendLine($"Actions #{first}..#{index} (all orders last agreed after #{lastCheckpoint}):");
        for (var i = first; i <= index; i++) text.AppendLine($"  #{i}: {actions[i]}");
        return text.ToString();
    }
}

public sealed class TradingDisagreementException(string message, Exception? inner = null) : Exception(message, inner);
