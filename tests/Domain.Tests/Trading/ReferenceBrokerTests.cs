using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;
using Crucible.TestSupport.Trading;

namespace Crucible.Domain.Tests.Trading;

/// <summary>The oracle checked by hand: every expected number below is worked out in the comment beside it.</summary>
public sealed class ReferenceBrokerTests
{
    // Monday 2026-01-05 15:00Z: 10:00 in New York (EST), 09:00 in Chicago; every market is open.
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly string Apple = TradingScenarioInstruments.Apple.Spec.Symbol;
    private static readonly string EMini = TradingScenarioInstruments.EMini.Spec.Symbol;
    private static readonly string Bitcoin = TradingScenarioInstruments.Bitcoin.Spec.Symbol;
    private static readonly string Election = TradingScenarioInstruments.Election.Spec.Symbol;

    private long sequence;

    private static ReferenceBroker Broker(decimal balance = 100_000m, TradingTerms? terms = null) =>
        new("acct-1", balance, terms ?? TradingTerms.Default, TradingScenarioInstruments.Find,
            (spec, time) => TradingCalendar.IsOpen(spec.Hours, time));

    private Quote Quote(string symbol, decimal bid, decimal ask, int minutes, decimal? bidSize = null, decimal? askSize = null) =>
        new(symbol, bid, ask, ask, 1m, T0.AddMinutes(minutes), ++sequence, BidSize: bidSize, AskSize: askSize);

    private static OrderRequest Market(string symbol, OrderSide side, decimal quantity) =>
        new(symbol, side, OrderType.Market, quantity, TimeInForce.Gtc);

    [Fact]
    public void Equity_round_trip_realizes_the_price_difference_and_pays_commission_per_share_on_both_fills()
    {
        var broker = Broker();
        broker.ApplyQuote(Quote(Apple, 190.00m, 190.05m, 0));
        broker.Submit(Market(Apple, OrderSide.Buy, 100m), T0);           // 100 @ 190.05, commission 100 × 0.005 = 0.50
        broker.ApplyQuote(Quote(Apple, 191.00m, 191.02m, 1));

        var open = Assert.Single(broker.Positions);
        Assert.Equal(95.00m, open.UnrealizedPnl);                        // (191.00 − 190.05) × 100, marked to the bid
        Assert.Equal(19_100.00m, open.MarketValue);

        var sell = broker.Submit(Market(Apple, OrderSide.Sell, 100m), T0.AddMinutes(1)).Order!;
        Assert.Equal(OrderStatus.Filled, sell.Status);
        Assert.Equal(191.00m, sell.AverageFillPrice);
        Assert.Equal([0m, 95.00m], broker.Fills.Select(f => f.RealizedPnl));
        Assert.Equal([0.50m, 0.50m], broker.Fills.Select(f => f.Commission));
        Assert.Empty(broker.Positions);

        var account = broker.Snapshot(T0.AddMinutes(1));
        Assert.Equal(100_094.00m, account.Balance);                      // 100,000 + 95 − 1.00
        Assert.Equal(95.00m, account.RealizedPnl);
        Assert.Equal(1.00m, account.CommissionsPaid);
        Assert.Equal(100_094.00m, account.Equity);
        Assert.Equal(400_376.00m, account.BuyingPower);                  // 4 × 100,094 − 0
    }

    [Fact]
    public void Future_fill_larger_than_the_position_flips_it_and_opens_the_rest_at_the_fill_price()
    {
        var broker = Broker(200_000m);
        broker.ApplyQuote(Quote(EMini, 5_000.00m, 5_000.25m, 0));
        broker.Submit(Market(EMini, OrderSide.Buy, 2m), T0);             // long 2 @ 5,000.25, commission 2 × 2.25 = 4.50
        broker.ApplyQuote(Quote(EMini, 4_990.00m, 4_990.25m, 1));
        broker.Submit(Market(EMini, OrderSide.Sell, 3m), T0.AddMinutes(1)); // 3 @ 4,990.00, commission 6.75

        Assert.Equal(-1_025.00m, broker.Fills[1].RealizedPnl);           // (4,990.00 − 5,000.25) × 2 × 50
        broker.ApplyQuote(Quote(EMini, 4_980.00m, 4_980.25m, 2));
        var flipped = Assert.Single(broker.Positions);
        Assert.Equal(-1m, flipped.Quantity);
        Assert.Equal(4_990.00m, flipped.AverageEntryPrice);
        Assert.Equal(0m, flipped.RealizedPnl);                           // a new position: the loss belongs to the old one
        Assert.Equal(4_980.25m, flipped.MarkPrice);                      // shorts are marked to the ask
        Assert.Equal(487.50m, flipped.UnrealizedPnl);                    // (4,990.00 − 4,980.25) × 1 × 50
        Assert.Equal(-249_012.50m, flipped.MarketValue);                 // −1 × 4,980.25 × 50

        var account = broker.Snapshot(T0.AddMinutes(2));
        Assert.Equal(198_963.75m, account.Balance);                      // 200,000 − 1,025 − 11.25
        Assert.Equal(199_451.25m, account.Equity);                       // + 487.50
        Assert.Equal(249_012.50m, account.GrossExposure);
        Assert.Equal(-249_012.50m, account.NetExposure);
        Assert.Equal(548_792.50m, account.BuyingPower);                  // 4 × 199,451.25 − 249,012.50
    }

    [Fact]
    public void Bracket_stop_out_sells_at_the_bid_and_cancels_the_take_profit()
    {
        var broker = Broker();
        broker.ApplyQuote(Quote(Bitcoin, 64_999.00m, 65_000.00m, 0));
        var entry = broker.Submit(new OrderRequest(Bitcoin, OrderSide.Buy, OrderType.Market, 0.01m, TimeInForce.Gtc,
            Class: OrderClass.Bracket, TakeProfit: new TakeProfitLeg(65_500.00m), StopLoss: new StopLossLeg(64_800.00m)), T0).Order!;

        Assert.Equal(("O-1", OrderStatus.Filled, 65_000.00m), (entry.Id, entry.Status, entry.AverageFillPrice!.Value));
        Assert.Equal(["O-2", "O-3"], entry.LegIds);
        Assert.All(broker.Orders.Skip(1), leg => Assert.Equal((OrderStatus.Accepted, OrderSide.Sell, "O-1"), (leg.Status, leg.Side, leg.ParentId)));
        Assert.Equal(0.65m, broker.Fills[0].Commission);                 // 10 bps × 65,000 × 0.01

        broker.ApplyQuote(Quote(Bitcoin, 64_790.00m, 64_791.00m, 1));    // bid ≤ 64,800: the stop triggers

        var stopFill = broker.Fills[1];
        Assert.Equal(("O-3", 64_790.00m), (stopFill.OrderId, stopFill.Price)); // at market: the bid, not the stop
        Assert.Equal(-2.10m, stopFill.RealizedPnl);                      // (64,790 − 65,000) × 0.01
        Assert.Equal(0.65m, stopFill.Commission);                        // 0.6479 rounds to 0.65
        Assert.Equal(OrderStatus.Canceled, broker.FindOrder("O-2")!.Status);
        Assert.Empty(broker.Positions);
        Assert.Equal(99_996.60m, broker.Snapshot(T0).Balance);           // 100,000 − 2.10 − 1.30
    }

    [Fact]
    public void Bracket_legs_are_held_until_the_entry_fills_and_canceled_with_an_unfilled_entry()
    {
        var broker = Broker();
        broker.ApplyQuote(Quote(Apple, 190.00m, 190.05m, 0));
        broker.Submit(new OrderRequest(Apple, OrderSide.Buy, OrderType.Limit, 10m, TimeInForce.Day, LimitPrice: 189.00m,
            Class: OrderClass.Bracket, TakeProfit: new TakeProfitLeg(195.00m), StopLoss: new StopLossLeg(185.00m, 184.50m)), T0);

        Assert.Equal([OrderStatus.Accepted, OrderStatus.Held, OrderStatus.Held], broker.Orders.Select(o => o.Status));
        Assert.Equal(OrderType.StopLimit, broker.FindOrder("O-3")!.Type);

        var canceled = broker.Cancel("O-1", T0.AddMinutes(5));
        Assert.Equal(OrderStatus.Canceled, canceled.Order!.Status);
        Assert.All(broker.Orders, o => Assert.Equal((OrderStatus.Canceled, T0.AddMinutes(5)), (o.Status, o.CanceledAt!.Value)));
        Assert.Equal(OrderErrorCode.OrderNotCancelable, broker.Cancel("O-2", T0.AddMinutes(6)).ErrorCode);
    }

    [Fact]
    public void Market_slippage_grows_with_size_and_rounds_against_the_trader()
    {
        var broker = Broker(terms: TradingTerms.Default with { Slippage = new SlippageTerms(FixedBps: 2m, BpsPerLot: 0.1m) });
        broker.ApplyQuote(Quote(Apple, 190.00m, 190.05m, 0));

        // 2 + 0.1 × 30 = 5 bps: 190.05 × 1.0005 = 190.145025, up to 190.15.
        Assert.Equal(190.15m, broker.Submit(Market(Apple, OrderSide.Buy, 30m), T0).Order!.AverageFillPrice);
        // 2 + 0.1 × 10 = 3 bps: 190.00 × 0.9997 = 189.943, down to 189.94.
        Assert.Equal(189.94m, broker.Submit(Market(Apple, OrderSide.Sell, 10m), T0).Order!.AverageFillPrice);
        // Limit orders never slip.
        Assert.Equal(190.05m, broker.Submit(new OrderRequest(Apple, OrderSide.Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 190.10m), T0).Order!.AverageFillPrice);
    }

    [Fact]
    public void With_top_of_book_limits_a_quote_size_is_shared_oldest_first_and_the_rest_keeps_working()
    {
        var broker = Broker(terms: TradingTerms.Default with { LimitFillsToTopOfBook = true });
        broker.ApplyQuote(Quote(Apple, 190.00m, 190.05m, 0, askSize: 30m));
        var limit = broker.Submit(new OrderRequest(Apple, OrderSide.Buy, OrderType.Limit, 100m, TimeInForce.Gtc, LimitPrice: 190.10m), T0).Order!;
        Assert.Equal((OrderStatus.PartiallyFilled, 30m), (limit.Status, limit.FilledQuantity));

        var market = broker.Submit(Market(Apple, OrderSide.Buy, 10m), T0).Order!;
        Assert.Equal((OrderStatus.Accepted, 0m), (market.Status, market.FilledQuantity)); // the quote's 30 are taken

        broker.ApplyQuote(Quote(Apple, 190.01m, 190.06m, 1, askSize: 50m));
        broker.ApplyQuote(Quote(Apple, 190.02m, 190.07m, 2, askSize: 100m));

        Assert.Equal([(30m, 190.05m, "O-1"), (50m, 190.06m, "O-1"), (20m, 190.07m, "O-1"), (10m, 190.07m, "O-2")],
            broker.Fills.Select(f => (f.Quantity, f.Price, f.OrderId)));
        Assert.All(broker.Orders, o => Assert.Equal(OrderStatus.Filled, o.Status));
        Assert.Equal(190.059m, broker.FindOrder("O-1")!.AverageFillPrice); // (30 × 190.05 + 50 × 190.06 + 20 × 190.07) ÷ 100
    }

    [Fact]
    public void Day_orders_expire_at_the_session_close_or_at_midnight_utc_for_24_7_instruments()
    {
        var broker = Broker();
        var limit = new OrderRequest(Apple, OrderSide.Buy, OrderType.Limit, 1m, TimeInForce.Day, LimitPrice: 100.00m);
        Assert.Equal(Midnight.AddHours(21), broker.Submit(limit, T0).Order!.ExpiresAt);                 // 16:00 New York (EST)
        Assert.Equal(Midnight.AddHours(22), broker.Submit(limit with { Symbol = EMini, LimitPrice = 4_000m }, T0).Order!.ExpiresAt); // 16:00 Chicago
        Assert.Equal(Midnight.AddDays(1), broker.Submit(limit with { Symbol = Bitcoin, Quantity = 0.01m }, T0).Order!.ExpiresAt);

        broker.AdvanceTime(Midnight.AddHours(21).AddSeconds(-1));
        Assert.Equal(OrderStatus.Accepted, broker.FindOrder("O-1")!.Status);
        broker.AdvanceTime(Midnight.AddHours(21));
        Assert.Equal((OrderStatus.Expired, Midnight.AddHours(21)), (broker.FindOrder("O-1")!.Status, broker.FindOrder("O-1")!.ExpiredAt!.Value));
        Assert.Equal(OrderStatus.Accepted, broker.FindOrder("O-2")!.Status);

        // Accepted after the close: the next session's close, Tuesday 16:00 New York. (Submitted last: the account's
        // times never go back, so an earlier clock check after it would be stamped at 23:00.)
        Assert.Equal(Midnight.AddDays(1).AddHours(21), broker.Submit(limit, Midnight.AddHours(23)).Order!.ExpiresAt);
    }

    [Fact]
    public void Sell_trailing_stop_follows_the_highest_bid_and_fills_at_the_bid_once_triggered()
    {
        var broker = Broker();
        broker.ApplyQuote(Quote(Apple, 190.00m, 190.05m, 0));
        var trailing = broker.Submit(new OrderRequest(Apple, OrderSide.Sell, OrderType.TrailingStop, 10m, TimeInForce.Gtc, TrailAmount: 1.00m), T0).Order!;
        Assert.Equal((190.00m, 189.00m), (trailing.Watermark!.Value, trailing.StopPrice!.Value));

        broker.ApplyQuote(Quote(Apple, 191.50m, 191.55m, 1));
        broker.ApplyQuote(Quote(Apple, 191.00m, 191.05m, 2));            // not a new high: the stop stays at 190.50
        Assert.Equal((191.50m, 190.50m, OrderStatus.Accepted), (broker.FindOrder("O-1")!.Watermark!.Value, broker.FindOrder("O-1")!.StopPrice!.Value, broker.FindOrder("O-1")!.Status));

        broker.ApplyQuote(Quote(Apple, 190.40m, 190.45m, 3));            // bid ≤ 190.50: triggers, sells at the bid
        Assert.Equal(190.40m, Assert.Single(broker.Fills).Price);

        // A percent trail on a buy rounds up: 190.45 × 1.01 = 192.3545 → 192.36.
        var buy = broker.Submit(new OrderRequest(Apple, OrderSide.Buy, OrderType.TrailingStop, 10m, TimeInForce.Gtc, TrailPercent: 1m), T0.AddMinutes(3)).Order!;
        Assert.Equal(192.36m, buy.StopPrice);
    }

    [Fact]
    public void Prediction_settlement_realizes_the_position_at_the_settlement_value_without_a_fill()
    {
        var broker = Broker();
        broker.ApplyQuote(Quote(Election, 0.40m, 0.42m, 0));
        broker.Submit(Market(Election, OrderSide.Buy, 100m), T0);        // no commission on prediction contracts
        broker.Submit(new OrderRequest(Election, OrderSide.Sell, OrderType.Limit, 100m, TimeInForce.Gtc, LimitPrice: 0.90m), T0);

        broker.ApplyQuote(new Quote(Election, 1m, 1m, 1m, 0m, T0.AddDays(1), ++sequence, Settlement: 1m));

        Assert.Empty(broker.Positions);
        Assert.Single(broker.Fills);
        Assert.Equal(OrderStatus.Canceled, broker.FindOrder("O-2")!.Status);
        Assert.Equal((58.00m, 100_058.00m), (broker.Snapshot(T0).RealizedPnl, broker.Snapshot(T0).Balance)); // (1 − 0.42) × 100
    }

    [Fact]
    public void Rejections_are_recorded_with_an_id_while_validation_refusals_record_nothing()
    {
        var broker = Broker();
        var saturday = new DateTimeOffset(2026, 1, 10, 15, 0, 0, TimeSpan.Zero);
        broker.ApplyQuote(Quote(EMini, 5_000.00m, 5_000.25m, 0));

        Assert.Equal(OrderErrorCode.MarketClosed, broker.Submit(Market(Apple, OrderSide.Buy, 1m), saturday).Order!.RejectReason);
        Assert.Equal(OrderErrorCode.NoQuote, broker.Submit(Market(Bitcoin, OrderSide.Buy, 0.01m), T0).Order!.RejectReason);
        // 2 × 5,000.25 × 50 = 500,025 > 4 × 100,000; one contract (250,012.50) fits.
        Assert.Equal(OrderErrorCode.InsufficientBuyingPower, broker.Submit(Market(EMini, OrderSide.Buy, 2m), T0).Order!.RejectReason);
        Assert.Equal(OrderStatus.Filled, broker.Submit(Market(EMini, OrderSide.Buy, 1m), T0).Order!.Status);

        var refused = broker.Submit(Market(Apple, OrderSide.Buy, 1.5m), T0);
        Assert.Equal((OrderErrorCode.QuantityOffLotGrid, "quantity"), (refused.ErrorCode!.Value, refused.ErrorField));
        Assert.Equal(["O-1", "O-2", "O-3", "O-4"], broker.Orders.Select(o => o.Id));
    }

    [Fact]
    public void Repeated_client_order_id_returns_the_original_order_and_changes_nothing()
    {
        var broker = Broker();
        broker.ApplyQuote(Quote(Apple, 190.00m, 190.05m, 0));
        var first = broker.Submit(Market(Apple, OrderSide.Buy, 5m) with { ClientOrderId = "abc" }, T0);
        var again = broker.Submit(Market(Apple, OrderSide.Sell, 7m) with { ClientOrderId = "abc" }, T0.AddMinutes(1));

        Assert.True(again.Duplicate);
        Assert.Equal(first.Order!.Id, again.Order!.Id);
        Assert.Single(broker.Orders);
        Assert.Single(broker.Fills);
    }

    [Fact]
    public void Replace_creates_a_new_order_that_fills_at_once_when_marketable()
    {
        var broker = Broker();
        broker.ApplyQuote(Quote(Apple, 190.00m, 190.05m, 0));
        broker.Submit(new OrderRequest(Apple, OrderSide.Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 189.00m, ClientOrderId: "r"), T0);

        var replacement = broker.Replace("O-1", new ReplaceRequest(LimitPrice: 190.10m), T0.AddMinutes(1)).Order!;

        Assert.Equal(("O-2", "O-1", "r", OrderStatus.Filled, 190.05m), (replacement.Id, replacement.ReplacesId, replacement.ClientOrderId, replacement.Status, replacement.AverageFillPrice!.Value));
        var old = broker.FindOrder("O-1")!;
        Assert.Equal((OrderStatus.Replaced, "O-2"), (old.Status, old.ReplacedById));
        Assert.Equal(OrderErrorCode.OrderNotReplaceable, broker.Replace("O-1", new ReplaceRequest(Quantity: 5m), T0).ErrorCode);
    }
}
