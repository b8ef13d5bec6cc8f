namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>
/// What a run found (docs/monte-carlo.md "Output"). Probabilities are shares of <see cref="Paths"/>; the pass and ruin
/// probabilities carry 95 % Wilson intervals. <see cref="ExpectedDaysToPass"/> is the mean trading days to the pass among
/// passing paths (null when none passed). Risk of ruin is the share of paths a loss rule (daily or overall) failed.
/// </summary>
public sealed record MonteCarloResult(
    int Paths,
    long Seed,
    ResampleMethod Method,
    ResampleUnit Unit,
    double? MeanBlockLength,
    int HorizonDays,
    int SampleSize,
    int? TradesPerDay,
    double PassProbability,
    ProbabilityInterval PassInterval,
    double? ExpectedDaysToPass,
    double RiskOfRuin,
    ProbabilityInterval RuinInterval,
    PathCounts Outcomes,
    IReadOnlyDictionary<string, int> EndedBy,
    Percentiles MaxDrawdown,
    Percentiles FinalPnl);

/// <summary>
/// Paths by how they ended: passed, failed by a loss rule, expired by a deadline (time limit, inactivity), or still
/// running when the horizon ended.
/// </summary>
public sealed record PathCounts(int Passed, int Failed, int Expired, int Unfinished);
