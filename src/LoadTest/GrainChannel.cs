using System.Text.Json;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.LoadTest.Strategies;

namespace Crucible.LoadTest;

/// <summary>
/// The engine through its grains, as the API host reaches them: the same calls its REST endpoints make (a paper account
/// is <see cref="IPositionBookGrain.OpenAsync"/>, an assessment <see cref="IAssessmentGrain.PurchaseAsync"/> with the
/// simulated payment, an order <see cref="IPositionBookGrain.SubmitOrderAsync"/>, a quote
/// <see cref="IInstrumentFeedGrain.GetQuoteAsync"/>), without HTTP, JSON, sign-in, rate limits or ownership checks.
/// Paper accounts opened this way have no owner (like any opened through the grain API); assessments are bought for
/// trader ids <c>&lt;run&gt;-&lt;i&gt;</c> that are not registered users.
/// </summary>
public sealed class GrainChannel(GrainConnection connection, LoadTestOptions options) : IEngineChannel
{
    private readonly IClusterClient cluster = connection.Client;

    public string Via => "grains";

    public string Target => string.Join(",", options.Gateways);

    /// <summary>No users to sign up; assessments are bought for <see cref="LoadTestOptions.Users"/> trader ids, paper accounts for none.</summary>
    public Task<int> PrepareAsync(string runId, CancellationToken cancellationToken) => Task.FromResult(options.Plan == "paper" ? 0 : options.Users);

    public async Task<TradedAccount> OpenAccountAsync(int index, string runId, CancellationToken cancellationToken)
    {
        var id = $"{runId}-{index}";
        if (options.Plan == "paper")
        {
            await cluster.GetGrain<IPositionBookGrain>(id).OpenAsync(new OpenAccountRequest(options.Balance, TradingTerms.Default));
            return new TradedAccount(id, null);
        }
        var trader = $"{runId}-{index % options.Users}";
        var result = await cluster.GetGrain<IAssessmentGrain>(AssessmentIds.ForPurchase(id)).PurchaseAsync(new PurchaseRequest(options.Plan, trader, "tok_visa", id));
        return result.Assessment?.CurrentAccountId is { } account
            ? new TradedAccount(account, null)
            : throw new LoadTestException($"buy {options.Plan}: {result.Error?.Code} {result.Error?.Message}");
    }

    public async Task<(QuoteBoard.TopOfBook? Quote, string? Problem)> ReadQuoteAsync(string symbol, CancellationToken cancellationToken) =>
        await cluster.GetGrain<IInstrumentFeedGrain>(symbol).GetQuoteAsync() is { } quote
            ? (new QuoteBoard.TopOfBook(quote.Bid, quote.Ask), null)
            : (null, "no quote yet (or no such instrument)");

    public async Task<OrderReply> SubmitAsync(TradedAccount account, OrderIntent intent, string clientOrderId, CancellationToken cancellationToken)
    {
        var request = new OrderRequest(intent.Symbol, Enum.Parse<OrderSide>(intent.Side, ignoreCase: true), Enum.Parse<OrderType>(intent.Type, ignoreCase: true),
            intent.Quantity, Enum.Parse<TimeInForce>(intent.TimeInForce, ignoreCase: true), intent.LimitPrice, ClientOrderId: clientOrderId);
        try
        {
            var result = await cluster.GetGrain<IPositionBookGrain>(account.Id).SubmitOrderAsync(request);
            // What the REST endpoint answers 2xx (OrdersApi.ToResult): no error and not a rejected order.
            var refusal = result.Error?.Code ?? (result.Order?.Status == OrderStatus.Rejected ? result.Order.RejectReason ?? OrderErrorCode.MarketClosed : null);
            if (refusal is { } code)
                return OrderReply.Refused(CodeOf(code), isError: OrderErrors.IsUnavailable(code));
            var order = result.Order!;
            return new OrderReply(true, order.FilledQuantity, order.AverageFillPrice, order.Id, null, false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not LoadTestException)
        {
            // A timeout or a lost gateway is the network's; anything else the grain threw is what HTTP would answer 500.
            return OrderReply.Refused(e is TimeoutException or Orleans.Runtime.OrleansException ? "transport" : "grain_exception", isError: true);
        }
    }

    public Task RecoverAsync(TradedAccount account, OrderReply reply, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The code as the REST API names it (TradingProblems.CodeOf): insufficient_buying_power, ...</summary>
    public static string CodeOf(OrderErrorCode code) => JsonNamingPolicy.SnakeCaseLower.ConvertName(code.ToString());

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
