using System.Globalization;
using System.Text.Json;
using TrdpSim.Composition;
using TrdpSim.Control.Api;
using TrdpSim.Control.Security;
using TrdpSim.Hosting.Daemon;
using TrdpSim.Plan;

namespace TrdpSim.Control.Endpoints;

/// <summary><c>/api/runs</c>: start, list, inspect, pause, resume, stop and reset runs.</summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").WithTags("runs");
        runs.MapPost(string.Empty, StartAsync).RequireControlToken()
            .Produces<CreatedRunResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapGet(string.Empty, (RunRegistry registry) => TypedResults.Ok(List(registry)));
        runs.MapGet("/{id}", DetailAsync).Produces<RunDetailResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapGet("/{id}/summary", Summary).Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapPost("/{id}/pause", (string id, RunRegistry registry, HttpContext http) => Act(registry, id, http, (run, scope) => run.PauseAsync(scope)))
            .RequireControlToken().ProducesAction();
        runs.MapPost("/{id}/resume", (string id, RunRegistry registry, HttpContext http) => Act(registry, id, http, (run, scope) => run.ResumeAsync(scope)))
            .RequireControlToken().ProducesAction();
        runs.MapPost("/{id}/stop", (string id, RunRegistry registry, HttpContext http) => Act(registry, id, http, (run, scope) => run.StopAsync(scope)))
            .RequireControlToken().ProducesAction();
        runs.MapPost("/{id}/reset", (string id, RunRegistry registry, HttpContext http) => Act(registry, id, http, (run, scope) => run.ResetAsync(scope)))
            .RequireControlToken().ProducesAction();
        return app;
    }

    /// <summary>The answers of an action endpoint: the action done, or why not.</summary>
    internal static RouteHandlerBuilder ProducesAction(this RouteHandlerBuilder builder) => builder
        .Produces<ActionResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>Runs <paramref name="action"/> on run <paramref name="id"/> for the requesting client; 200 with what was
    /// done, else the problem (unknown run 404).</summary>
    internal static async Task<IResult> Act(RunRegistry registry, string id, HttpContext http, Func<ManagedRun, ControlScope, Task<ControlResult>> action)
    {
        if (registry.Find(id) is not { } run)
        {
            return Problems.UnknownRun(id);
        }

        var result = await action(run, run.ScopeFor(ClientName.Of(http))).ConfigureAwait(false);
        return result.IsApplied
            ? TypedResults.Ok(new ActionResponse(run.Id, result.Subject, result.Message, RunStates.Label(run.State)))
            : Problems.From(result);
    }

    private static List<RunListItem> List(RunRegistry registry)
    {
        var list = new List<RunListItem>();
        foreach (var run in registry.List())
        {
            list.Add(RunViews.Item(run));
        }

        return list;
    }

    private static async Task<IResult> StartAsync(StartRunRequest request, RunRegistry registry, CancellationToken cancellationToken)
    {
        if (request.Files is not { Count: > 0 } files)
        {
            return Problems.BadRequest("'files' must name at least one plan file (configuration, scenario, plugin folder or installed plugin)");
        }

        for (var i = 0; i < files.Count; i++)
        {
            // JSON null in the list: the loader took it for a path and threw, a 500 with no body.
            if (string.IsNullOrWhiteSpace(files[i]))
            {
                return Problems.BadRequest($"'files[{i}]' must be a path or an installed plugin's name, not {(files[i] is null ? "null" : "empty")}");
            }
        }

        TimeSpan? duration = null;
        if (request.Duration is { } text)
        {
            if (!DurationParser.TryParse(text, out var parsed, out var error) || parsed <= TimeSpan.Zero)
            {
                return Problems.BadRequest($"'duration' '{text}': {(error.Length > 0 ? error : "must be positive")} (a duration such as 30s, 250ms or 5m)");
            }

            duration = parsed;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Params ?? [])
        {
            if (Scalar(value) is not { } scalar)
            {
                return Problems.BadRequest($"'params.{name}': expected a string, a number or a boolean");
            }

            parameters[name] = scalar;
        }

        var started = await registry.StartAsync(new RunSpec { Files = files, Duration = duration, Seed = request.Seed, Parameters = parameters }, cancellationToken)
            .ConfigureAwait(false);
        if (started.Run is not { } run)
        {
            return started.Result.Outcome == ControlOutcome.Invalid
                ? Problems.WithErrors(StatusCodes.Status400BadRequest, started.Result.Message, started.Errors)
                : Problems.From(started.Result);
        }

        var url = "/api/runs/" + run.Id;
        return TypedResults.Created(url, new CreatedRunResponse(run.Id, RunStates.Label(run.State), url));
    }

    private static async Task<IResult> DetailAsync(string id, RunRegistry registry)
    {
        if (registry.Find(id) is not { } run)
        {
            return Problems.UnknownRun(id);
        }

        return TypedResults.Ok(RunViews.Detail(await run.StatusAsync().ConfigureAwait(false)));
    }

    /// <summary>The final summary as <c>trdpsim run --summary-json</c> writes it; a live run has none yet (409).</summary>
    private static IResult Summary(string id, RunRegistry registry)
    {
        if (registry.Find(id) is not { } run)
        {
            return Problems.UnknownRun(id);
        }

        return run.Outcome is { SummaryJson.Length: > 0 } outcome
            ? TypedResults.Bytes(outcome.SummaryJson.ToArray(), "application/json")
            : Problems.Problem(StatusCodes.Status409Conflict, $"run {id} is {RunStates.Label(run.State)}; its summary is made when it ends");
    }

    /// <summary>A JSON scalar as <c>--param</c> text: strings as they are, numbers as written, booleans as true/false.</summary>
    internal static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
