using System.Collections.Concurrent;

namespace Crucible.LoadTest;

/// <summary>
/// The latest quote of each traded symbol, read through the run's channel a few times a second by one loop, so bots
/// decide on prices without each asking the engine.
/// </summary>
public sealed class QuoteBoard(IEngineChannel channel, IReadOnlyList<string> symbols)
{
    public readonly record struct TopOfBook(decimal Bid, decimal Ask);

    private readonly ConcurrentDictionary<string, TopOfBook> quotes = new(StringComparer.Ordinal);

    public TopOfBook? Touch(string symbol) => quotes.TryGetValue(symbol, out var q) ? q : null;

    public decimal? Mid(string symbol) => Touch(symbol) is { } q ? (q.Bid + q.Ask) / 2 : null;

    /// <summary>Reads every symbol once; lists each symbol the engine does not know (or has no quote for), with why.</summary>
    public async Task<IReadOnlyList<string>> RefreshAsync(CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var symbol in symbols)
        {
            var (quote, problem) = await channel.ReadQuoteAsync(symbol, cancellationToken);
            if (quote is { } q) quotes[symbol] = q;
            else missing.Add($"{symbol}: {problem}");
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
                // A failed refresh keeps the last quotes; the bots go on.
                try { await RefreshAsync(cancellationToken); }
                catch (Exception e) when (e is not OperationCanceledException) { }
            }
        }
        catch (OperationCanceledException) { }
    }
}
