using Crucible.LoadTest;

namespace Crucible.Api.Tests;

/// <summary>The load tester's parts that need no engine: reading /metrics histograms and its command line.</summary>
public sealed class LoadTestToolTests
{
    [Fact]
    public void Percentiles_of_an_engine_histogram_are_read_from_the_difference_of_two_scrapes_inside_the_bucket()
    {
        var before = PrometheusScrape.Parse("""
            # TYPE x_milliseconds histogram
            x_milliseconds_bucket{le="1"} 5
            x_milliseconds_bucket{le="2"} 5
            x_milliseconds_bucket{le="5"} 5
            x_milliseconds_bucket{le="+Inf"} 5
            x_milliseconds_sum 2
            x_milliseconds_count 5
            """);
        // Over the run: 10 observations up to 1 ms, 50 in (1, 2], 40 in (2, 5], none above; their sum 250 ms.
        var after = PrometheusScrape.Parse("""
            x_milliseconds_bucket{le="1"} 15
            x_milliseconds_bucket{le="2"} 65
            x_milliseconds_bucket{le="5"} 105
            x_milliseconds_bucket{le="+Inf"} 105
            x_milliseconds_sum 252
            x_milliseconds_count 105
            """);

        var p = PrometheusScrape.Between(before, after, "x_milliseconds");

        Assert.Equal(100, p.Count);
        Assert.Equal(1.8, p.P50);    // rank 50: 40 of the 50 in (1, 2] → 1 + 0.8
        Assert.Equal(4.25, p.P90);   // rank 90: 30 of the 40 in (2, 5] → 2 + 0.75 × 3
        Assert.Equal(4.925, p.P99);  // rank 99: 39 of 40 → 2 + 0.975 × 3
        Assert.Equal(2.5, p.Mean);
    }

    [Fact]
    public void Series_are_summed_over_labels_and_grouped_by_one()
    {
        var scrape = PrometheusScrape.Parse("""
            crucible_rule_events_total{kind="breach",otel_scope_name="Crucible"} 3
            crucible_rule_events_total{kind="floor_moved",otel_scope_name="Crucible"} 4 1700000000000
            crucible_rule_events_total{kind="breach",other="a \"quoted\" value"} 2
            """);

        Assert.Equal(9, scrape.Sum("crucible_rule_events_total"));
        Assert.Equal(5, scrape.ByLabel("crucible_rule_events_total", "kind")["breach"]);
        Assert.Equal(4, scrape.ByLabel("crucible_rule_events_total", "kind")["floor_moved"]);
    }

    [Fact]
    public void The_command_line_reads_every_option_and_lists_every_problem()
    {
        var (options, problems) = LoadTestOptions.Parse(["--accounts", "1000", "--duration", "20s", "--order-rate", "0", "--strategy", "martingale",
            "--plan", "classic-2step-100k", "--target", "http://127.0.0.1:5000", "--seed", "42", "--users", "10", "--symbols", "BTC-USD,ETH-USD"]);
        Assert.Empty(problems);
        Assert.Equal((1000, TimeSpan.FromSeconds(20), 0.0, "martingale", "classic-2step-100k", 42, 10), (options!.Accounts, options.Duration, options.OrderRate, options.Strategy, options.Plan, options.Seed, options.Users));
        Assert.Equal(["BTC-USD", "ETH-USD"], options.Symbols);

        var (bad, listed) = LoadTestOptions.Parse(["--accounts", "0", "--duration", "soon", "--strategy", "yolo", "--via", "carrier-pigeon", "--nope", "1"]);
        Assert.Null(bad);
        Assert.Equal(5, listed.Count);
        Assert.Contains(listed, p => p.StartsWith("--strategy", StringComparison.Ordinal));
    }

    [Fact]
    public void Over_grains_the_target_names_gateways_and_the_api_host_is_optional()
    {
        var (grains, problems) = LoadTestOptions.Parse(["--target", "127.0.0.1:31000,10.0.0.2:30000", "--via", "grains", "--cluster-id", "prod"]);
        Assert.Empty(problems);
        Assert.Equal(["127.0.0.1:31000", "10.0.0.2:30000"], grains!.Gateways);
        Assert.Null(grains.Target);
        Assert.Equal("prod", grains.ClusterId);

        var (withApi, _) = LoadTestOptions.Parse(["--via", "grains", "--api", "http://127.0.0.1:5000"]);
        Assert.Equal(["127.0.0.1:30000"], withApi!.Gateways);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), withApi.Target);

        var (ping, _) = LoadTestOptions.Parse(["--baseline", "grain-call"]);
        Assert.Equal((Baseline.GrainCall, "127.0.0.1:30000"), (ping!.Baseline, ping.Gateways[0]));

        var (bad, listed) = LoadTestOptions.Parse(["--via", "grains", "--target", "http://localhost:5000", "--baseline", "http"]);
        Assert.Null(bad);
        Assert.Equal(2, listed.Count);
        var (api, overHttp) = LoadTestOptions.Parse(["--api", "http://127.0.0.1:5000"]);
        Assert.Null(api);
        Assert.Single(overHttp);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("20s", 20)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("15", 15)]
    public void Durations_read_with_their_unit(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), LoadTestOptions.ParseDuration(text));
}
