namespace Crucible.Api.Identity;

/// <summary>
/// The minimum strength of a password: 12 to 128 characters, letters and at least one digit or symbol, and not the
/// e-mail's name part. Length matters most (NIST SP 800-63B); the rest refuses the commonest weak choices.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    /// <summary>Null when acceptable; otherwise what is wrong, for the <c>password</c> field.</summary>
    public static string? Check(string password, string email)
    {
        if (password.Length is < MinLength or > MaxLength) return $"must be {MinLength} to {MaxLength} characters.";
        if (!password.Any(char.IsLetter) || password.All(char.IsLetter)) return "must mix letters with at least one digit or symbol.";
        var name = email.Split('@')[0];
        if (name.Length >= 4 && password.Contains(name, StringComparison.OrdinalIgnoreCase)) return "must not contain the e-mail's name.";
        return null;
    }
}
