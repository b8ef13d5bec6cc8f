using System.Text.RegularExpressions;

namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>How assessment and phase-account ids are made, so every client derives the same ones.</summary>
public static partial class AssessmentIds
{
    public const int MaxPurchaseIdLength = 40;

    /// <summary>Every assessment id, and so every phase account id, starts with this; paper accounts may not.</summary>
    public const string Prefix = "asm-";

    /// <summary>Whether an account id belongs to the assessments (a paper account must not take one in advance).</summary>
    public static bool IsReserved(string accountId) => accountId.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The assessment a purchase creates: derived from the caller's purchase id, so a retried purchase reaches the
    /// same grain and is answered once; a fresh id when the caller gave none.
    /// </summary>
    public static string ForPurchase(string? purchaseId) =>
        purchaseId is null ? $"{Prefix}{Guid.NewGuid():N}" : $"{Prefix}{purchaseId}";

    /// <summary>Purchase ids are 1–40 letters, digits, '-' or '_' (they become part of grain and stream keys).</summary>
    public static bool IsValidPurchaseId(string? purchaseId) => purchaseId is not null && PurchaseIdPattern().IsMatch(purchaseId);

    /// <summary>Assessment ids are 1–64 letters, digits, '-' or '_'.</summary>
    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Trader and evaluator ids: 1–64 letters, digits, '-', '_', '.' or '@'.</summary>
    public static bool IsValidPersonId(string? id) => id is not null && PersonPattern().IsMatch(id);

    /// <summary>The account of one phase of one attempt (attempt and phase counted from 1 here): <c>{id}-a2-p1</c>.</summary>
    public static string PhaseAccount(string assessmentId, int attempt, int phaseIndex) => $"{assessmentId}-a{attempt}-p{phaseIndex + 1}";

    /// <summary>The funded account of an attempt: <c>{id}-a1-funded</c>.</summary>
    public static string FundedAccount(string assessmentId, int attempt) => $"{assessmentId}-a{attempt}-funded";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex PurchaseIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_.@-]{1,64}$")]
    private static partial Regex PersonPattern();
}
