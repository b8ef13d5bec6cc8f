using System.Text.RegularExpressions;

namespace Crucible.Api.Trading;

public static partial class AccountId
{
    /// <summary>Account ids are 1–64 letters, digits, '-' or '_': safe in URLs, logs and stream keys.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static IResult Invalid(string id) => JsonBody.Invalid("accountId", $"'{id}' is not an account id (1–64 letters, digits, '-' or '_').");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();
}
