using System.Text.Json;
using TrdpSim.Composition;
using TrdpSim.Control.Api;
using TrdpSim.Control.Security;
using TrdpSim.Hosting.Daemon;

namespace TrdpSim.Control.Endpoints;

/// <summary><c>/api/runs/{id}/faults</c>: inject a fault (the keys of a TOML <c>[[fault]]</c>), list the active ones, repair one.</summary>
public static class FaultEndpoints
{
    public static IEndpointRouteBuilder MapFaultEndpoints(this IEndpointRouteBuilder app)
    {
        var faults = app.MapGroup("/api/runs/{id}/faults").WithTags("faults");
        faults.MapGet(string.Empty, ListAsync).Produces<List<FaultStatus>>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        faults.MapPost(string.Empty, InjectAsync).RequireControlToken()
            .Produces<ActionResponse>(StatusCodes.Status201Created).ProducesAction();
        faults.MapDelete("/{name}", (string id, string name, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => run.WithControl(async (control, _) => await control.Repair(scope, name))))
            .RequireControlToken().ProducesAction();
        return app;
    }

    private static async Task<IResult> ListAsync(string id, RunRegistry registry)
    {
        if (registry.Find(id) is not { } run)
        {
            return Problems.UnknownRun(id);
        }

        if (!run.IsLive)
        {
            return TypedResults.Ok(new List<FaultStatus>());
        }

        var listed = await run.WithControl((control, _) => control.ListFaults()).ConfigureAwait(false);
        return listed.IsApplied ? TypedResults.Ok(new List<FaultStatus>(listed.Value ?? [])) : Problems.From(listed.Result);
    }

    private static async Task<IResult> InjectAsync(string id, Dictionary<string, JsonElement> body, RunRegistry registry, HttpContext http)
    {
        if (registry.Find(id) is not { } run)
        {
            return Problems.UnknownRun(id);
        }

        var source = new JsonFaultSource(body);
        if (source.Read() is not { } fault)
        {
            return Problems.BadRequest("the fault is not valid: " + string.Join("; ", source.Errors));
        }

        var scope = run.ScopeFor(ClientName.Of(http));
        var result = await run.WithControl(async (control, _) => await control.Inject(scope, fault)).ConfigureAwait(false);
        if (!result.IsApplied)
        {
            return Problems.From(result);
        }

        return TypedResults.Created($"/api/runs/{run.Id}/faults/{Uri.EscapeDataString(result.Subject)}",
            new ActionResponse(run.Id, result.Subject, result.Message, RunStates.Label(run.State)));
    }
}
