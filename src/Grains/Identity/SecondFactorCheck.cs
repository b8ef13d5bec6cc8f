using System.Security.Cryptography;
using OtpNet;

namespace Crucible.Grains.Identity;

/// <summary>
/// The arithmetic of the second factor, plain so it is tested without a silo. TOTP is RFC 6238 with the authenticator
/// apps' defaults (SHA-1, 6 digits, 30-second steps); a code is good for its step and one on either side (RFC 6238 §5.2
/// allows for clock drift and typing time), and only once: a step at or before the last accepted one is refused.
/// </summary>
public static class SecondFactorCheck
{
    public const int Digits = 6;

    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    /// <summary>The time step the code matched, or null when it is malformed, wrong, outside the window or already used.</summary>
    public static long? MatchTotp(string secretBase32, string? code, DateTimeOffset at, long lastUsedStep)
    {
        if (code is not { Length: Digits } || !code.All(char.IsAsciiDigit)) return null;
        var totp = new Totp(Base32Encoding.ToBytes(secretBase32));
        return totp.VerifyTotp(at.UtcDateTime, code, out var step, Window) && step > lastUsedStep ? step : null;
    }

    /// <summary>Where the presented recovery-code hash is in the list, or -1; every entry is compared, in constant time.</summary>
    public static int IndexOfRecoveryCode(IReadOnlyList<byte[]> hashes, byte[]? presented)
    {
        var found = -1;
        if (presented is null) return found;
        for (var i = 0; i < hashes.Count; i++)
            if (CryptographicOperations.FixedTimeEquals(hashes[i], presented)) found = i;
        return found;
    }
}
