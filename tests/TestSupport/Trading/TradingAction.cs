using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

/// <summary>One step of a trading scenario, applied alike to every <see cref="ITradingTarget"/>.</summary>
public abstract record TradingAction(DateTimeOffset Now)
{
    public abstract Task<TradingOutcome> ApplyTo(ITradingTarget target);
}

public sealed record ApplyQuoteAction(Quote Quote) : TradingAction(Quote.Time)
{
    public override async Task<TradingOutcome> ApplyTo(ITradingTarget target)
    {
        await target.ApplyQuote(Quote);
        return TradingOutcome.None;
    }
}

public sealed record SubmitAction(OrderRequest Request, DateTimeOffset At) : TradingAction(At)
{
    public override Task<TradingOutcome> ApplyTo(ITradingTarget target) => target.Submit(Request, Now);
}

public sealed record CancelAction(string OrderId, DateTimeOffset At) : TradingAction(At)
{
    public override Task<TradingOutcome> ApplyTo(ITradingTarget target) => target.Cancel(OrderId, Now);
}

public sealed record ReplaceAction(string OrderId, ReplaceRequest Change, DateTimeOffset At) : TradingAction(At)
{
    public override Task<TradingOutcome> ApplyTo(ITradingTarget target) => target.Replace(OrderId, Change, Now);
}

public sealed record ClosePositionAction(string Symbol, DateTimeOffset At) : TradingAction(At)
{
    public override Task<TradingOutcome> ApplyTo(ITradingTarget target) => target.ClosePosition(Symbol, Now);
}

public sealed record AdvanceTimeAction(DateTimeOffset At) : TradingAction(At)
{
    public override async Task<TradingOutcome> ApplyTo(ITradingTarget target)
    {
        await target.AdvanceTime(Now);
        return TradingOutcome.None;
    }
}
