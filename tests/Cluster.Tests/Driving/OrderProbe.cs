using System.Collections.Concurrent;
using System.Diagnostics;

namespace Crucible.Cluster.Tests.Driving;

/// <summary>
/// Measures how long after a silo went away each account accepts an order again (not only answers a read): it places one
/// small market order on each (<see cref="TradingDriver.ProbeOrderAsync"/>), in rounds, until each was acknowledged, and notes
/// when each first was and the last refusal of those that never were (e.g. 409 <c>evaluation_suspended</c>).
/// </summary>
public static class OrderProbe
{
    public sealed record Result(TimeSpan UntilAllAccepted, IReadOnlyDictionary<string, TimeSpan> FirstAccepted, IReadOnlyDictionary<string, string> Refused)
    {
        public IReadOnlyList<string> Unaccepted => [.. Refused.Keys.Where(a => !FirstAccepted.ContainsKey(a)).Order(StringComparer.Ordinal)];
    }

    /// <param name="since">Started when the silo was lost; times are measured from it.</param>
    public static async Task<Result> MeasureAsync(TradingDriver driver, IReadOnlyList<string> accounts, Stopwatch since, TimeSpan giveUpAfter, int concurrency = 4)
    {
        var accepted = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var refused = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var pending = accounts.ToList();
        while (pending.Count > 0 && since.Elapsed < giveUpAfter)
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (account, _) =>
            {
                var (acknowledged, status, body) = await driver.ProbeOrderAsync(account);
                if (acknowledged) accepted.TryAdd(account, since.Elapsed);
                else refused[account] = $"{status} {(body.Length <= 200 ? body : body[..200])}";
            });
            pending = [.. pending.Where(a => !accepted.ContainsKey(a))];
            if (pending.Count > 0) await Task.Delay(500);
        }
        foreach (var account in pending) refused.TryAdd(account, "no answer below 500");
        var last = accepted.Values.DefaultIfEmpty(TimeSpan.Zero).Max();
        return new Result(pending.Count == 0 ? last : since.Elapsed, accepted, refused);
    }
}
