using TrdpSim.Composition;

namespace TrdpSim.Control;

/// <summary>Errors as RFC 7807 problem details: the outcome of a control call mapped to its status code.</summary>
internal static class Problems
{
    /// <summary>NotFound 404, Invalid 400, Conflict 409 (with the reason), Unavailable 503.</summary>
    public static IResult From(ControlResult result) => result.Outcome switch
    {
        ControlOutcome.NotFound => Problem(StatusCodes.Status404NotFound, result.Message),
        ControlOutcome.Invalid => Problem(StatusCodes.Status400BadRequest, result.Message),
        ControlOutcome.Conflict => Problem(StatusCodes.Status409Conflict, result.Message),
        ControlOutcome.Unavailable => Problem(StatusCodes.Status503ServiceUnavailable, result.Message),
        _ => Problem(StatusCodes.Status500InternalServerError, "an applied result was taken for an error: " + result.Message),
    };

    public static IResult UnknownRun(string id) => Problem(StatusCodes.Status404NotFound, $"no run with id '{id}' (unknown, or forgotten after its retention)");

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, detail);

    /// <summary>A problem with a plan's errors listed under <c>errors</c>.</summary>
    public static IResult WithErrors(int status, string detail, IReadOnlyList<string> errors) =>
        errors.Count == 0 ? Problem(status, detail) : Results.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["errors"] = Array(errors) });

    private static string[] Array(IReadOnlyList<string> errors) => [.. errors];

    public static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);
}
