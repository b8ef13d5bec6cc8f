namespace Crucible.Grains.Interfaces.Alerts;

/// <summary>
/// One user's price alerts (key: the user id), evaluated by the engine on every quote of their symbols, whether or not a
/// page is open (docs/alerts.md). Firings go out on <see cref="AlertStreams.EventStream"/>.
/// </summary>
[Alias("crucible.IPriceAlertsGrain")]
public interface IPriceAlertsGrain : IGrainWithStringKey
{
    /// <summary>Alerts a user may keep, armed and fired together (deleting a fired one makes room).</summary>
    public const int MaxAlerts = 200;

    /// <summary>The user's alerts, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<PriceAlert>> ListAsync();

    [Alias("Get")]
    Task<PriceAlert?> GetAsync(string alertId);

    /// <summary>Arms a new alert from the symbol's current quote on (that quote itself does not fire it).</summary>
    [Alias("Create")]
    Task<PriceAlertResult> CreateAsync(NewPriceAlert request, DateTimeOffset at);

    /// <summary>False when the user has no alert with this id. A deleted alert fires no more.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(string alertId);
}
