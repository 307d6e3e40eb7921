using Microsoft.Extensions.Logging;

namespace TrdpSim.Control;

/// <summary>How the live-stream and ingest endpoints find runs, check callers and treat slow clients.</summary>
internal sealed class StreamEndpointOptions
{
    /// <summary>Finds a run's event bus by id (<c>{id}</c> of the ingest URL, <c>?run=</c> of the streams); the id is
    /// null when the client names none (the current run). A null bus = no such run (404); a refusal says its status
    /// and why (<see cref="StreamRunLookup"/>).</summary>
    public required Func<string?, StreamRunLookup> Runs { get; init; }

    /// <summary>Checks a caller (the app's token check: streams require the same bearer token as the API). The
    /// token is taken from <c>Authorization: Bearer …</c>, or — on <c>/api/stream</c> and <c>/api/events</c>, where
    /// browsers cannot set headers — from <c>?access_token=</c>; null when the request has none. Null delegate =
    /// no check (a loopback-only <c>trdpsim run</c>).</summary>
    public Func<HttpContext, string?, bool>? Authorize { get; init; }

    /// <summary>How often queued messages go out to a client, as one batch. Default 100 ms.</summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a client may go without any message before it gets a heartbeat. Default 15 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages a client's queue holds; more are dropped and counted. Default 8 192.</summary>
    public int QueueCapacity { get; init; } = 8192;

    /// <summary>Messages a client may lose to a full queue before it is disconnected as too slow. Default 100 000.</summary>
    public long DropLimit { get; init; } = 100_000;

    /// <summary>Longest a single write to a client may take before the client counts as stalled and is cut off.
    /// Default 10 s.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest batch frame (bytes of message JSON); a longer backlog goes out as several. Default 1 MiB.</summary>
    public int MaxBatchBytes { get; init; } = 1 << 20;

    /// <summary>Largest message a WebSocket client may send. Default 64 KiB.</summary>
    public int MaxClientMessageBytes { get; init; } = 64 * 1024;

    /// <summary>Longest NDJSON line accepted by ingest. Default 64 KiB.</summary>
    public int MaxIngestLineBytes { get; init; } = 64 * 1024;

    /// <summary>Longest ingest body in bytes; null (default) = no limit (memory is bounded per line, and a bench may
    /// stream for hours).</summary>
    public long? MaxIngestBodyBytes { get; init; }

    /// <summary>Rejected ingest lines listed in the reply (all are counted). Default 100.</summary>
    public int MaxRejectedListed { get; init; } = 100;

    /// <summary>Where connections, cut-offs and ingest results are logged; nothing when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Counts of the endpoints' work (read by tests and reports).</summary>
    public StreamStatistics Statistics { get; } = new();
}

/// <summary>What the stream endpoints have done so far (any thread): both kinds of session, WebSocket and SSE,
/// count their clients through the same calls.</summary>
internal sealed class StreamStatistics
{
    private long _connected;
    private long _active;
    private long _slow;
    private long _stalled;
    private long _messagesSent;

    /// <summary>A client connected: counted, and active until <see cref="Left"/>.</summary>
    public void Joined()
    {
        Interlocked.Increment(ref _connected);
        Interlocked.Increment(ref _active);
    }

    /// <summary>A client's session ended, whatever the reason.</summary>
    public void Left() => Interlocked.Decrement(ref _active);

    /// <summary>A client lost more messages than the drop limit and is disconnected.</summary>
    public void CutOffSlow() => Interlocked.Increment(ref _slow);

    /// <summary>A write to a client did not complete within the send timeout and the client is cut off.</summary>
    public void CutOffStalled() => Interlocked.Increment(ref _stalled);

    /// <summary>Messages written to a client.</summary>
    public void Sent(long messages) => Interlocked.Add(ref _messagesSent, messages);

    /// <summary>Clients that connected (WebSocket and SSE).</summary>
    public long Connected => Interlocked.Read(ref _connected);

    /// <summary>Clients connected now.</summary>
    public long Active => Interlocked.Read(ref _active);

    /// <summary>Clients disconnected because they lost more than the drop limit.</summary>
    public long DisconnectedSlow => Interlocked.Read(ref _slow);

    /// <summary>Clients cut off because a write did not complete within the send timeout.</summary>
    public long DisconnectedStalled => Interlocked.Read(ref _stalled);

    /// <summary>Messages written to clients (live and catch-up).</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);
}
