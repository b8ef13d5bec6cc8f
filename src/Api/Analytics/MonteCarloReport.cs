using Crucible.Grains.Analytics.MonteCarlo;

namespace Crucible.Api.Analytics;

/// <summary>
/// A Monte Carlo run as the API shows it: <see cref="Status"/> is queued, running, completed or failed; while not
/// completed, <see cref="CompletedPaths"/> of <see cref="Paths"/> tells the progress and <see cref="Location"/> is where
/// to ask again. What was resampled: the account's record (<see cref="SampleSize"/> days or trades) through the rules of
/// <see cref="PlanId"/>'s phase <see cref="PhaseIndex"/>, from its account size.
/// </summary>
public sealed record MonteCarloReport(
    string Status,
    int Paths,
    int CompletedPaths,
    string Location,
    string AccountId,
    string PlanId,
    int PhaseIndex,
    string PhaseName,
    decimal InitialBalance,
    ResampleUnit Unit,
    int SampleSize,
    MonteCarloResult? Result,
    string? Error);
