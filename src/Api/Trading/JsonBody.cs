using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace Crucible.Api.Trading;

/// <summary>
/// Reads a request's JSON object body with the API's limits. The body is parsed here rather than bound by
/// the framework, so every problem (size, syntax, a field's type) becomes a ProblemDetails naming its field.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
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

        try
        {
            var node = JsonNode.Parse(buffer.ToArray(), NodeOptions, DocumentOptions);
            return node is JsonObject body
                ? (body, null)
                : (null, Invalid("body", "The body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (null, Invalid("body", $"Malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {e.Message}"));
        }
    }

    public static IResult Invalid(string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] },
        title: "Invalid request",
        detail: $"{field}: {message}");

    private static IResult TooLarge() => TypedResults.Problem(
        title: "Request body too large",
        detail: $"body: the request body must be at most {MaxBytes / 1024} KB.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        extensions: new Dictionary<string, object?> { ["field"] = "body" });
}
