namespace Crucible.Grains.Markets.Catalog;

/// <summary>
/// Parameters of a price model. Rates are annualised (a year of 365.25 days of continuous trading);
/// <see cref="TimeScale"/> makes simulated time run faster than the wall clock so a demo market moves.
/// </summary>
public sealed record PriceModelSettings
{
    /// <summary><c>gbm</c> (with optional jumps and GARCH volatility), <c>mean-reversion</c> or <c>prediction</c>.</summary>
    public string Type { get; init; } = "gbm";

    /// <summary>Annual drift μ of the log-price (GBM) — the expected return per year.</summary>
    public double Drift { get; init; }

    /// <summary>Annual volatility σ.</summary>
    public double Volatility { get; init; } = 0.2;

    /// <summary>Simulated seconds per wall-clock second.</summary>
    public double TimeScale { get; init; } = 1;

    public JumpSettings? Jumps { get; init; }

    public GarchSettings? Garch { get; init; }

    public MeanReversionSettings? MeanReversion { get; init; }

    public PredictionSettings? Prediction { get; init; }
}

/// <summary>Merton jumps: Poisson arrivals per year, log-jump sizes ~ N(mean, stdDev).</summary>
public sealed record JumpSettings(double Intensity, double Mean, double StdDev);

/// <summary>GARCH(1,1) on per-step returns; the long-run variance is the model's <c>Volatility</c>.</summary>
public sealed record GarchSettings(double Alpha, double Beta);

/// <summary>Ornstein–Uhlenbeck pull of the log-price towards ln(<see cref="Mean"/>) at <see cref="Speed"/> per year.</summary>
public sealed record MeanReversionSettings(double Speed, double Mean);

/// <summary>
/// A binary contract's probability follows a random walk in logit space and resolves after
/// <see cref="ResolveAfterSeconds"/> of simulated time to 1 with the probability it then shows, else 0.
/// </summary>
public sealed record PredictionSettings(double ResolveAfterSeconds);

/// <summary>Quoted spread: <see cref="Bps"/> of the mid, at least <see cref="MinTicks"/> ticks, widened by volatility above its long-run level.</summary>
public sealed record SpreadSettings
{
    public double Bps { get; init; } = 2;
    public int MinTicks { get; init; } = 1;
}

/// <summary>Size of each simulated trade, uniform in lots.</summary>
public sealed record TradeSizeSettings
{
    public int MinLots { get; init; } = 1;
    public int MaxLots { get; init; } = 100;
}

/// <summary>Replay of a recorded CSV file; <see cref="Speed"/> 0 means as fast as the feed can take it.</summary>
public sealed record ReplaySettings
{
    /// <summary>Path of the CSV file, relative to the catalog file when not rooted.</summary>
    public string Path { get; init; } = "";

    /// <summary><c>ticks</c> (time,bid,ask,last,size) or <c>bars</c> (time,open,high,low,close,volume).</summary>
    public string Format { get; init; } = "ticks";

    public double Speed { get; init; } = 1;

    /// <summary>Start again from the first record when the file ends (times shift by the file's span).</summary>
    public bool Loop { get; init; } = true;

    /// <summary>Bars only: width of the quote put around each expanded price, in ticks (at least one).</summary>
    public int SpreadTicks { get; init; } = 2;
}
