using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.LoadTest;

/// <summary>
/// The latest quote of each traded symbol, read from the public REST API a few times a second by one loop, so bots decide
/// on prices without each asking the engine.
/// </summary>
public sealed class QuoteBoard(HttpClient http, IReadOnlyList<string> symbols)
{
    public readonly record struct TopOfBook(decimal Bid, decimal Ask);

    private readonly ConcurrentDictionary<string, TopOfBook> quotes = new(StringComparer.Ordinal);

    public TopOfBook? Touch(string symbol) => quotes.TryGetValue(symbol, out var q) ? q : null;

    public decimal? Mid(string symbol) => Touch(symbol) is { } q ? (q.Bid + q.Ask) / 2 : null;

    /// <summary>Reads every symbol once; false names a symbol the engine does not know (or has no quote for).</summary>
    public async Task<IReadOnlyList<string>> RefreshAsync(CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var symbol in symbols)
        {
            using var response = await http.GetAsync($"/api/v1/instruments/{Uri.EscapeDataString(symbol)}", cancellationToken);
            if (!response.IsSuccessStatusCode) { missing.Add($"{symbol}: {(int)response.StatusCode}"); continue; }
            var quote = (await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))?["quote"];
            if (quote is null) { missing.Add($"{symbol}: no quote yet"); continue; }
            quotes[symbol] = new TopOfBook((decimal)quote["bid"]!, (decimal)quote["ask"]!);
        }
        return missing;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try { await RefreshAsync(cancellationToken); }
                catch (HttpRequestException) { }
            }
        }
        catch (OperationCanceledException) { }
    }
}
