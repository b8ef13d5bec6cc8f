namespace Crucible.Grains.Ledger;

/// <summary>Reads the ledger back for rebuilds, reports and audits.</summary>
public interface ILedgerReader
{
    /// <summary>Everything recorded for an account, each list in the order it was appended.</summary>
    Task<AccountHistory> ReadAccountAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>An assessment's purchase and its transitions (by attempt, then sequence), from one snapshot.</summary>
    Task<AssessmentHistory> ReadAssessmentAsync(string assessmentId, CancellationToken cancellationToken = default);
}
