using System.Collections.Concurrent;
using Crucible.Api.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crucible.Api.Tests;

/// <summary>What the evaluator console's live table relies on: a breach reaches the evaluators' feed as a status change with its evidence.</summary>
[Collection(ApiCollection.Name)]
public sealed class EvaluatorFeedTests(CrucibleApiFactory factory)
{
    private readonly AssessmentTestClient client = new(factory);

    /// <summary>classic-2step-100k, 1 TEST-EXT bought at 5,000.25: the bid 4,890.00 puts equity at 94,485.25, under the daily floor 95,000.</summary>
    [Fact]
    public async Task A_breach_reaches_the_evaluators_feed_as_a_status_change_to_failed_with_the_tick_that_caused_it()
    {
        await using var evaluator = TestHubs.Connect(factory, "/hubs/assessments", await client.EvaluatorAsync());
        var changes = new ConcurrentQueue<AssessmentStatusChanged>();
        evaluator.On<AssessmentStatusChanged>(nameof(IAssessmentClient.StatusChanged), changes.Enqueue);
        await evaluator.StartAsync();
        await evaluator.InvokeAsync("SubscribeAll");
        var trading = new TradingTestClient(factory, client.User);
        var assessment = await client.BuyAsync();
        var id = (string)assessment["id"]!;
        await trading.QuoteAsync(5000.00m, 5000.25m);
        await trading.PostOrderOkAsync((string)assessment["currentAccountId"]!,
            new { symbol = CrucibleApiFactory.ExternalSymbol, side = "buy", type = "market", quantity = 1 });

        var tick = await trading.QuoteAsync(4890.00m, 4890.25m);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        AssessmentStatusChanged? failed;
        while ((failed = changes.FirstOrDefault(c => c.AssessmentId == id && c.Transition.To == AssessmentStatus.Failed)) is null)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the feed did not report the breach");
            await Task.Delay(25);
        }
        Assert.Equal((AssessmentStatus.Active, TransitionCause.RuleBreached, "dailyLoss", "system"),
            (failed.Transition.From, failed.Transition.Cause, failed.Transition.Rule, failed.Transition.Actor));
        var evidence = failed.Transition.Evidence!;
        Assert.Equal((RuleEventKind.Breach, 94_485.25m, 95_000m, tick.Sequence, 4890.00m),
            (evidence.Kind, evidence.Equity, evidence.Limit, evidence.QuoteSequence, evidence.Bid));
        Assert.Equal(client.Trader, failed.TraderId);
    }
}
