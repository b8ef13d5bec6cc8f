namespace Crucible.Grains.Interfaces.Identity;

/// <summary>
/// A second factor offered at sign-in (docs/identity.md "Second factor"): a TOTP code, or the SHA-256 of a recovery code
/// (the code itself never leaves the API host). <see cref="At"/> is the API host's clock, which TOTP steps are counted on.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.SecondFactorProof")]
public sealed record SecondFactorProof(
    [property: Id(0)] string? TotpCode,
    [property: Id(1)] byte[]? RecoveryCodeHash,
    [property: Id(2)] DateTimeOffset At);

[GenerateSerializer, Alias("crucible.SecondFactorVerdict")]
public enum SecondFactorVerdict
{
    /// <summary>Good, and now spent: the TOTP step or the recovery code cannot be used again.</summary>
    Accepted,

    /// <summary>Wrong, reused or expired; counted toward lockout.</summary>
    Rejected,

    /// <summary>The user is locked out (perhaps by this very attempt); nothing was checked or spent.</summary>
    LockedOut,

    /// <summary>The user has no second factor (or does not exist).</summary>
    NotEnabled,
}

/// <summary>A second-factor check: the verdict, the lockout state after it and how many recovery codes remain.</summary>
[GenerateSerializer, Immutable, Alias("crucible.SecondFactorResult")]
public sealed record SecondFactorResult(
    [property: Id(0)] SecondFactorVerdict Verdict,
    [property: Id(1)] SignInState State,
    [property: Id(2)] int RecoveryCodesLeft);

/// <summary>What confirming a TOTP enrolment did.</summary>
[GenerateSerializer, Alias("crucible.TwoFactorEnrolment")]
public enum TwoFactorEnrolment
{
    Enabled,
    WrongCode,
    NothingPending,
    AlreadyEnabled,
    UnknownUser,
}
