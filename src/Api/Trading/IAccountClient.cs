using Crucible.Grains.Interfaces.Alerts;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Trading;

/// <summary>What the account hub sends. Order, fill and position events carry the account's next sequence number.</summary>
public interface IAccountClient
{
    Task Order(OrderUpdated update);

    Task Fill(FillReported fill);

    Task Position(PositionUpdated update);

    /// <summary>Balances and equity; conflated (latest wins, at most a configured number per second).</summary>
    Task Account(AccountUpdated update);

    /// <summary>A rule event of an assessment account's phase (breach, floor moved, objective met, pass...); takes a sequence.</summary>
    Task RuleEvent(RuleEventReported ruleEvent);

    /// <summary>The phase's progress per rule; conflated like <see cref="Account"/>.</summary>
    Task Evaluation(EvaluationUpdated update);

    /// <summary>One of the connection's user's price alerts fired; numbered per user (<see cref="PriceAlertFired.Sequence"/>).</summary>
    Task Alert(PriceAlertFired fired);
}
