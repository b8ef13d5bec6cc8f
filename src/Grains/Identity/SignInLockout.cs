namespace Crucible.Grains.Identity;

/// <summary>
/// Lockout after repeated failures: <see cref="MaxFailures"/> wrong passwords in a row lock the user for
/// <see cref="Duration"/>; a success clears the count. Plain, so its arithmetic is tested without a silo.
/// </summary>
public static class SignInLockout
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>The failure count and lock after one more attempt.</summary>
    public static (int Failures, DateTimeOffset? LockedUntil) After(bool succeeded, int failures, DateTimeOffset? lockedUntil, DateTimeOffset at)
    {
        if (succeeded) return (0, null);
        var count = failures + 1;
        return count >= MaxFailures ? (0, at + Duration) : (count, lockedUntil);
    }
}
