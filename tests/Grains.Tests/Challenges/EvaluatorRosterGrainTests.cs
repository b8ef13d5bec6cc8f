using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// An evaluator's decision names the evaluator by user id (the API passes the signed-in user's) or by an id on the
/// silo's roster: a user whose profile holds the evaluator or admin role is accepted, a trader is not.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EvaluatorRosterGrainTests(ClusterFixture fixture)
{
    private IEvaluatorRosterGrain Roster => fixture.Client.GetGrain<IEvaluatorRosterGrain>(0);

    private async Task<string> UserAsync(params UserRole[] roles)
    {
        var userId = $"u-{Guid.NewGuid():N}";
        await fixture.Client.GetGrain<IUserGrain>(userId)
            .CreateAsync(new NewUser($"{userId}@crucible.test", null, "not-a-real-hash", [UserRole.Trader, .. roles], DateTimeOffset.UtcNow));
        return userId;
    }

    [Fact]
    public async Task Users_with_the_evaluator_or_admin_role_and_the_configured_roster_are_evaluators_and_nobody_else()
    {
        Assert.True(await Roster.IsEvaluatorAsync("evaluator"));
        Assert.True(await Roster.IsEvaluatorAsync(await UserAsync(UserRole.Evaluator)));
        Assert.True(await Roster.IsEvaluatorAsync(await UserAsync(UserRole.Admin)));
        Assert.False(await Roster.IsEvaluatorAsync(await UserAsync()));
        Assert.False(await Roster.IsEvaluatorAsync($"u-{Guid.NewGuid():N}"));   // no such user
    }

    [Fact]
    public async Task An_evaluator_user_decides_in_their_name_and_a_trader_user_is_refused()
    {
        var evaluator = await UserAsync(UserRole.Evaluator);
        var trader = await UserAsync();
        var id = AssessmentIds.ForPurchase(null);
        var grain = fixture.Client.GetGrain<IAssessmentGrain>(id);
        Assert.Null((await grain.PurchaseAsync(new PurchaseRequest("classic-2step-100k", $"t-{Guid.NewGuid():N}"[..20], "tok_visa"))).Error);

        var refused = await grain.EvaluatorFailAsync(new EvaluatorDecision(trader, "I say so"));
        var passed = await grain.EvaluatorPassAsync(new EvaluatorDecision(evaluator, "objectives met on review"));

        Assert.Equal((AssessmentErrorCode.NotEvaluator, "evaluatorId"), (refused.Error!.Code, refused.Error.Field));
        Assert.Null(passed.Error);
        var decision = passed.Assessment!.Transitions[^1];
        Assert.Equal((TransitionCause.EvaluatorPassed, evaluator), (decision.Cause, decision.Actor));
    }
}
