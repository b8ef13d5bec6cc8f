using System.Collections.Concurrent;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Identity;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crucible.Api.Tests;

/// <summary>An assessment account's rule events and progress reach the account's SignalR subscribers.</summary>
[Collection(ApiCollection.Name)]
public sealed class AssessmentHubTests(CrucibleApiFactory factory)
{
    [Fact]
    public async Task A_subscriber_receives_the_phases_rule_events_in_sequence_and_its_progress()
    {
        var accountId = "h-" + Guid.NewGuid().ToString("N")[..12];
        var rules = new PhaseRules("Test phase", "UTC", new TimeOnly(0, 0), BreachComparison.AtOrBelow, 8_000m, false, null, null,
            0, null, 0, null, null, null, OrderLimits.None);
        var cluster = factory.Services.GetRequiredService<IClusterClient>();
        var book = cluster.GetGrain<IPositionBookGrain>(accountId);
        await book.OpenAsync(new OpenAccountRequest(100_000m, null, new AccountEvaluation("assessment-hub", 0, rules, DateTimeOffset.UtcNow)));
        // Opened through the grain API, so nobody owns it yet: give it to the trader who follows it.
        var trader = await TestUsers.NewTraderAsync(factory);
        await cluster.GetGrain<IAccountOwnerGrain>(accountId).ClaimAsync(trader.UserId);
        await using var connection = TestHubs.Connect(factory, "/hubs/accounts", trader);
        var ruleEvents = new ConcurrentQueue<RuleEventReported>();
        var progress = new ConcurrentQueue<EvaluationUpdated>();
        connection.On<RuleEventReported>(nameof(IAccountClient.RuleEvent), ruleEvents.Enqueue);
        connection.On<EvaluationUpdated>(nameof(IAccountClient.Evaluation), progress.Enqueue);
        await connection.StartAsync();
        var state = await connection.InvokeAsync<AccountState>("Subscribe", accountId);

        await book.EndEvaluationAsync(PhaseStatus.Failed, "evaluator", "hub test");
        await WaitUntil(() => !ruleEvents.IsEmpty && progress.Any(p => p.Evaluation.Status == PhaseStatus.Failed));

        var decided = Assert.Single(ruleEvents);
        Assert.Equal((state.Sequence + 1, "assessment-hub", RuleEventKind.Decided, "evaluator"),
            (decided.Sequence, decided.AssessmentId, decided.Event.Kind, decided.Event.Rule));
        Assert.Equal("evaluator", progress.Last().Evaluation.EndedBy);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(20);
    }
}
