namespace Crucible.Api.Trading;

public sealed class AccountStreamOptions
{
    public const string Section = "Crucible:AccountStream";

    /// <summary>At most this many balance/equity updates per second reach each subscriber of an account.</summary>
    public double AccountUpdatesPerSecond { get; set; } = 4;
}
