using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Api.Challenges;

/// <summary>How an assessment command's outcome reads over HTTP: one status per refusal code (docs/assessments.md).</summary>
public static class AssessmentProblems
{
    public static string CodeOf(AssessmentErrorCode code) => FieldReader.SnakeCase(code.ToString());

    public static IResult From(AssessmentError error)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = CodeOf(error.Code) };
        if (error.Field is not null)
            extensions["field"] = error.Field;
        if (error.DeclineCode is not null)
            extensions["declineCode"] = error.DeclineCode;
        if (error.Code == AssessmentErrorCode.InvalidField)
        {
            var field = error.Field ?? "body";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error.Message] },
                title: "Invalid request", detail: $"{field}: {error.Message}", extensions: extensions);
        }
        var (status, title) = error.Code switch
        {
            AssessmentErrorCode.UnknownAssessment => (StatusCodes.Status404NotFound, "Unknown assessment"),
            AssessmentErrorCode.UnknownPlan => (StatusCodes.Status404NotFound, "Unknown plan"),
            AssessmentErrorCode.PaymentDeclined => (StatusCodes.Status402PaymentRequired, "Payment declined"),
            AssessmentErrorCode.NotEvaluator => (StatusCodes.Status403Forbidden, "Not an evaluator"),
            AssessmentErrorCode.NotTrader => (StatusCodes.Status403Forbidden, "Not the assessment's trader"),
            _ => (StatusCodes.Status409Conflict, "Not possible now"),
        };
        var detail = error.Field is null || error.Code is AssessmentErrorCode.PaymentDeclined or AssessmentErrorCode.PurchaseConflict
            ? error.Message
            : $"{error.Field}: {error.Message}";
        return TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: extensions);
    }

    public static IResult UnknownAssessment(string assessmentId) => TypedResults.Problem(
        title: "Unknown assessment", detail: $"No assessment has the id '{assessmentId}'.", statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["code"] = CodeOf(AssessmentErrorCode.UnknownAssessment), ["assessmentId"] = assessmentId });

    public static IResult InvalidId(string assessmentId) =>
        JsonBody.Invalid("assessmentId", $"'{assessmentId}' is not an assessment id (1–64 letters, digits, '-' or '_').");
}
