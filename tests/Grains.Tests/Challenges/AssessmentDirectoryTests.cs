using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// The sharded directory answers as one index would: every shard's summaries merged newest first, a trader's query from
/// that trader's list, a late older summary never overwriting a newer one.
/// </summary>
[Collection(AssessmentClusterCollection.Name)]
public sealed class AssessmentDirectoryTests(AssessmentClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Summaries_spread_over_every_shard_are_listed_as_one_index_newest_first()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var traders = new[] { $"dir-{run}-a", $"dir-{run}-b", $"dir-{run}-c" };
        var plan = $"plan-{run}";
        var summaries = Enumerable.Range(0, 600).Select(i => new AssessmentSummary(
            $"asm-dir-{run}-{i}", plan, traders[i % 3], i % 5 == 0 ? AssessmentStatus.Failed : AssessmentStatus.Active, 1, 0, null,
            T0.AddMinutes(i * 7 % 600), T0.AddMinutes(i))).ToList();
        var directory = fixture.Client.GetGrain<IAssessmentDirectoryGrain>(0);
        foreach (var batch in summaries.Chunk(50))
            await Task.WhenAll(batch.Select(directory.RecordAsync));
        Assert.True(summaries.Select(s => AssessmentDirectoryShards.Of(s.Id)).Distinct().Count() > 200, "the summaries should reach most shards");

        var newest = await directory.ListAsync(new AssessmentQuery(PlanId: plan, Limit: 50));
        var failedOfB = await directory.ListAsync(new AssessmentQuery(Status: AssessmentStatus.Failed, TraderId: traders[1], Limit: 1000));

        var expected = summaries.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).Take(50).Select(s => s.Id);
        Assert.Equal(expected, newest.Select(s => s.Id));
        Assert.Equal(summaries.Count(s => s.TraderId == traders[1] && s.Status == AssessmentStatus.Failed), failedOfB.Count);
        Assert.All(failedOfB, s => Assert.Equal((traders[1], AssessmentStatus.Failed), (s.TraderId, s.Status)));
    }

    [Fact]
    public void Sequential_ids_spread_evenly_over_the_shards()
    {
        // 100 per shard on average; a Poisson spread keeps every shard within ±5 standard deviations.
        var perShard = Enumerable.Range(0, AssessmentDirectoryShards.Count * 100)
            .GroupBy(i => AssessmentDirectoryShards.Of($"asm-{i}")).Select(g => g.Count()).ToList();
        Assert.Equal(AssessmentDirectoryShards.Count, perShard.Count);
        Assert.InRange(perShard.Min(), 50, 100);
        Assert.InRange(perShard.Max(), 100, 150);
    }

    [Fact]
    public async Task A_late_older_summary_does_not_overwrite_a_newer_one_in_the_shard_or_the_traders_list()
    {
        var id = $"asm-late-{Guid.NewGuid():N}";
        var trader = $"late-{Guid.NewGuid():N}"[..20];
        var directory = fixture.Client.GetGrain<IAssessmentDirectoryGrain>(0);
        var newer = new AssessmentSummary(id, "p", trader, AssessmentStatus.Failed, 1, 0, null, T0, T0.AddMinutes(5));

        await directory.RecordAsync(newer);
        await directory.RecordAsync(newer with { Status = AssessmentStatus.Active, UpdatedAt = T0.AddMinutes(1) });

        Assert.Equal(AssessmentStatus.Failed, Assert.Single(await directory.ListAsync(new AssessmentQuery(TraderId: trader))).Status);
        var all = await fixture.Client.GetGrain<IAssessmentDirectoryShardGrain>(AssessmentDirectoryShards.Of(id)).ListAsync(new AssessmentQuery(Limit: 100_000));
        Assert.Equal(AssessmentStatus.Failed, Assert.Single(all, s => s.Id == id).Status);
    }
}
