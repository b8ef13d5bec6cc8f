using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Markets.Catalog;

/// <summary>The shape of the catalog JSON file; <see cref="InstrumentCatalogLoader"/> validates it.</summary>
internal sealed record CatalogFile
{
    public List<CatalogEntry> Instruments { get; init; } = [];
}

internal sealed record CatalogEntry
{
    public string? Symbol { get; init; }
    public string? Name { get; init; }
    public InstrumentKind? Kind { get; init; }
    public string QuoteCurrency { get; init; } = "USD";
    public decimal TickSize { get; init; }
    public decimal LotSize { get; init; } = 1;
    public decimal Multiplier { get; init; } = 1;
    public CatalogHours? Hours { get; init; }

    /// <summary>A micro future: counts as the plan's micro contract weight toward contract limits.</summary>
    public bool Micro { get; init; }

    /// <summary>Order bounds (docs/trading.md "Bounds"); absent: the defaults of the instrument's kind.</summary>
    public CatalogLimits? Limits { get; init; }

    public FeedSettings Feed { get; init; } = new();
}

/// <summary>Each bound left out takes the default of the instrument's kind.</summary>
internal sealed record CatalogLimits
{
    public decimal? MaxQuantity { get; init; }
    public decimal? MaxNotional { get; init; }
    public decimal? PriceBand { get; init; }
}

internal sealed record CatalogHours
{
    public string? TimeZone { get; init; }
    public string? Open { get; init; }
    public string? Close { get; init; }
    public List<DayOfWeek> Days { get; init; } = [];
}
