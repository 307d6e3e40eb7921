using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using TrdpSim.Control.Endpoints;

namespace TrdpSim.Control;

/// <summary>Serves <c>GET /metrics</c> (Prometheus text format) from Kestrel while a run of <c>trdpsim run</c> is
/// active: the control server's metrics endpoint alone (<see cref="MetricsEndpoints.MapMetrics"/>).</summary>
/// <remarks>
/// Built with <c>WebApplication.CreateSlimBuilder</c> (AOT-friendly; <c>HttpListener</c> has a start-up crash bug),
/// without a watcher of configuration files (<see cref="SlimAppBuilder"/>). Binds loopback by default because the
/// endpoint has no authentication. Scrapes run on Kestrel's thread pool and only read counters, so they never block
/// the hot path.
/// </remarks>
internal sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsServer(WebApplication app) => _app = app;

    /// <summary>The address actually bound (useful with port 0).</summary>
    public Uri? BoundAddress { get; private set; }

    /// <summary>The app's configuration (tests: no file of it is watched for changes, <see cref="SlimAppBuilder"/>).</summary>
    internal Microsoft.Extensions.Configuration.IConfiguration Configuration => _app.Configuration;

    /// <summary>Starts serving <paramref name="registry"/> on <paramref name="listen"/> (<c>host:port</c>).</summary>
    /// <param name="listen">The address to bind.</param>
    /// <param name="registry">What <c>/metrics</c> serves.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="map">Maps further endpoints on the same app (the live streams of a run, say).</param>
    /// <exception cref="ArgumentException">The listen address is not <c>ip:port</c>.</exception>
    /// <exception cref="IOException">The address could not be bound (in use, not local …).</exception>
    public static async Task<MetricsServer> StartAsync(string listen, CollectorRegistry registry, CancellationToken cancellationToken,
        Action<WebApplication>? map = null)
    {
        if (!IPEndPoint.TryParse(listen, out var endpoint))
        {
            throw new ArgumentException($"metrics listen address '{listen}' is not ip:port", nameof(listen));
        }

        var builder = SlimAppBuilder.Create();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(endpoint));
        var app = builder.Build();
        app.MapMetrics(registry);
        map?.Invoke(app);
        app.MapGet("/", static (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("trdpsim: metrics at /metrics\n");
        });

        var server = new MetricsServer(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = ControlServer.BoundAddresses(app);
        server.BoundAddress = addresses.Count > 0 ? addresses[0] : null;

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

}
