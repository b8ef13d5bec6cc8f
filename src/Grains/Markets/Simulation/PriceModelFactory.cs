using Crucible.Grains.Markets.Catalog;

namespace Crucible.Grains.Markets.Simulation;

/// <summary>Builds the price model an instrument's catalog entry asks for.</summary>
public static class PriceModelFactory
{
    /// <exception cref="ArgumentException">The model type is unknown or its settings are missing or out of range; the message names the symbol and field.</exception>
    public static IPriceModel Create(InstrumentDefinition definition, Random rng)
    {
        var feed = definition.Feed;
        var model = feed.Model;
        var initial = (double)feed.InitialPrice;
        try
        {
            return model.Type.Trim().ToLowerInvariant() switch
            {
                "gbm" => new GbmModel(rng, initial, model.Drift, model.Volatility, model.Jumps, model.Garch),
                "mean-reversion" => model.MeanReversion is { } mr
                    ? new MeanReversionModel(rng, initial, model.Volatility, mr.Speed, mr.Mean)
                    : throw Missing(definition, "Feed.Model.MeanReversion", model.Type),
                "prediction" => model.Prediction is { } p
                    ? new PredictionModel(rng, initial, model.Volatility, p.ResolveAfterSeconds, (double)definition.Spec.TickSize)
                    : throw Missing(definition, "Feed.Model.Prediction", model.Type),
                _ => throw new ArgumentException(
                    $"Instrument '{definition.Symbol}': unknown Feed.Model.Type '{model.Type}' (expected gbm, mean-reversion or prediction).",
                    nameof(definition)),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"Instrument '{definition.Symbol}': Feed.Model ({model.Type}) is invalid: {e.Message}", nameof(definition), e);
        }
    }

    private static ArgumentException Missing(InstrumentDefinition definition, string field, string type) =>
        new($"Instrument '{definition.Symbol}': {field} is required for model type '{type}'.", nameof(definition));
}
