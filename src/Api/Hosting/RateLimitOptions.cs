using System.Threading.RateLimiting;

namespace Crucible.Api.Hosting;

/// <summary>Request limits (<c>Crucible:RateLimits</c>); docs/identity.md "Rate limits".</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Crucible:RateLimits";

    /// <summary>Per client IP on <c>/api/v1/auth/*</c>: slows password and key guessing and mass registration.</summary>
    public WindowLimit Auth { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Per API key, else per user, else per client IP on <c>/api/v1/accounts/*</c> and <c>/v2/*</c>.</summary>
    public WindowLimit Trading { get; set; } = new() { PermitLimit = 50, Window = TimeSpan.FromSeconds(1) };
}

/// <summary>A fixed window: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>, the excess queued up to <see cref="QueueLimit"/>.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    /// <summary>Requests that wait for the next window instead of being refused; 0 refuses at once, which bots handle best.</summary>
    public int QueueLimit { get; set; }

    public FixedWindowRateLimiterOptions ToLimiterOptions(string name)
    {
        if (PermitLimit <= 0 || Window <= TimeSpan.Zero || QueueLimit < 0)
            throw new InvalidOperationException($"{RateLimitOptions.Section}:{name} needs PermitLimit > 0, Window > 0 and QueueLimit >= 0.");
        return new FixedWindowRateLimiterOptions
        {
            PermitLimit = PermitLimit,
            Window = Window,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }
}
