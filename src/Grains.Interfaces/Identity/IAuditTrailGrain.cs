namespace Crucible.Grains.Interfaces.Identity;

/// <summary>The audit entries of one UTC day (key: <c>yyyy-MM-dd</c>), oldest first, in grain storage.</summary>
[Alias("crucible.IAuditTrailGrain")]
public interface IAuditTrailGrain : IGrainWithStringKey
{
    [Alias("Append")]
    Task AppendAsync(AuditEntry entry);

    [Alias("List")]
    Task<IReadOnlyList<AuditEntry>> ListAsync();

    public static string DayOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
