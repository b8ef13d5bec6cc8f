namespace Crucible.Grains.Interfaces.Identity;

/// <summary>The result of verifying a password, reported back so the user grain counts failures and locks out.</summary>
[GenerateSerializer, Immutable, Alias("crucible.SignInAttempt")]
public sealed record SignInAttempt(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? RehashedPassword = null);

/// <summary>After an attempt: locked until when (null: not locked), and how many failures in a row so far.</summary>
[GenerateSerializer, Immutable, Alias("crucible.SignInState")]
public sealed record SignInState(
    [property: Id(0)] DateTimeOffset? LockedUntil,
    [property: Id(1)] int ConsecutiveFailures);
