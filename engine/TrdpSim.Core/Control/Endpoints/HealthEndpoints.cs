using TrdpSim.Control.Api;
using TrdpSim.Hosting.Daemon;
using TrdpSim.Reporting;

namespace TrdpSim.Control.Endpoints;

/// <summary><c>GET /healthz</c> (the process answers) and <c>GET /readyz</c> (it accepts runs; 503 while shutting down). Open, like <c>/metrics</c>.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (RunRegistry registry) => TypedResults.Ok(Health("ok", registry))).WithTags("health");
        app.MapGet("/readyz", (RunRegistry registry) => registry.IsAccepting
                ? TypedResults.Ok(Health("ready", registry))
                : Problems.Problem(StatusCodes.Status503ServiceUnavailable, "the daemon is shutting down"))
            .WithTags("health").Produces<HealthResponse>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static HealthResponse Health(string status, RunRegistry registry)
    {
        var live = 0;
        foreach (var run in registry.List())
        {
            live += run.IsLive ? 1 : 0;
        }

        return new HealthResponse(status, BuildInfo.Version, BuildInfo.Commit, live);
    }
}
