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
}
