using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrdpSim.Events;

namespace TrdpSim.Control;

/// <summary>Maps the live-telemetry endpoints into a Kestrel app: <c>GET /api/stream</c> (WebSocket),
/// <c>GET /api/events</c> (Server-Sent Events) and <c>POST /api/runs/{id}/ingest</c> (NDJSON).</summary>
/// <remarks>The wire formats are in README "Live streams"; authentication is the app's (see
/// <see cref="StreamEndpointOptions.Authorize"/>). The endpoints never touch the engine's threads: they read the
/// run's <see cref="RunEventBus"/> through bounded subscriptions and post ingested events into it.</remarks>
internal static class StreamEndpoints
{
    /// <summary>Adds the WebSocket middleware and the three endpoints under <c>/api</c>.</summary>
    /// <returns>The route group, for the app's own conventions (filters, CORS, rate limits).</returns>
    public static RouteGroupBuilder MapStreamEndpoints(this WebApplication app, StreamEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero }); // heartbeats are ours, in-band
        var logger = options.LoggerFactory?.CreateLogger("trdpsim.streams") ?? NullLogger.Instance;
        var group = app.MapGroup("/api").WithTags("streams");
        // The query parameters are read from the request by the sessions; they are named here so that the OpenAPI
        // document describes them (a handler of HttpContext alone would be left out of it).
        group.MapGet("/stream", (HttpContext context, string? run, string? topics, string? lastId, string? lastTimestamp,
                [FromQuery(Name = "access_token")] string? accessToken) => StreamAsync(context, options, logger))
            .Produces(StatusCodes.Status101SwitchingProtocols).Produces(StatusCodes.Status400BadRequest, contentType: "application/json")
            .Produces(StatusCodes.Status401Unauthorized, contentType: "application/json").Produces(StatusCodes.Status404NotFound, contentType: "application/json")
            .Produces(StatusCodes.Status409Conflict, contentType: "application/json");
        group.MapGet("/events", (HttpContext context, string? run, string? topics, string? lastId, string? lastTimestamp,
                [FromQuery(Name = "access_token")] string? accessToken) => EventsAsync(context, options, logger))
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").Produces(StatusCodes.Status400BadRequest, contentType: "application/json")
            .Produces(StatusCodes.Status401Unauthorized, contentType: "application/json").Produces(StatusCodes.Status404NotFound, contentType: "application/json")
            .Produces(StatusCodes.Status409Conflict, contentType: "application/json");
        group.MapPost("/runs/{id}/ingest", (HttpContext context, string id) => Authorized(context, options, allowQuery: false)
                ? IngestEndpoint.HandleAsync(context, id, options, logger)
                : UnauthorizedAsync(context))
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status400BadRequest, contentType: "application/json")
            .Produces(StatusCodes.Status401Unauthorized, contentType: "application/json").Produces(StatusCodes.Status404NotFound, contentType: "application/json")
            .Produces(StatusCodes.Status409Conflict, contentType: "application/json").Produces(StatusCodes.Status415UnsupportedMediaType, contentType: "application/json");
        return group;
    }

    private static async Task StreamAsync(HttpContext context, StreamEndpointOptions options, ILogger logger)
    {
        if (!Authorized(context, options, allowQuery: true))
        {
            await UnauthorizedAsync(context).ConfigureAwait(false);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "/api/stream is a WebSocket endpoint (use /api/events for Server-Sent Events)").ConfigureAwait(false);
            return;
        }

        if (!TryOpen(context, options, out var run, out var filter, out var catchUp, out var status, out var error))
        {
            await ErrorAsync(context, status, error!).ConfigureAwait(false);
            return;
        }

        var bus = run.Bus;
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var stopping = Stopping(context, run.Ended);
        using var session = new WebSocketStreamSession(socket, bus!, options, logger, StreamRequests.Client(context));
        await session.RunAsync(filter.Patterns, catchUp, stopping.Token).ConfigureAwait(false);
    }

    private static async Task EventsAsync(HttpContext context, StreamEndpointOptions options, ILogger logger)
    {
        if (!Authorized(context, options, allowQuery: true))
        {
            await UnauthorizedAsync(context).ConfigureAwait(false);
            return;
        }

        if (!TryOpen(context, options, out var run, out var filter, out var catchUp, out var status, out var error))
        {
            await ErrorAsync(context, status, error!).ConfigureAwait(false);
            return;
        }

        using var stopping = Stopping(context, run.Ended);
        var session = new SseStreamSession(context, run.Bus!, options, logger);
        await session.RunAsync(filter.IsEmpty ? TopicFilter.All : filter, catchUp, stopping.Token).ConfigureAwait(false);
    }

    /// <summary>The run, topics and catch-up point of a stream request (<c>?run=</c>, <c>?topics=</c>,
    /// <c>Last-Event-ID</c> or <c>?lastId=</c>, <c>?lastTimestamp=</c>).</summary>
    private static bool TryOpen(HttpContext context, StreamEndpointOptions options, out StreamRunLookup run, out TopicFilter filter,
        out CatchUpRequest? catchUp, out int status, out string? error)
    {
        var query = context.Request.Query;
        catchUp = null;
        filter = TopicFilter.None;
        status = StatusCodes.Status400BadRequest;
        var id = query.TryGetValue("run", out var runValue) ? runValue.ToString() : null;
        run = options.Runs(id);
        if (run.Bus is null)
        {
            status = run.Status;
            error = run.Error ?? (id is null ? "no run is active" : $"no run '{id}'");
            return false;
        }

        if (!StreamRequests.TryParseTopics(query.TryGetValue("topics", out var topics) ? topics.ToString() : null, out filter, out error))
        {
            return false;
        }

        var lastId = context.Request.Headers.TryGetValue("Last-Event-ID", out var header) ? header.ToString()
            : query.TryGetValue("lastId", out var idValue) ? idValue.ToString() : null;
        var lastTimestamp = query.TryGetValue("lastTimestamp", out var ts) ? ts.ToString() : null;
        return StreamRequests.TryParseCatchUp(lastId, lastTimestamp, out catchUp, out error);
    }

    private static bool Authorized(HttpContext context, StreamEndpointOptions options, bool allowQuery) =>
        options.Authorize is not { } check || check(context, StreamRequests.Token(context, allowQuery));

    /// <summary>Ends with the request, when the app stops or when the run has ended (streams never end on their own).
    /// The caller disposes it, which unhooks it from the app's lifetime.</summary>
    private static CancellationTokenSource Stopping(HttpContext context, CancellationToken runEnded)
    {
        var lifetime = context.RequestServices.GetService<IHostApplicationLifetime>();
        return CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, runEnded,
            lifetime?.ApplicationStopping ?? CancellationToken.None);
    }

    private static Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ErrorAsync(context, StatusCodes.Status401Unauthorized, "a bearer token is required (Authorization: Bearer …, or ?access_token= on /api/stream and /api/events)");
    }

    /// <summary>Answers with a problem (RFC 9457: <c>status</c>, <c>title</c>, <c>detail</c>) as every other endpoint of
    /// the control plane does.</summary>
    internal static Task ErrorAsync(HttpContext context, int status, string error) =>
        Problems.Problem(status, error).ExecuteAsync(context);
}
