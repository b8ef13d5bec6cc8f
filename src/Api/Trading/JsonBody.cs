using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Crucible.Api.Trading;

/// <summary>
/// Reads a request's JSON object body with the API's limits. The body is parsed here rather than bound by
/// the framework, so every problem (media type, size, syntax, encoding, a repeated field, a field's type) becomes a
/// ProblemDetails naming its field, and a request that fails any check reaches no grain.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;
    public const int MaxDepth = 16;

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (UnsupportedMediaType(request) is { } unsupported)
            return (null, unsupported);
        if (request.ContentLength > MaxBytes)
            return (null, TooLarge());
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBytes;

        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        if (buffer.Length > MaxBytes)
            return (null, TooLarge());
        if (buffer.Length == 0)
            return (null, Invalid("body", "The request needs a JSON object body."));

        var bytes = buffer.ToArray();
        var problems = JsonTextCheck.Problems(bytes, MaxDepth);
        if (problems.Count > 0)
            return (null, TradingProblems.Validation(problems));
        try
        {
            var node = JsonNode.Parse(bytes, NodeOptions, DocumentOptions);
            return node is JsonObject body
                ? (body, null)
                : (null, Invalid("body", "The body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (null, Invalid("body", $"Malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {e.Message}"));
        }
    }

    /// <summary>
    /// For a command whose parameters are all in the path (cancel, close): a body would be ignored, so a client that
    /// sends one is mistaken about the request, and it is refused before anything changes.
    /// </summary>
    public static IResult? RefuseBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true } || request.ContentLength > 0
            ? Invalid("body", "This request takes no body; its parameters are in the path.")
            : null;

    public static IResult Invalid(string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] },
        title: "Invalid request",
        detail: $"{field}: {message}");

    /// <summary>
    /// Only <c>application/json</c> in UTF-8 (RFC 8259 §8.1): a body in another charset would be misread byte for
    /// byte, and one labelled otherwise (or not at all) may not be JSON the client meant to send.
    /// </summary>
    private static IResult? UnsupportedMediaType(HttpRequest request)
    {
        var header = request.ContentType;
        if (header is not null && MediaTypeHeaderValue.TryParse(header, out var type)
            && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && (type.Charset.Length == 0 || HeaderUtilities.RemoveQuotes(type.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
            return null;
        return TypedResults.Problem(
            title: "Unsupported Media Type",
            detail: UnsupportedMediaTypeDetail(header),
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            extensions: new Dictionary<string, object?> { ["field"] = "Content-Type" });
    }

    /// <summary>
    /// Routing answers 415 itself before the handler runs when an endpoint declares <c>Accepts("application/json")</c>
    /// and the Content-Type differs; this makes that problem say what <see cref="ReadObjectAsync"/> says.
    /// </summary>
    public static void ExplainUnsupportedMediaType(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status != StatusCodes.Status415UnsupportedMediaType || context.ProblemDetails.Extensions.ContainsKey("field"))
            return;
        context.ProblemDetails.Detail = UnsupportedMediaTypeDetail(context.HttpContext.Request.ContentType);
        context.ProblemDetails.Extensions["field"] = "Content-Type";
    }

    private static string UnsupportedMediaTypeDetail(string? header) =>
        "Content-Type: the body must be application/json in UTF-8 (charset absent or utf-8); "
        + (string.IsNullOrWhiteSpace(header) ? "none was given." : $"got '{header}'.");

    private static IResult TooLarge() => TypedResults.Problem(
        title: "Request body too large",
        detail: $"body: the request body must be at most {MaxBytes / 1024} KB.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        extensions: new Dictionary<string, object?> { ["field"] = "body" });
}
