using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Interfaces.Trading;

/// <summary>
/// Something observable that happened in an account, published on the account's event stream.
/// Order, fill and position events each take the next <see cref="Sequence"/> of the account, so a gap means
/// a subscriber missed one. An <see cref="AccountUpdated"/> (balances and equity) repeats the sequence of the
/// last event it reflects: it may be conflated (latest wins) without opening a gap.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.AccountEvent")]
public abstract record AccountEvent(
    [property: Id(0)] string AccountId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset Time);

[GenerateSerializer, Immutable, Alias("crucible.OrderUpdated")]
public sealed record OrderUpdated(string AccountId, long Sequence, DateTimeOffset Time, [property: Id(0)] Order Order)
    : AccountEvent(AccountId, Sequence, Time);

[GenerateSerializer, Immutable, Alias("crucible.FillReported")]
public sealed record FillReported(string AccountId, long Sequence, DateTimeOffset Time, [property: Id(0)] Fill Fill)
    : AccountEvent(AccountId, Sequence, Time);

[GenerateSerializer, Immutable, Alias("crucible.PositionUpdated")]
public sealed record PositionUpdated(string AccountId, long Sequence, DateTimeOffset Time, [property: Id(0)] Position Position)
    : AccountEvent(AccountId, Sequence, Time);

[GenerateSerializer, Immutable, Alias("crucible.AccountUpdated")]
public sealed record AccountUpdated(string AccountId, long Sequence, DateTimeOffset Time, [property: Id(0)] AccountSnapshot Account)
    : AccountEvent(AccountId, Sequence, Time);

/// <summary>A rule event of an assessment account's phase (a breach, an objective met, a floor moving...). Takes a sequence.</summary>
[GenerateSerializer, Immutable, Alias("crucible.RuleEventReported")]
public sealed record RuleEventReported(string AccountId, long Sequence, DateTimeOffset Time, [property: Id(0)] string AssessmentId, [property: Id(1)] RuleEvent Event)
    : AccountEvent(AccountId, Sequence, Time);

/// <summary>The phase's progress per rule; like <see cref="AccountUpdated"/> it repeats the last sequence and may be conflated.</summary>
[GenerateSerializer, Immutable, Alias("crucible.EvaluationUpdated")]
public sealed record EvaluationUpdated(string AccountId, long Sequence, DateTimeOffset Time, [property: Id(0)] EvaluationState Evaluation)
    : AccountEvent(AccountId, Sequence, Time);
