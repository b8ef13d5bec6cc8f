using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Identity;

/// <summary>A user's stored state; <see cref="Profile"/> is null until the user registers.</summary>
[GenerateSerializer, Alias("crucible.UserGrainState")]
public sealed class UserGrainState
{
    [Id(0)] public UserProfile? Profile { get; set; }

    [Id(1)] public string PasswordHash { get; set; } = "";

    [Id(2)] public int ConsecutiveFailures { get; set; }

    [Id(3)] public DateTimeOffset? LockedUntil { get; set; }

    [Id(4)] public List<string> Accounts { get; set; } = [];

    // API keys. Ids from 20 up, so members another change appends after Accounts cannot take the same number.
    [Id(20)] public List<string> ApiKeys { get; set; } = [];

    /// <summary>The confirmed TOTP secret (base32), null while the second factor is off. A secret: grain storage must be protected like the database.</summary>
    [Id(5)] public string? TotpSecret { get; set; }

    /// <summary>A secret handed out by enrolment and not yet confirmed with a code.</summary>
    [Id(6)] public string? PendingTotpSecret { get; set; }

    /// <summary>The last TOTP time step accepted: a code is good once, so only later steps are.</summary>
    [Id(7)] public long LastTotpStep { get; set; }

    /// <summary>SHA-256 hashes of the unused recovery codes; each is removed when used.</summary>
    [Id(8)] public List<byte[]> RecoveryCodeHashes { get; set; } = [];
}
