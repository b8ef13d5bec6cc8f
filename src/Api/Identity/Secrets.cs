using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Crucible.Api.Identity;

/// <summary>
/// The random secrets the API hands out once (API-key secrets, refresh tokens) and the hashes it stores instead of them.
/// A fast hash is right for these, unlike for passwords: a 256-bit random secret cannot be guessed from its SHA-256
/// however fast the guesses, and keys are checked on every request.
/// </summary>
public static class Secrets
{
    /// <summary>256 random bits, base64url (43 characters).</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
