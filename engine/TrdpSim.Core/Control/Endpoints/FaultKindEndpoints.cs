using System.Text.Json;
using TrdpSim.Control.Api;

namespace TrdpSim.Control.Endpoints;

/// <summary><c>/api/fault-kinds</c>: the fault kinds with their keys, types and limits (a client builds its inject
/// form from them), and a fault checked as <c>POST /api/runs/{id}/faults</c> checks it, without a run.</summary>
public static class FaultKindEndpoints
{
    public static IEndpointRouteBuilder MapFaultKindEndpoints(this IEndpointRouteBuilder app)
    {
        var kinds = app.MapGroup("/api/fault-kinds").WithTags("faults");
        kinds.MapGet(string.Empty, () => TypedResults.Ok(FaultCatalog.Response())).Produces<FaultCatalogResponse>();
        kinds.MapPost("/validate", (Dictionary<string, JsonElement> body) => TypedResults.Ok(FaultCatalog.Validate(body)))
            .Produces<FaultValidationResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }
}
