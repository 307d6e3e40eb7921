using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrdpSim.Control.Api;
using TrdpSim.Control.Endpoints;
using TrdpSim.Control.Security;
using TrdpSim.Control.WebConsole;

namespace TrdpSim.Control;

/// <summary>The daemon's HTTP server (<c>trdpsim serve</c>): one Kestrel app with <c>/healthz</c>, <c>/readyz</c>,
/// <c>/metrics</c>, the control API under <c>/api/</c>, every run's live streams (<c>/api/stream</c>,
/// <c>/api/events</c>, ingest; <see cref="DaemonStreams"/>), its OpenAPI document at <c>/openapi/v1.json</c> and the
/// web console at <c>/</c>.</summary>
/// <remarks>
/// Slim builder, endpoints compiled by the request delegate generator and JSON by <see cref="ControlJson"/>, so the
/// whole server runs under NativeAOT. Every changing endpoint needs the bearer token (<see cref="TokenCheck"/>);
/// errors are RFC 7807 problem details; a JSON field a request does not have is a 400, a body over the limit a
/// 413. Handlers run on Kestrel's pool and reach a run only through its <c>RunControl</c>, whose changes the
/// wheel thread applies between ticks: nothing here waits on, or runs on, the thread that sends telegrams.
/// </remarks>
public sealed class ControlServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ControlServer(WebApplication app, DaemonMetrics metrics, StreamEndpointOptions streams)
    {
        _app = app;
        Metrics = metrics;
        Streams = streams;
    }

    /// <summary>Where <see cref="ControlServerOptions.LiveOpenApi"/> serves the document generated now.</summary>
    public const string LiveOpenApiPath = "/openapi/live/{documentName}.json";

    /// <summary>The addresses actually bound (useful with port 0).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    /// <summary>The app's configuration (tests: no file of it is watched for changes, <see cref="SlimAppBuilder"/>).</summary>
    internal Microsoft.Extensions.Configuration.IConfiguration Configuration => _app.Configuration;

    public DaemonMetrics Metrics { get; }

    /// <summary>The live streams' options and counts (<c>/api/stream</c>, <c>/api/events</c>, ingest).</summary>
    internal StreamEndpointOptions Streams { get; }

    /// <summary>Every route the app serves (<c>GET /api/runs/{id}</c> …), for the OpenAPI check.</summary>
    public IReadOnlyList<string> Routes()
    {
        var routes = new List<string>();
        foreach (var source in _app.Services.GetServices<EndpointDataSource>())
        {
            foreach (var endpoint in source.Endpoints)
            {
                if (endpoint is RouteEndpoint route &&
                    endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods)
                {
                    foreach (var method in methods.HttpMethods)
                    {
                        // A group's own route ("/api/runs" + "") reads "/api/runs/"; the URL served has no trailing slash.
                        var path = "/" + (route.RoutePattern.RawText ?? string.Empty).Trim('/');
                        routes.Add($"{method} {path}");
                    }
                }
            }
        }

        return routes;
    }

    /// <summary>Builds the app and starts listening.</summary>
    /// <exception cref="IOException">An address could not be bound (in use, not local …).</exception>
    public static async Task<ControlServer> StartAsync(ControlServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = SlimAppBuilder.Create();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ControlJson.Default);
            json.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        var metrics = new DaemonMetrics(options.Runs);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context => Explain(context, metrics, options.MaxBodyBytes));
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "trdpsim control plane";
            document.Info.Description = "Runs, faults, telegrams, scenario parameters and plugins of a trdpsim daemon. " +
                "Changing requests need 'Authorization: Bearer <token>'.";
            document.Servers?.Clear(); // the address of the request that asked: not part of the API
            return Task.CompletedTask;
        }));
        builder.Services.AddSingleton(options.Runs);
        builder.Services.AddSingleton(options);

        var app = builder.Build();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRequestErrors(metrics);
        app.UseControlToken(options.Token, metrics);
        app.MapHealthEndpoints();
        app.MapDaemonMetrics(metrics, options.Runs);
        app.MapRunEndpoints();
        app.MapFaultEndpoints();
        app.MapTelegramEndpoints();
        app.MapScenarioEndpoints();
        app.MapPluginEndpoints();
        app.MapStoreEndpoints(options.Store);
        app.MapFaultKindEndpoints();
        app.MapTopologyEndpoints();
        var streams = DaemonStreams.Options(options.Runs, options.Token, metrics);
        app.MapStreamEndpoints(streams);
        app.MapServedOpenApi();
        app.MapConsoleEndpoints();
        if (options.LiveOpenApi)
        {
            app.MapOpenApi(LiveOpenApiPath);
        }

        foreach (var map in options.MoreEndpoints)
        {
            map(app);
        }

        var server = new ControlServer(app, metrics, streams);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server.Addresses = BoundAddresses(app);
        return server;
    }

    /// <summary>Gives the problems Kestrel and routing answer by themselves (a body over the limit, no such route) a
    /// detail in the daemon's words; a problem that has one already is left alone.</summary>
    private static void Explain(ProblemDetailsContext context, DaemonMetrics metrics, long maxBodyBytes)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        switch (problem.Status)
        {
            case StatusCodes.Status413PayloadTooLarge:
                metrics.Rejected("too_large");
                problem.Detail = $"the request body is larger than this endpoint takes ({maxBodyBytes} bytes for JSON requests)";
                break;
            case StatusCodes.Status404NotFound:
                problem.Detail = $"no endpoint {request.Method} {request.Path} (every endpoint is in /openapi/v1.json)";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                problem.Detail = $"{request.Path} does not take {request.Method} (see /openapi/v1.json)";
                break;
        }
    }

    internal static List<Uri> BoundAddresses(WebApplication app)
    {
        var list = new List<Uri>();
        if (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>() is { } addresses)
        {
            foreach (var address in addresses.Addresses)
            {
                list.Add(new Uri(address));
            }
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
