using System.Text.Json;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Alpaca;

/// <summary>Alpaca's error body: an eight-digit code (the HTTP status, then 10000) and a message.</summary>
public sealed record AlpacaError(int Code, string Message);

/// <summary>
/// Refusals in Alpaca's shape (<c>{ "code": 40310000, "message": "…" }</c>). Our own code (<c>risk_per_trade_exceeded</c>,
/// <c>trading_blocked</c>…) ends the message in parentheses, so a bot's log says which rule refused it.
/// </summary>
public static class AlpacaErrors
{
    /// <summary>422 carries Alpaca's "invalid request" code; every other status s is s × 100000 + 10000 (401 → 40110000).</summary>
    public static int CodeFor(int status) => status == StatusCodes.Status422UnprocessableEntity ? 40010001 : status * 100_000 + 10_000;

    public static IResult Result(int status, string message) =>
        Results.Json(new AlpacaError(CodeFor(status), message), AlpacaJson.Options, statusCode: status);

    public static IResult NotFound(string message) => Result(StatusCodes.Status404NotFound, message);

    public static IResult Invalid(string field, string message) => Result(StatusCodes.Status422UnprocessableEntity, $"{field}: {message}");

    public static IResult Forbidden(string message) => Result(StatusCodes.Status403Forbidden, message);

    /// <summary>Field errors from the shared order reader, named as the Alpaca request names them.</summary>
    public static IResult Validation(Dictionary<string, string[]> errors) => Result(StatusCodes.Status422UnprocessableEntity,
        string.Join("; ", errors.Select(e => $"{AlpacaFields.ToAlpaca(e.Key)}: {AlpacaFields.Rename(string.Join(" ", e.Value))}")));

    /// <summary>
    /// The status Alpaca would answer for the book's refusal: 403 for what the account may not do now (buying power, a
    /// challenge's blocked or ended phase, its leverage cap), 404 for what does not exist, 422 for what is wrong with the
    /// order, 503 when the ledger could not record it (retry is safe).
    /// </summary>
    public static int StatusOf(OrderErrorCode code) => code switch
    {
        OrderErrorCode.UnknownAccount or OrderErrorCode.UnknownOrder or OrderErrorCode.NoPosition => StatusCodes.Status404NotFound,
        OrderErrorCode.InsufficientBuyingPower or OrderErrorCode.LeverageLimitExceeded or OrderErrorCode.TradingBlocked
            or OrderErrorCode.PhaseEnded or OrderErrorCode.EvaluationSuspended or OrderErrorCode.MustBeFlat
            or OrderErrorCode.NewsBlackout => StatusCodes.Status403Forbidden,
        _ when OrderErrors.IsUnavailable(code) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static IResult From(OrderError error)
    {
        var text = error.Code == OrderErrorCode.InsufficientBuyingPower ? "insufficient buying power" : error.Message;
        var field = error.Field is { } f ? AlpacaFields.ToAlpaca(f) + ": " : "";
        return Result(StatusOf(error.Code), $"{field}{text} ({TradingProblems.CodeOf(error.Code)})");
    }

    /// <summary>The answer to a book command: the order as Alpaca shows it, or the refusal (a recorded rejection included).</summary>
    public static async Task<IResult> FromCommandAsync(OrderCommandResult result, AlpacaViews views, int successStatus = StatusCodes.Status200OK)
    {
        if (result.Error is { } error)
            return From(error);
        var order = result.Order!;
        if (order.Status == OrderStatus.Rejected)
        {
            var reason = order.RejectReason ?? OrderErrorCode.MarketClosed;
            return From(new OrderError(reason, null, OrderErrors.Describe(reason)));
        }
        return AlpacaJson.Ok(await views.OrderAsync(order), successStatus);
    }

    public static async Task WriteAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, new AlpacaError(CodeFor(status), message), AlpacaJson.Options);
    }
}
