using System.Text.Json;
using TrdpSim.Composition;
using TrdpSim.Control.Api;
using TrdpSim.Control.Security;
using TrdpSim.Hosting.Daemon;
using TrdpSim.Scenarios.Runtime;

namespace TrdpSim.Control.Endpoints;

/// <summary><c>/api/runs/{id}/params</c> and <c>/api/runs/{id}/scenarios/{name}</c>: scenario parameters changed
/// without a restart (scripts read them with <c>run.param</c>), and a scenario (or <c>*</c>, all) stopped or reset.</summary>
public static class ScenarioEndpoints
{
    public static IEndpointRouteBuilder MapScenarioEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs/{id}").WithTags("scenarios");
        runs.MapGet("/params", ParametersAsync).Produces<List<ParameterDto>>().ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapPatch("/params", (string id, Dictionary<string, JsonElement> body, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => run.WithControl((_, scenarios) => SetAsync(scenarios, scope, body))))
            .RequireControlToken().ProducesAction();
        runs.MapPost("/scenarios/{name}/stop", (string id, string name, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => run.WithControl(async (_, scenarios) =>
                    scenarios is null ? NoScenario() : await scenarios.Stop(scope, name == "*" ? null : name))))
            .RequireControlToken().ProducesAction();
        runs.MapPost("/scenarios/{name}/reset", (string id, string name, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => run.WithControl(async (_, scenarios) =>
                    scenarios is null ? NoScenario() : await scenarios.Reset(scope, name == "*" ? null : name))))
            .RequireControlToken().ProducesAction();
        return app;
    }

    private static ControlResult NoScenario() => ControlResult.NotFound("the run has no scenario");

    private static async Task<IResult> ParametersAsync(string id, RunRegistry registry)
    {
        if (registry.Find(id) is not { } run)
        {
            return Problems.UnknownRun(id);
        }

        var status = await run.StatusAsync().ConfigureAwait(false);
        return TypedResults.Ok(RunViews.Parameters(status.Parameters));
    }

    /// <summary>Checks every name and value first, so a bad one changes nothing; then sets them in order.</summary>
    private static async Task<ControlResult> SetAsync(ScenarioHost? scenarios, ControlScope scope, Dictionary<string, JsonElement> body)
    {
        if (scenarios is null)
        {
            return NoScenario();
        }

        if (body.Count == 0)
        {
            return ControlResult.Invalid("name at least one parameter: {\"name\": value}");
        }

        var values = new List<(string Name, string Value)>();
        foreach (var (name, element) in body)
        {
            if (RunEndpoints.Scalar(element) is not { } value)
            {
                return ControlResult.Invalid($"'{name}': expected a string, a number or a boolean");
            }

            if (scenarios.ParameterProblem(name, value) is { } problem)
            {
                return problem;
            }

            values.Add((name, value));
        }

        var messages = new List<string>();
        foreach (var (name, value) in values)
        {
            var result = await scenarios.SetParameter(scope, name, value);
            if (!result.IsApplied)
            {
                return result;
            }

            messages.Add(result.Message);
        }

        return ControlResult.Applied(string.Join(",", body.Keys), string.Join("; ", messages));
    }
}
