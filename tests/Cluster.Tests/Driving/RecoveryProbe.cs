using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Crucible.Cluster.Tests.Driving;

/// <summary>
/// Measures how long after a silo went away every account answers again: it asks each account for its balances
/// (GET /api/v1/accounts/{id}) until it answers 200, all accounts in rounds, and notes when each first did. An account
/// whose grain lived on the lost silo answers once the cluster declared that silo dead and the grain was activated
/// on a surviving one with its state.
/// </summary>
public static class RecoveryProbe
{
    public sealed record Result(TimeSpan UntilAllAnswered, IReadOnlyDictionary<string, TimeSpan> FirstAnswer, IReadOnlyList<string> Unanswered)
    {
        public TimeSpan LatestOf(IEnumerable<string> accounts) =>
            accounts.Select(a => FirstAnswer.TryGetValue(a, out var t) ? t : UntilAllAnswered).DefaultIfEmpty(TimeSpan.Zero).Max();
    }

    /// <param name="since">Started when the silo was lost; times are measured from it.</param>
    public static async Task<Result> MeasureAsync(HttpClient http, IReadOnlyList<string> accounts, Stopwatch since, TimeSpan giveUpAfter, int concurrency = 8)
    {
        var answered = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var pending = accounts.ToList();
        while (pending.Count > 0 && since.Elapsed < giveUpAfter)
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (account, _) =>
            {
                try
                {
                    using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    using var response = await http.GetAsync($"/api/v1/accounts/{account}", attempt.Token);
                    if (response.StatusCode == HttpStatusCode.OK) answered.TryAdd(account, since.Elapsed);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not answering yet.
                }
            });
            pending = [.. pending.Where(a => !answered.ContainsKey(a))];
            if (pending.Count > 0) await Task.Delay(200);
        }
        var last = answered.Values.DefaultIfEmpty(TimeSpan.Zero).Max();
        return new Result(pending.Count == 0 ? last : since.Elapsed, answered, pending);
    }
}
