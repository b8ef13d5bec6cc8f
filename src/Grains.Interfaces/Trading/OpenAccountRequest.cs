using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Interfaces.Trading;

/// <summary>
/// Opens a virtual account with a starting balance under the given terms (defaults when null). With an
/// <see cref="Evaluation"/>, the account is an assessment phase's account and its book runs the phase's rules.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.OpenAccountRequest")]
public sealed record OpenAccountRequest(
    [property: Id(0)] decimal InitialBalance,
    [property: Id(1)] TradingTerms? Terms = null,
    [property: Id(2)] AccountEvaluation? Evaluation = null);
