using System.Collections.Concurrent;
using System.Net.Http.Json;
using Crucible.Api.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crucible.Api.Tests;

/// <summary>A trader watching an assessment sees the breach as it happens: the rule event, then the failure.</summary>
[Collection(ApiCollection.Name)]
public sealed class AssessmentHubEvaluationTests(CrucibleApiFactory factory)
{
    private readonly AssessmentTestClient client = new(factory);

    /// <summary>The assessment's trader, who trades its phase account.</summary>
    private TradingTestClient Trading => new(factory, client.User);

    [Fact]
    public async Task A_breach_reaches_the_subscriber_as_a_rule_event_then_a_status_change_to_failed()
    {
        var assessment = await client.BuyAsync();   // classic 2-step: hard daily loss of 5,000 on 100,000
        var id = (string)assessment["id"]!;
        var account = (string)assessment["currentAccountId"]!;
        await using var connection = TestHubs.Connect(factory, "/hubs/assessments", client.User);
        var ruleEvents = new ConcurrentQueue<RuleEventReported>();
        var changes = new ConcurrentQueue<AssessmentStatusChanged>();
        var evaluations = new ConcurrentQueue<EvaluationUpdated>();
        connection.On<RuleEventReported>(nameof(IAssessmentClient.RuleEvent), ruleEvents.Enqueue);
        connection.On<AssessmentStatusChanged>(nameof(IAssessmentClient.StatusChanged), changes.Enqueue);
        connection.On<EvaluationUpdated>(nameof(IAssessmentClient.Evaluation), evaluations.Enqueue);
        await connection.StartAsync();
        var subscription = await connection.InvokeAsync<AssessmentSubscription>("Subscribe", id);

        // One future (×50) bought at 5,000.25 for 2.25 commission; at bid 4,900 equity is
        // 99,997.75 − 100.25 × 50 = 94,985.25 ≤ 95,000.
        await Trading.QuoteAsync(5000.00m, 5000.25m);
        await Trading.PostOrderOkAsync(account, new { symbol = CrucibleApiFactory.ExternalSymbol, side = "buy", type = "market", quantity = 1 });
        await Trading.QuoteAsync(4900.00m, 4900.25m);
        await WaitUntil(() => changes.Any(c => c.Transition.To == AssessmentStatus.Failed) && ruleEvents.Any(e => e.Event.Kind == RuleEventKind.Breach));

        Assert.Equal(PhaseStatus.Active, subscription.Evaluation!.Status);
        var breach = ruleEvents.First(e => e.Event.Kind == RuleEventKind.Breach);
        Assert.Equal((id, account, 94_985.25m), (breach.AssessmentId, breach.AccountId, breach.Event.Equity));
        // A client drops assessment events at or below the snapshot's sequence (the stream may still deliver those).
        var failed = Assert.Single(changes, c => c.Sequence > subscription.Sequence);
        Assert.Equal((AssessmentStatus.Failed, TransitionCause.RuleBreached), (failed.Transition.To, failed.Transition.Cause));
        Assert.Equal(subscription.Sequence + 1, failed.Sequence);
        Assert.Equal("failed", (string)(await client.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/v1/assessments/{id}"))!["status"]!);
        await WaitUntil(() => !evaluations.IsEmpty);
        Assert.All(evaluations, e => Assert.Equal(id, e.Evaluation.AssessmentId));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the condition did not hold in time");
            await Task.Delay(25);
        }
    }
}
