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

    public static IResult Validation(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors, title: "Invalid request", detail: $"Invalid field(s): {string.Join(", ", errors.Keys)}.");

    public static IResult UnknownAccount(string accountId) => TypedResults.Problem(
        title: "Unknown account", detail: $"No account has the id '{accountId}'.", statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["code"] = CodeOf(OrderErrorCode.UnknownAccount), ["accountId"] = accountId });
}
