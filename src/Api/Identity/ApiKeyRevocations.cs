namespace Crucible.Api.Identity;

/// <summary>
/// Tells this host's long-lived connections that an API key was revoked here, so they end at once instead of at their
/// next check. REST needs no notice (every request checks the key's grain); a key revoked through another host reaches
/// a connection at its periodic re-check (Alpaca's <c>/stream</c>: <c>AlpacaStream.KeyCheckInterval</c>).
/// </summary>
public sealed class ApiKeyRevocations
{
    public event Action<string>? Revoked;

    public void Announce(string keyId) => Revoked?.Invoke(keyId);
}
