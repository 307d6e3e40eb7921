using System.Text.Json;

namespace TrdpSim.Control;

/// <summary>Turns a request the endpoint could not read into a problem naming what is wrong: bad JSON or a field the
/// request type does not have (400), a body over the size limit (413); each is counted.</summary>
/// <remarks>Minimal APIs throw <see cref="BadHttpRequestException"/> for these (<c>ThrowOnBadRequest</c>), with the
/// serializer's exception inside; this middleware catches it before anything was written.</remarks>
internal static class RequestErrors
{
    public static IApplicationBuilder UseRequestErrors(this IApplicationBuilder app, DaemonMetrics metrics) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context).ConfigureAwait(false);

            // The endpoints' own refusals (a bad value, a plan with errors, a body of the wrong type) are bad requests
            // too: the counter saw only what the JSON reader refused, so a client sending bad plans or values all day
            // left it at 0.
            if (context.Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType)
            {
                metrics.Rejected("bad_request");
            }
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var tooLarge = e.StatusCode == StatusCodes.Status413PayloadTooLarge;
            metrics.Rejected(tooLarge ? "too_large" : "bad_request");
            var detail = tooLarge ? "the request body is larger than this endpoint takes" : Describe(e);
            await Problems.Problem(e.StatusCode, detail).ExecuteAsync(context).ConfigureAwait(false);
        }
    });

    /// <summary>The serializer's complaint in the request's terms: <c>unknown field 'x'</c>, <c>$.seed: …</c>.</summary>
    internal static string Describe(BadHttpRequestException e)
    {
        if (e.InnerException is JsonException json)
        {
            var path = json.Path is { Length: > 0 } p ? p : "$";
            if (json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            {
                return $"unknown field '{path.TrimStart('$', '.')}' in the request body";
            }

            return $"the request body is not valid JSON for this endpoint at {path}: {FirstSentence(json.Message)}";
        }

        // An empty body (or JSON null) is "Implicit body inferred … but no body was provided. Did you mean to use a
        // Service instead?" from ASP.NET, which speaks to the endpoint's author, not to the client.
        return (e.Message.Contains("Required parameter", StringComparison.Ordinal) && e.Message.Contains("from body", StringComparison.Ordinal))
            || e.Message.Contains("no body was provided", StringComparison.Ordinal)
            ? "this endpoint needs a JSON body"
            : e.Message;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
