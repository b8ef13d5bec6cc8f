namespace Crucible.Grains.Trading;

/// <summary>Whole-cent rounding, half away from zero: the one rounding rule docs/trading.md gives for money.</summary>
internal static class Money
{
    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
