using Crucible.Grains.Interfaces.Markets;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Crucible.Api.Tests;

/// <summary>
/// The memory streams' pulling-agent cache lets delivered messages go within seconds (Crucible:Streams:CacheMinTime
/// and CacheMaxAge). At Orleans' defaults (5 and 30 minutes) it kept every account event and quote for half an hour,
/// so the engine's memory grew by ticks × holders: the growth under ticks of issue 12, measured in bench/README.md
/// "Soak and memory".
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StreamCacheTests(CrucibleApiFactory factory)
{
    [Fact]
    public void The_market_streams_cache_keeps_a_delivered_message_at_most_ten_seconds()
    {
        var eviction = factory.Services.GetRequiredService<IOptionsMonitor<StreamCacheEvictionOptions>>().Get(MarketStreams.Provider);

        Assert.Equal(TimeSpan.FromSeconds(5), eviction.DataMinTimeInCache);
        Assert.Equal(TimeSpan.FromSeconds(10), eviction.DataMaxAgeInCache);
    }
}
