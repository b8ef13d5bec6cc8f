namespace Crucible.Grains.Interfaces.Markets;

/// <summary>The asset class of an instrument; it decides hours, sizing and settlement.</summary>
[GenerateSerializer, Alias("crucible.InstrumentKind")]
public enum InstrumentKind
{
    Crypto = 0,
    Equity = 1,
    Future = 2,
    Fx = 3,
    Prediction = 4,
}
