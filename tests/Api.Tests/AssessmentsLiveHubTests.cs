using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Crucible.Api.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Crucible.Api.Tests.AssessmentTestClient;

namespace Crucible.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AssessmentsLiveHubTests(CrucibleApiFactory factory)
{
    private readonly AssessmentTestClient client = new(factory);

    /// <summary>A connection signed in as the client's trader, or as <paramref name="user"/>.</summary>
    private HubConnection Connect(TestUsers.SignedIn? user = null) => TestHubs.Connect(factory, "/hubs/assessments", user ?? client.User);

    private async Task<HttpResponseMessage> EvaluatorPostAsync(string path, object body) =>
        await (await client.EvaluatorAsync()).Http.PostAsJsonAsync(path, body);

    private static void Collect(HubConnection connection, ConcurrentQueue<AssessmentEvent> events)
    {
        connection.On<AssessmentCreated>(nameof(IAssessmentClient.Created), events.Enqueue);
        connection.On<AssessmentStatusChanged>(nameof(IAssessmentClient.StatusChanged), events.Enqueue);
        connection.On<AssessmentPhaseStarted>(nameof(IAssessmentClient.PhaseStarted), events.Enqueue);
        connection.On<AssessmentExtended>(nameof(IAssessmentClient.Extended), events.Enqueue);
    }

    [Fact]
    public async Task A_trader_subscribed_to_an_assessment_receives_its_events_in_sequence_after_the_snapshot()
    {
        var id = (string)(await client.BuyAsync())["id"]!;
        await using var connection = Connect();
        var events = new ConcurrentQueue<AssessmentEvent>();
        Collect(connection, events);
        await connection.StartAsync();

        var subscription = await connection.InvokeAsync<AssessmentSubscription>("Subscribe", id);
        await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/pass", new { reason = "good" }), HttpStatusCode.OK);
        await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/fail", new { reason = "bad" }), HttpStatusCode.OK);
        await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/reset", new { reason = "appeal" }), HttpStatusCode.OK);
        // A client drops events at or below the snapshot's sequence: the stream may still deliver those.
        await WaitUntil(() => events.Count(e => e.Sequence > subscription.Sequence) >= 4);
        var live = events.Where(e => e.Sequence > subscription.Sequence).ToList();

        Assert.Equal((AssessmentStatus.Active, 3L), (subscription.Assessment.Status, subscription.Sequence));   // created, active, phase 1 started
        Assert.Equal([4L, 5, 6, 7], live.Select(e => e.Sequence));
        var started = Assert.IsType<AssessmentPhaseStarted>(live[0]);
        Assert.Equal(($"{id}-a1-p2", TransitionCause.EvaluatorPassed), (started.Phase.AccountId, started.Transition.Cause));
        var failed = Assert.IsType<AssessmentStatusChanged>(live[1]);
        Assert.Equal((AssessmentStatus.Active, AssessmentStatus.Failed, "bad"), (failed.Transition.From, failed.Transition.To, failed.Transition.Reason));
        var reactivated = Assert.IsType<AssessmentStatusChanged>(live[2]);
        Assert.Equal((AssessmentStatus.Failed, AssessmentStatus.Active, TransitionCause.EvaluatorReset), (reactivated.Transition.From, reactivated.Transition.To, reactivated.Transition.Cause));
        Assert.Equal($"{id}-a2-p1", Assert.IsType<AssessmentPhaseStarted>(live[3]).Phase.AccountId);
        Assert.All(live, e => Assert.Equal(id, e.AssessmentId));
    }

    [Fact]
    public async Task An_evaluator_feed_receives_every_new_assessment_and_a_non_evaluator_is_refused()
    {
        await using var evaluator = Connect(await client.EvaluatorAsync());
        var events = new ConcurrentQueue<AssessmentEvent>();
        Collect(evaluator, events);
        await evaluator.StartAsync();
        await using var stranger = Connect();
        await stranger.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync("SubscribeAll"));
        await evaluator.InvokeAsync("SubscribeAll");
        var id = (string)(await client.BuyAsync("futures-combine-50k"))["id"]!;
        await WaitUntil(() => events.Count(e => e.AssessmentId == id) >= 3);

        Assert.Contains("evaluator", refused.Message);
        var mine = events.Where(e => e.AssessmentId == id).ToList();
        Assert.Equal(["assessment.created", "assessment.status_changed", "assessment.phase_started"], mine.Select(e => e.Type));
        Assert.Equal(client.Trader, Assert.IsType<AssessmentCreated>(mine[0]).Assessment.TraderId);
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_assessment_fails_naming_it()
    {
        await using var connection = Connect();
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<AssessmentSubscription>("Subscribe", "asm-nobody"));

        Assert.Contains("assessmentId", error.Message);
    }

    [Fact]
    public async Task Disconnected_subscribers_leave_no_stream_subscription_behind()
    {
        var bridge = factory.Services.GetRequiredService<AssessmentEventBridge>();
        var id = (string)(await client.BuyAsync())["id"]!;

        var evaluatorUser = await client.EvaluatorAsync();
        for (var i = 0; i < 20; i++)
        {
            await using var connection = Connect(evaluatorUser);
            await connection.StartAsync();
            await connection.InvokeAsync<AssessmentSubscription>("Subscribe", id);
            await connection.InvokeAsync("SubscribeAll");
        }

        await WaitUntil(() => bridge.StreamSubscriptionCount == 0 && bridge.TrackedConnectionCount == 0);
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
