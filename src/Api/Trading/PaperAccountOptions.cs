namespace Crucible.Api.Trading;

/// <summary>
/// The development endpoint that opens paper accounts with a chosen balance (used by the load tester and
/// by anyone trying the engine) until accounts come from purchases and sign-up. Off in production.
/// </summary>
public sealed class PaperAccountOptions
{
    public const string Section = "Crucible:PaperAccounts";

    public bool Enabled { get; set; } = true;

    public decimal MaxInitialBalance { get; set; } = 100_000_000m;
}
