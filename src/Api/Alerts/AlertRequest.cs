using System.Text.Json.Nodes;
using Crucible.Api.Markets;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Alerts;

namespace Crucible.Api.Alerts;

/// <summary>
/// A new alert's body, <c>{ symbol, condition, level, source?, note? }</c>, read and checked (docs/alerts.md): the symbol
/// from the catalog (any case), the condition and source in snake_case, the level a positive decimal below
/// <see cref="MaxLevel"/>, the note up to <see cref="MaxNoteLength"/> printable characters. Every problem is named by its field.
/// </summary>
public static class AlertRequest
{
    public const decimal MaxLevel = 1_000_000_000m;
    public const int MaxNoteLength = 140;

    public static async Task<(NewPriceAlert? Alert, Dictionary<string, string[]> Errors)> ReadAsync(JsonObject body, InstrumentDirectory instruments,
        CancellationToken cancellationToken)
    {
        var fields = new FieldReader(body);
        var symbol = fields.String("symbol", 64);
        var condition = fields.Enum<PriceAlertCondition>("condition");
        var level = fields.Decimal("level");
        var source = fields.Enum<PriceAlertSource>("source");
        var note = fields.String("note", 1024);
        fields.RejectUnknownFields();

        string? canonical = null;
        if (symbol is null) Required(fields, "symbol");
        else if (await instruments.FindAsync(symbol, cancellationToken) is { } spec) canonical = spec.Symbol;
        else fields.Error("symbol", $"'{symbol}' is not in the catalog.");
        if (condition is null) Required(fields, "condition");
        if (level is null) Required(fields, "level");
        else if (level <= 0m || level >= MaxLevel) fields.Error("level", $"must be greater than 0 and less than {MaxLevel:0}.");
        if (note is not null && (note.Length > MaxNoteLength || note.Any(char.IsControl)))
            fields.Error("note", $"must be at most {MaxNoteLength} printable characters.");

        return fields.Errors.Count > 0
            ? (null, fields.Errors)
            : (new NewPriceAlert(canonical!, condition!.Value, source ?? PriceAlertSource.Mid, level!.Value, string.IsNullOrWhiteSpace(note) ? null : note.Trim()), fields.Errors);
    }

    /// <summary>Missing, unless the field was there and already refused (a null, a wrong type).</summary>
    private static void Required(FieldReader fields, string name)
    {
        if (!fields.Errors.ContainsKey(name)) fields.Error(name, "is required.");
    }
}
