using TrdpSim.Control.Api;
using TrdpSim.Hosting.Daemon;

namespace TrdpSim.Control.Endpoints;

/// <summary><c>GET /api/runs/{id}/topology</c>: the run's devices and configured telegrams, linked by ComId (the
/// console's Train page draws it; live health comes from the stream).</summary>
public static class TopologyEndpoints
{
    public static IEndpointRouteBuilder MapTopologyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{id}/topology", (string id, RunRegistry registry) =>
                registry.Find(id) is { } run ? TypedResults.Ok(TopologyView.Build(run.Id, run.Plan)) : Problems.UnknownRun(id))
            .WithTags("runs").Produces<TopologyResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
