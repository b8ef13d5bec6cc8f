using System.Security.Cryptography;
using System.Text;
using Crucible.Api.Markets;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Api.Alpaca;

/// <summary>
/// Symbols and assets as Alpaca names them. Crypto pairs read <c>BTC/USD</c> there and <c>BTC-USD</c> here; older clients
/// send <c>BTCUSD</c>: all three find the same instrument, and responses use Alpaca's slash form.
/// </summary>
public sealed class AlpacaSymbols(InstrumentDirectory directory)
{
    public async Task<InstrumentSpec?> FindAsync(string? symbol, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(symbol) || symbol.Length > 64) return null;
        if (await directory.FindAsync(symbol.Replace('/', '-'), cancellationToken) is { } exact) return exact;
        var bare = Bare(symbol);
        var all = await directory.GetAllAsync(cancellationToken);
        // Alpaca's paths take a symbol or an asset id.
        if (Guid.TryParse(symbol, out _))
            return all.FirstOrDefault(s => AssetId(s.Symbol).Equals(symbol, StringComparison.OrdinalIgnoreCase));
        return all.FirstOrDefault(s => Bare(s.Symbol).Equals(bare, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Our catalog spelling, or the text as given (for the book to refuse as an unknown symbol).</summary>
    public async Task<string> CanonicalAsync(string symbol, CancellationToken cancellationToken = default) =>
        (await FindAsync(symbol, cancellationToken))?.Symbol ?? symbol;

    public async Task<string> DisplayAsync(string symbol) => Display(await directory.FindAsync(symbol), symbol);

    public static string Display(InstrumentSpec? spec, string symbol) =>
        spec?.Kind == InstrumentKind.Crypto ? symbol.Replace('-', '/') : symbol;

    /// <summary>Alpaca's asset classes are us_equity, us_option and crypto; our other kinds keep their own names.</summary>
    public static string AssetClass(InstrumentSpec? spec) => spec?.Kind switch
    {
        InstrumentKind.Crypto => "crypto",
        InstrumentKind.Equity => "us_equity",
        null => "us_equity",
        var kind => kind.Value.ToString().ToLowerInvariant(),
    };

    public static string Exchange(InstrumentSpec? spec) => spec?.Kind == InstrumentKind.Crypto ? "CRYPTO" : "CRUCIBLE";

    /// <summary>A stable UUID per symbol (Alpaca's asset_id is a UUID): the first 16 bytes of the symbol's SHA-256.</summary>
    public static string AssetId(string symbol) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(symbol.ToUpperInvariant())).AsSpan(0, 16)).ToString();

    private static string Bare(string symbol) => symbol.Replace("/", "").Replace("-", "");
}
