using System.Text;
using Prometheus;
using TrdpSim.Hosting.Daemon;

namespace TrdpSim.Control.Endpoints;

/// <summary><c>GET /metrics</c> in the Prometheus text format: one run's registry (<c>trdpsim run</c>), or the
/// daemon's own series and every live run's, labelled <c>run</c>. Open (loopback by default); scrapes only read counters.</summary>
public static class MetricsEndpoints
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Serves one registry as it is.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app, CollectorRegistry registry)
    {
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = ContentType;
            await registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }).WithTags("metrics");
        return app;
    }

    /// <summary>Serves the daemon's series and every live run's, merged family by family.</summary>
    public static IEndpointRouteBuilder MapDaemonMetrics(this IEndpointRouteBuilder app, DaemonMetrics daemon, RunRegistry runs)
    {
        // A handler of its own shape (not a plain RequestDelegate), so the endpoint is in the OpenAPI document.
        app.MapGet("/metrics", async (CancellationToken cancellationToken) =>
        {
            var sources = new List<(string?, string)> { (null, await ExportAsync(daemon.Registry, cancellationToken).ConfigureAwait(false)) };
            foreach (var run in runs.List())
            {
                if (run.Registry is { } registry)
                {
                    sources.Add((run.Id, await ExportAsync(registry, cancellationToken).ConfigureAwait(false)));
                }
            }

            return Results.Text(ExpositionMerger.Merge(sources), ContentType, Encoding.UTF8);
        }).WithTags("metrics").Produces<string>(StatusCodes.Status200OK, ContentType);
        return app;
    }

    private static async Task<string> ExportAsync(CollectorRegistry registry, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
