using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Api.Markets;

/// <summary>What the market hub sends to its clients.</summary>
public interface IMarketClient
{
    /// <summary>A quote of a subscribed symbol. A gap in its <c>sequence</c> means updates were conflated or missed.</summary>
    Task Quote(Quote quote);
}
