using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.TestSupport.Trading;

namespace Crucible.Domain.Tests.Trading;

/// <summary>The invariant the randomized runs assert on every fill must catch an off-market fill, whatever rule made it.</summary>
public sealed class FillPriceInvariantTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 15, 0, 0, TimeSpan.Zero);
    private static readonly Quote Touch = new("AAPL", 99.99m, 100.00m, 99.99m, 1m, T0, 7);

    private static FillPriceInvariant Invariant(decimal fixedBps = 0m)
    {
        var invariant = new FillPriceInvariant(new SlippageTerms(fixedBps, 0m), Instruments.Find);
        invariant.Saw(Touch);
        return invariant;
    }

    private static Order Order(OrderType type, OrderSide side, decimal? limit = null, decimal? stop = null) =>
        new("O-1", null, "A-1", "AAPL", side, type, TimeInForce.Gtc, OrderClass.Simple, 1m, 1m, null, limit, stop, null, null, null,
            Triggered: true, OrderStatus.Filled, null, null, [], null, null, T0, T0, T0);

    private static Fill Fill(OrderSide side, decimal price, long sequence = 7) =>
        new("F-1", "O-1", "AAPL", side, 1m, price, 0m, 0m, T0, sequence);

    [Fact]
    public void A_buy_stop_filled_at_its_stop_below_the_ask_is_caught()
    {
        var problems = Invariant().Check(Fill(OrderSide.Buy, 95.00m), Order(OrderType.Stop, OrderSide.Buy, stop: 95.00m)).ToList();
        Assert.Contains(problems, p => p.Contains("better for the trader than the touch"));
    }

    [Fact]
    public void A_sell_stop_filled_above_the_bid_is_caught()
    {
        var problems = Invariant().Check(Fill(OrderSide.Sell, 200.00m), Order(OrderType.Stop, OrderSide.Sell, stop: 200.00m)).ToList();
        Assert.NotEmpty(problems);
    }

    [Fact]
    public void Slippage_beyond_the_terms_a_limit_off_its_touch_and_an_unknown_quote_are_caught()
    {
        Assert.NotEmpty(Invariant(2m).Check(Fill(OrderSide.Buy, 100.05m), Order(OrderType.Market, OrderSide.Buy)));
        Assert.NotEmpty(Invariant().Check(Fill(OrderSide.Buy, 99.99m), Order(OrderType.Limit, OrderSide.Buy, limit: 100.00m)));
        Assert.NotEmpty(Invariant().Check(Fill(OrderSide.Buy, 100.00m, sequence: 8), Order(OrderType.Market, OrderSide.Buy)));
    }

    [Fact]
    public void Fills_at_the_touch_or_within_the_slippage_terms_pass()
    {
        Assert.Empty(Invariant().Check(Fill(OrderSide.Buy, 100.00m), Order(OrderType.Stop, OrderSide.Buy, stop: 95.00m)));
        Assert.Empty(Invariant(2m).Check(Fill(OrderSide.Buy, 100.03m), Order(OrderType.Market, OrderSide.Buy)));
        Assert.Empty(Invariant().Check(Fill(OrderSide.Sell, 99.99m), Order(OrderType.Limit, OrderSide.Sell, limit: 99.00m)));
    }
}
