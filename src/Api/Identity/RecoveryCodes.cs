using System.Security.Cryptography;

namespace Crucible.Api.Identity;

/// <summary>
/// Second-factor recovery codes: shown once at enrolment, kept only as SHA-256 hashes. Each is 16 characters from a
/// 32-letter alphabet without look-alikes (0/O, 1/I), 80 random bits, so a fast unsalted hash is safe; written in
/// groups of four (<c>ABCD-EFGH-JKLM-NPQR</c>), read in any case with or without the dashes and spaces.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static IReadOnlyList<string> Generate() => [.. Enumerable.Range(0, Count).Select(_ => NewCode())];

    public static byte[] Hash(string code) => Secrets.Hash(Normalize(code));

    /// <summary>True for something shaped like a recovery code rather than a 6-digit TOTP code.</summary>
    public static bool LooksLikeOne(string code) => Normalize(code).Length == 16;

    private static string Normalize(string code) =>
        new([.. code.Where(c => c != '-' && !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant)]);

    private static string NewCode()
    {
        var letters = Enumerable.Range(0, 16).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray();
        return string.Join('-', letters.Chunk(4).Select(group => new string(group)));
    }
}
