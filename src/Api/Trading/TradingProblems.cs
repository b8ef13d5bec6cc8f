using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Trading;

/// <summary>How a refused order command reads over HTTP: the status, the field at fault and a machine-readable code.</summary>
public static class TradingProblems
{
    public static string CodeOf(OrderErrorCode code) => FieldReader.SnakeCase(code.ToString());

    public static IResult From(OrderError error, Order? rejectedOrder = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = CodeOf(error.Code) };
        if (error.Field is not null)
            extensions["field"] = error.Field;
        if (rejectedOrder is not null)
            extensions["order"] = rejectedOrder;

        if (OrderErrors.IsPlanRefusal(error.Code))
            return PlanRefusal(error, extensions);
        if (OrderErrors.IsUnavailable(error.Code))
            return TypedResults.Problem(title: "Not recorded", detail: error.Message, statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: extensions);
        var code = (int)error.Code;
        if (code < 200)
        {
            var field = error.Field ?? "body";
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [error.Message] },
                title: "Invalid order", detail: $"{field}: {error.Message}", extensions: extensions);
        }
        var (status, title) = error.Code switch
        {
            OrderErrorCode.UnknownAccount or OrderErrorCode.UnknownOrder or OrderErrorCode.NoPosition => (StatusCodes.Status404NotFound, "Not found"),
            OrderErrorCode.OrderNotCancelable or OrderErrorCode.OrderNotReplaceable => (StatusCodes.Status422UnprocessableEntity, "Order cannot be changed"),
            _ => (StatusCodes.Status422UnprocessableEntity, "Order rejected"),
        };
        return TypedResults.Problem(title: title, detail: error.Message, statusCode: status, extensions: extensions);
    }

    /// <summary>
    /// An assessment account's refusal: 422 for an order outside the plan's limits (naming the field to change), 409
    /// while trading is blocked, after the phase ended, while it is suspended, in a flat period or a news blackout (the
    /// account's state, not the order, is at fault).
    /// </summary>
    private static IResult PlanRefusal(OrderError error, Dictionary<string, object?> extensions)
    {
        var (status, title) = error.Code is OrderErrorCode.TradingBlocked or OrderErrorCode.PhaseEnded or OrderErrorCode.EvaluationSuspended
            or OrderErrorCode.MustBeFlat or OrderErrorCode.NewsBlackout
            ? (StatusCodes.Status409Conflict, "Trading is not allowed")
            : (StatusCodes.Status422UnprocessableEntity, "Order outside the plan's limits");
        if (error.Field is { } field)
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [error.Message] };
        return TypedResults.Problem(title: title, detail: error.Field is null ? error.Message : $"{error.Field}: {error.Message}",
            statusCode: status, extensions: extensions);
    }

    public static IResult Validation(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors, title: "Invalid request", detail: $"Invalid field(s): {string.Join(", ", errors.Keys)}.");

    public static IResult UnknownAccount(string accountId) => TypedResults.Problem(
        title: "Unknown account", detail: $"No account has the id '{accountId}'.", statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["code"] = CodeOf(OrderErrorCode.UnknownAccount), ["accountId"] = accountId });
}
