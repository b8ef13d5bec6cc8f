using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Analytics;

/// <summary>
/// An account's <see cref="AccountActivity"/> read from its grains, as the audit reads them (embedded mode keeps no
/// ledger): the position book's fills, rule events and equity samples. The book does not list prediction-contract
/// settlements: a contract whose fills leave a position the book no longer holds was settled, at the value its feed's
/// settled quote carries.
/// </summary>
public static class BookActivity
{
    /// <param name="evaluation">The phase the account runs (from its assessment and plan); null for a paper account.</param>
    public static async Task<AccountActivity> ReadAsync(IGrainFactory grains, string accountId, AccountEvaluation? evaluation, Func<string, decimal> multiplierOf)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var book = grains.GetGrain<IPositionBookGrain>(accountId);
        var account = await book.GetAccountAsync();
        var fills = await book.GetFillsAsync();
        var events = await book.GetRuleEventsAsync();
        var samples = await book.GetEquitySamplesAsync();
        var settlements = await SettlementsAsync(grains, book, fills, multiplierOf);
        return new AccountActivity(accountId, account?.InitialBalance ?? 0m, AccountActivity.StartOf(evaluation, fills), evaluation, fills, settlements,
            events, samples).Normalized();
    }

    private static async Task<IReadOnlyList<ContractSettlement>> SettlementsAsync(IGrainFactory grains, IPositionBookGrain book, IReadOnlyList<Fill> fills,
        Func<string, decimal> multiplierOf)
    {
        var net = fills.GroupBy(f => f.Symbol).Where(g => g.Sum(f => f.Side == OrderSide.Buy ? f.Quantity : -f.Quantity) != 0m).Select(g => g.Key).ToList();
        if (net.Count == 0) return [];
        var held = (await book.GetPositionsAsync()).Select(p => p.Symbol).ToHashSet(StringComparer.Ordinal);
        var settled = new List<ContractSettlement>();
        foreach (var symbol in net.Where(s => !held.Contains(s)))
        {
            if (await grains.GetGrain<IInstrumentFeedGrain>(symbol).GetQuoteAsync() is not { Settlement: { } value } quote) continue;
            // What the book realized: (value − average entry) × quantity × multiplier, to the cent, on its average cost.
            var (quantity, average) = AverageCost(fills.Where(f => f.Symbol == symbol));
            var realized = RoundTripBuilder.Cents((value - average) * quantity * multiplierOf(symbol));
            settled.Add(new ContractSettlement(symbol, value, quote.Time, realized));
        }
        return settled;
    }

    private static (decimal Quantity, decimal Average) AverageCost(IEnumerable<Fill> fills)
    {
        decimal quantity = 0m, average = 0m;
        foreach (var f in fills)
        {
            var signed = f.Side == OrderSide.Buy ? f.Quantity : -f.Quantity;
            if (quantity == 0m || Math.Sign(quantity) == Math.Sign(signed))
                average = (average * Math.Abs(quantity) + f.Price * f.Quantity) / (Math.Abs(quantity) + f.Quantity);
            else if (Math.Abs(signed) > Math.Abs(quantity))
                average = f.Price;
            quantity += signed;
        }
        return (quantity, average);
    }
}
