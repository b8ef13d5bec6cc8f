using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crucible.Persistence.Ledger;

/// <summary>How the ledger stores the engine's records in its JSON columns: camelCase, enums by name, decimals exact.</summary>
internal static class LedgerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string? Write<T>(T? value) where T : class => value is null ? null : JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Options);
}
