namespace Crucible.Grains.Interfaces.Alpaca;

/// <summary>
/// Which account an API key trades on the Alpaca-compatible surface (key: the API key id). Alpaca clients name no
/// account: the key does. A key is bound to a paper account, or to an assessment, whose current phase account it then
/// follows from phase to phase (docs/alpaca.md "Which account a key trades").
/// </summary>
[Alias("crucible.IApiKeyAccountGrain")]
public interface IApiKeyAccountGrain : IGrainWithStringKey
{
    /// <summary>Binds the key (replacing any earlier binding). The caller has checked that the key and the target are the user's.</summary>
    [Alias("Bind")]
    Task BindAsync(ApiKeyAccountBinding binding);

    /// <summary>The key's binding, or null when it has none.</summary>
    [Alias("Get")]
    Task<ApiKeyAccountBinding?> GetAsync();
}

/// <summary>Exactly one of <see cref="AccountId"/> (a paper account) and <see cref="AssessmentId"/> is set.</summary>
[GenerateSerializer, Immutable, Alias("crucible.ApiKeyAccountBinding")]
public sealed record ApiKeyAccountBinding(
    [property: Id(0)] string? AccountId,
    [property: Id(1)] string? AssessmentId,
    [property: Id(2)] DateTimeOffset BoundAt);
