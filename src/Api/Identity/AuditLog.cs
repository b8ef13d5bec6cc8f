using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Identity;

/// <summary>
/// Records who did what, when and from where: a structured log line and an entry in the day's audit trail grain,
/// which admins query. An entry that cannot be stored is still logged, and the request it describes goes on.
/// </summary>
public sealed class AuditLog(IClusterClient cluster, TimeProvider time, ILogger<AuditLog> logger)
{
    public async Task RecordAsync(HttpContext http, string action, string? target, string outcome, string? detail = null, string? userId = null)
    {
        var entry = new AuditEntry(time.GetUtcNow(), userId ?? http.User.UserId(), action, target,
            http.Connection.RemoteIpAddress?.ToString(), outcome, detail);
        logger.LogInformation("Audit {Action} by {UserId} on {Target} from {RemoteAddress}: {Outcome} {Detail}",
            entry.Action, entry.UserId, entry.Target, entry.RemoteAddress, entry.Outcome, entry.Detail);
        try
        {
            await cluster.GetGrain<IAuditTrailGrain>(IAuditTrailGrain.DayOf(entry.At)).AppendAsync(entry);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Audit entry {Action} by {UserId} could not be stored", entry.Action, entry.UserId);
        }
    }
}
