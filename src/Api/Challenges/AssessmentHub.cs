using Crucible.Api.Identity;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Identity;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Crucible.Api.Challenges;

/// <summary>
/// Live assessment events at <c>/hubs/assessments</c>. <c>Subscribe(assessmentId)</c> follows one assessment: its
/// status changes and phase starts, and its current phase's rule events and progress. <c>SubscribeAll()</c> is the
/// evaluators' feed: every assessment's created, status, phase and extension events. Only a signed-in user connects (the
/// token in <c>access_token</c>); a trader follows their own assessments, evaluators and admins any and the feed.
/// </summary>
[Authorize]
public sealed class AssessmentHub(AssessmentEventBridge bridge, IClusterClient cluster, ResourceAccess access) : Hub<IAssessmentClient>
{
    public const string FeedGroup = "assessments:all";

    public static string GroupOf(string assessmentId) => "assessment:" + assessmentId;

    public async Task<AssessmentSubscription> Subscribe(string? assessmentId)
    {
        if (!AssessmentIds.IsValid(assessmentId))
            throw new HubException($"assessmentId: '{assessmentId}' is not an assessment id.");
        // A stranger's assessment reads as an unknown one, so ids cannot be probed; no group is joined.
        if (await access.AssessmentAsync(Context.User!, assessmentId!) == Access.Hidden)
            throw new HubException($"assessmentId: no assessment has the id '{assessmentId}' that you may follow.");
        var grain = cluster.GetGrain<IAssessmentGrain>(assessmentId!);
        var current = await grain.GetAsync() ?? throw new HubException($"assessmentId: no assessment has the id '{assessmentId}' that you may follow.");

        // Follow the streams before reading the state, so nothing published in between is lost: the client drops
        // assessment events at or below the answer's sequence.
        if (bridge.Track(Context.ConnectionId, assessmentId!))
        {
            try
            {
                await bridge.AcquireAsync(assessmentId!, current.CurrentAccountId);
            }
            catch
            {
                bridge.Untrack(Context.ConnectionId, assessmentId!);
                throw;
            }
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(assessmentId!));
        }
        var snapshot = (await grain.GetSnapshotAsync())!;
        // A phase may have started between the first read and the subscription: follow the account that is current now.
        await bridge.FollowAccountAsync(assessmentId!, snapshot.Assessment.CurrentAccountId);
        var evaluation = snapshot.Assessment.CurrentAccountId is { } account
            ? await cluster.GetGrain<IPositionBookGrain>(account).GetEvaluationAsync()
            : null;
        return new AssessmentSubscription(snapshot.Assessment, evaluation, snapshot.Sequence);
    }

    public async Task Unsubscribe(string? assessmentId)
    {
        if (assessmentId is null || !bridge.Untrack(Context.ConnectionId, assessmentId))
            return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(assessmentId));
        await bridge.ReleaseAsync(assessmentId);
    }

    /// <summary>
    /// The evaluators' feed, for a caller with the evaluator or admin role. The role is checked here rather than by
    /// <c>[Authorize(Policies.Evaluator)]</c> so a trader gets a HubException saying why, not a bare failure.
    /// </summary>
    public async Task SubscribeAll()
    {
        if (!Context.User!.Has(UserRole.Evaluator) && !Context.User!.Has(UserRole.Admin))
            throw new HubException("The evaluator feed is for evaluators and admins; your token has neither role.");
        if (!bridge.TrackFeed(Context.ConnectionId))
            return;
        try
        {
            await bridge.AcquireFeedAsync();
        }
        catch
        {
            bridge.UntrackFeed(Context.ConnectionId);
            throw;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, FeedGroup);
    }

    public async Task UnsubscribeAll()
    {
        if (!bridge.UntrackFeed(Context.ConnectionId))
            return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, FeedGroup);
        await bridge.ReleaseFeedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var assessmentId in bridge.UntrackConnection(Context.ConnectionId))
            await bridge.ReleaseAsync(assessmentId);
        if (bridge.UntrackFeed(Context.ConnectionId))
            await bridge.ReleaseFeedAsync();
    }
}
