using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

// Order requests: mostly valid, near the market so that they cross now or later; a few with exactly one fault.
public sealed partial class TradingScenarioGenerator
{
    private OrderRequest NextRequest()
    {
        var roll = random.NextDouble();
        if (roll < 0.01)
        {
            var foreign = TradingScenarioInstruments.EuroFuture;
            return new OrderRequest(foreign.Symbol, RandomSide(), OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: 18_000m);
        }

        var tradable = markets.Where(m => !m.Settled).ToList();
        var market = tradable[random.Next(tradable.Count)];
        var request = roll switch
        {
            < 0.06 => Faulty(market),
            < 0.16 => Bracket(market),
            < 0.23 => Oco(market),
            _ => Simple(market),
        };
        return request with { ClientOrderId = request.ClientOrderId ?? NextClientOrderId() };
    }

    private string? NextClientOrderId()
    {
        if (random.NextDouble() >= 0.25) return null;
        if (clientOrderIds.Count > 0 && random.NextDouble() < 0.3) return clientOrderIds[random.Next(clientOrderIds.Count)];
        var id = $"client-{clientOrderIds.Count + 1}";
        clientOrderIds.Add(id);
        return id;
    }

    private OrderRequest Simple(Market market)
    {
        var side = RandomSide();
        var quantity = Lots(market);
        var canTrail = market.Last is not null && market.Spec.Kind != InstrumentKind.Prediction;
        var type = random.NextDouble() switch
        {
            < 0.25 => OrderType.Market,
            < 0.60 => OrderType.Limit,
            < 0.75 => OrderType.Stop,
            < 0.85 => OrderType.StopLimit,
            _ => canTrail ? OrderType.TrailingStop : OrderType.Limit,
        };
        var request = new OrderRequest(market.Spec.Symbol, side, type, quantity, RandomTimeInForce(type));
        return type switch
        {
            OrderType.Limit => request with { LimitPrice = LimitNear(market, side) },
            OrderType.Stop => request with { StopPrice = StopNear(market, side) },
            OrderType.StopLimit => StopLimitNear(market, request),
            OrderType.TrailingStop => random.Next(2) == 0
                ? request with { TrailAmount = TrailAmount(market) }
                : request with { TrailPercent = TrailPercent(market) },
            _ => request,
        };
    }

    private OrderRequest Bracket(Market market)
    {
        var side = RandomSide();
        var buy = side == OrderSide.Buy;
        var type = random.NextDouble() < 0.4 ? OrderType.Market : OrderType.Limit;
        var takeProfit = market.Offset(buy ? market.Ask : market.Bid, (buy ? 1 : -1) * random.Next(2, 9));
        var stop = market.Offset(buy ? market.Bid : market.Ask, (buy ? -1 : 1) * random.Next(2, 9));
        decimal? stopLimit = random.NextDouble() < 0.3 ? market.Offset(stop, buy ? -1 : 1) : null;
        return new OrderRequest(market.Spec.Symbol, side, type, Lots(market), random.Next(2) == 0 ? TimeInForce.Day : TimeInForce.Gtc,
            LimitPrice: type == OrderType.Limit ? LimitNear(market, side) : null,
            Class: OrderClass.Bracket,
            TakeProfit: new TakeProfitLeg(takeProfit),
            StopLoss: new StopLossLeg(stop, stopLimit));
    }

    /// <summary>Usually an exit for a position the account holds; sometimes a fresh position from either leg.</summary>
    private OrderRequest Oco(Market market)
    {
        var position = guide.Positions.FirstOrDefault(p => p.Symbol == market.Spec.Symbol);
        var side = position is null ? RandomSide() : position.Quantity > 0 ? OrderSide.Sell : OrderSide.Buy;
        var quantity = position is null ? Lots(market) : Math.Min(Math.Abs(position.Quantity), Lots(market));
        var sell = side == OrderSide.Sell;
        var takeProfit = market.Offset(sell ? market.Bid : market.Ask, (sell ? 1 : -1) * random.Next(1, 7));
        var stop = market.Offset(sell ? market.Bid : market.Ask, (sell ? -1 : 1) * random.Next(1, 7));
        decimal? stopLimit = random.NextDouble() < 0.3 ? market.Offset(stop, sell ? -1 : 1) : null;
        return new OrderRequest(market.Spec.Symbol, side, OrderType.Limit, quantity, random.Next(2) == 0 ? TimeInForce.Day : TimeInForce.Gtc,
            LimitPrice: takeProfit,
            Class: OrderClass.Oco,
            TakeProfit: new TakeProfitLeg(takeProfit),
            StopLoss: new StopLossLeg(stop, stopLimit));
    }

    /// <summary>A request with exactly one thing wrong, so that the expected refusal is unambiguous.</summary>
    private OrderRequest Faulty(Market market)
    {
        var side = RandomSide();
        var spec = market.Spec;
        var valid = new OrderRequest(spec.Symbol, side, OrderType.Limit, Lots(market), TimeInForce.Gtc, LimitPrice: LimitNear(market, side));
        var tick = spec.TickSize;
        var outOfRange = spec.Kind == InstrumentKind.Prediction ? 1m : -tick;
        return random.Next(17) switch
        {
            0 => valid with { Quantity = 0m },
            1 => valid with { Quantity = -spec.LotSize },
            2 => valid with { Quantity = spec.LotSize * 1.5m },
            3 => valid with { LimitPrice = valid.LimitPrice + spec.TickSize / 2 },
            4 => valid with { LimitPrice = null },
            5 => valid with { StopPrice = valid.LimitPrice },
            6 => valid with { Symbol = "NOPE" },
            7 => valid with { Type = OrderType.Stop, LimitPrice = null, StopPrice = StopNear(market, side), TimeInForce = TimeInForce.Ioc },
            8 => valid with { ClientOrderId = new string('x', 65) },
            9 => valid with { LimitPrice = spec.Kind == InstrumentKind.Prediction ? 1m : -spec.TickSize },
            10 => Bracket(market) is var bracket
                ? bracket with { TakeProfit = new TakeProfitLeg(bracket.StopLoss!.StopPrice) }
                : valid,
            // Leg prices: off the grid, out of range, on the wrong side, missing, or an OCO limit that is not its take-profit.
            11 => Bracket(market) is var bracket ? bracket with { TakeProfit = new TakeProfitLeg(bracket.TakeProfit!.LimitPrice + tick / 2) } : valid,
            12 => Bracket(market) is var bracket ? bracket with { StopLoss = new StopLossLeg(bracket.StopLoss!.StopPrice, bracket.StopLoss.StopPrice - tick / 2) } : valid,
            13 => Bracket(market) with { StopLoss = null },
            14 => Oco(market) is var oco
                ? oco with { LimitPrice = null, TakeProfit = new TakeProfitLeg(oco.StopLoss!.StopPrice), StopLoss = new StopLossLeg(oco.TakeProfit!.LimitPrice) }
                : valid,
            15 => Oco(market) is var oco ? oco with { StopLoss = oco.StopLoss! with { StopPrice = outOfRange } } : valid,
            _ => Oco(market) is var oco ? oco with { LimitPrice = oco.LimitPrice + tick } : valid,
        };
    }

    private TradingAction NextReplace()
    {
        var id = PickOrderId(o => o.Status == OrderStatus.Accepted && o.FilledQuantity == 0);
        var order = guide.FindOrder(id);
        var market = order is null ? null : markets.FirstOrDefault(m => m.Spec.Symbol == order.Symbol && !m.Settled);
        if (order is null || market is null) return new ReplaceAction(id, new ReplaceRequest(Quantity: 1m), clock);

        var change = new ReplaceRequest();
        if (random.NextDouble() < 0.4) change = change with { Quantity = Lots(market) };
        if (random.NextDouble() < 0.15) change = change with { TimeInForce = random.Next(2) == 0 ? TimeInForce.Day : TimeInForce.Gtc };
        change = order.Type switch
        {
            OrderType.Limit => change with { LimitPrice = LimitNear(market, order.Side) },
            OrderType.Stop => change with { StopPrice = StopNear(market, order.Side) },
            OrderType.StopLimit => change with { StopPrice = StopNear(market, order.Side) },
            OrderType.TrailingStop when order.TrailAmount is not null => change with { TrailAmount = TrailAmount(market) },
            OrderType.TrailingStop => change with { TrailPercent = TrailPercent(market) },
            _ => change with { Quantity = Lots(market) },
        };

        var fault = random.NextDouble();
        if (fault < 0.03) change = change with { Quantity = market.Spec.LotSize / 2 };
        else if (fault < 0.06 && order.Type is not (OrderType.Limit or OrderType.StopLimit))
            change = change with { LimitPrice = market.Offset(market.Bid, 0) };
        return new ReplaceAction(id, change, clock);
    }

    private decimal LimitNear(Market market, OrderSide side) => side == OrderSide.Buy
        ? market.Offset(market.Ask, -random.Next(-2, 7))
        : market.Offset(market.Bid, random.Next(-2, 7));

    private decimal StopNear(Market market, OrderSide side) => side == OrderSide.Buy
        ? market.Offset(market.Ask, random.Next(-1, 7))
        : market.Offset(market.Bid, -random.Next(-1, 7));

    private OrderRequest StopLimitNear(Market market, OrderRequest request)
    {
        var stop = StopNear(market, request.Side);
        var away = random.Next(-1, 4);
        return request with { StopPrice = stop, LimitPrice = market.Offset(stop, request.Side == OrderSide.Buy ? away : -away) };
    }

    private decimal TrailAmount(Market market) => random.Next(1, 7) * market.Instrument.StepTicks * market.Spec.TickSize;

    /// <summary>A percentage worth about one to six price steps, so trailing stops do trigger.</summary>
    private decimal TrailPercent(Market market)
    {
        var steps = random.Next(1, 7) * market.Instrument.StepTicks * market.Spec.TickSize;
        return Math.Max(0.0001m, Math.Round(steps / market.Mid * 100m, 4));
    }

    private OrderSide RandomSide() => random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;

    private TimeInForce RandomTimeInForce(OrderType type)
    {
        var roll = random.NextDouble();
        if (type is not (OrderType.Market or OrderType.Limit)) return roll < 0.5 ? TimeInForce.Day : TimeInForce.Gtc;
        return roll switch
        {
            < 0.31 => TimeInForce.Day, < 0.62 => TimeInForce.Gtc, < 0.76 => TimeInForce.Ioc, < 0.88 => TimeInForce.Fok,
            // On the open and at the close: refused on 24/7 instruments, and opg while the session is open.
            < 0.94 => TimeInForce.Opg, _ => TimeInForce.Cls,
        };
    }
}
