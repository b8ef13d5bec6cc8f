using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Crucible.Api.Alpaca;

/// <summary>
/// Writes every error on the Alpaca routes (<c>/v2</c>, <c>/v1beta3</c>) as Alpaca does, whoever raised it: a refused API
/// key (401), the rate limiter (429), a malformed body (400, 413, 415), an unknown route (404), a failure (500). It goes
/// first among the problem-details writers and leaves every other path to the default RFC 7807 writer.
/// </summary>
public sealed class AlpacaErrorWriter : IProblemDetailsWriter
{
    public static bool IsAlpacaPath(PathString path) => path.StartsWithSegments("/v2") || path.StartsWithSegments("/v1beta3");

    public bool CanWrite(ProblemDetailsContext context) => IsAlpacaPath(context.HttpContext.Request.Path);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        var status = problem.Status ?? http.Response.StatusCode;
        var message = problem switch
        {
            HttpValidationProblemDetails v when v.Errors.Count > 0 =>
                string.Join("; ", v.Errors.Select(e => $"{AlpacaFields.ToAlpaca(e.Key)}: {AlpacaFields.Rename(string.Join(" ", e.Value))}")),
            _ => status switch
            {
                StatusCodes.Status401Unauthorized => "request is not authorized" + (problem.Detail is { } d ? $": {d}" : ""),
                StatusCodes.Status429TooManyRequests => "rate limit exceeded",
                _ => problem.Detail ?? problem.Title ?? "error",
            },
        };
        if (problem.Extensions.TryGetValue("code", out var code) && code is string ours)
            message += $" ({ours})";
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, new AlpacaError(AlpacaErrors.CodeFor(status), message), AlpacaJson.Options);
    }
}
