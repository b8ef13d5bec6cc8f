namespace Crucible.Grains.Markets.Simulation;

/// <summary>Model rates are annual; a year is 365.25 days of continuous trading (the catalog's convention).</summary>
public static class SimulatedTime
{
    public const double SecondsPerYear = 31_557_600;

    public static double ToYears(double seconds) => seconds / SecondsPerYear;
}
