using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using TrdpSim.Events;

namespace TrdpSim.Control;

/// <summary>One WebSocket client of <c>/api/stream</c>: its subscription, the receive loop that handles its requests
/// and the send loop that batches its messages every <see cref="StreamEndpointOptions.BatchInterval"/>.</summary>
/// <remarks>
/// <para>Only the send loop writes to the socket: replies to requests (confirmations with their catch-up) are
/// queued for it and sent at once; live messages go out as one batch per interval; a heartbeat when nothing
/// was sent for <see cref="StreamEndpointOptions.HeartbeatInterval"/>.</para>
/// <para>A slow client loses messages to its bounded queue (counted in every batch as <c>dropped</c>); past
/// <see cref="StreamEndpointOptions.DropLimit"/> it is closed with code 4001. A stalled one — a write that does
/// not complete within <see cref="StreamEndpointOptions.SendTimeout"/> — is cut off (the connection is aborted:
/// a close frame could not get through either). Neither costs the engine anything: the bus only ever offers
/// messages to the bounded queue.</para>
/// </remarks>
internal sealed partial class WebSocketStreamSession(
    WebSocket socket, RunEventBus bus, StreamEndpointOptions options, ILogger logger, string client) : IDisposable
{
    /// <summary>Close code: the client lost more messages than the drop limit allows.</summary>
    public const int SlowClientCloseCode = 4001;

    /// <summary>Requests queued for the send loop at most; more close the connection (policy violation).</summary>
    private const int MaxPendingReplies = 16;

    private readonly EventSubscription _subscription = bus.Subscribe(TopicFilter.None, options.QueueCapacity, null, out _);
    private readonly ConcurrentQueue<Reply> _replies = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly StreamFrames _frames = new();
    private readonly StreamFrames _replyFrames = new();
    private int _pendingReplies;

    /// <summary>Runs the connection to its end: the client leaves, is cut off, or the server stops.</summary>
    /// <param name="initialTopics">Topics from the URL (<c>?topics=</c>), subscribed before any request.</param>
    /// <param name="initialCatchUp">The catch-up point from the URL.</param>
    /// <param name="stopping">The server is stopping (close with 1001) or the request was aborted.</param>
    public async Task RunAsync(IReadOnlyList<string> initialTopics, CatchUpRequest? initialCatchUp, CancellationToken stopping)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        options.Statistics.Joined();
        Connected(logger, client);
        var outcome = "left";
        try
        {
            if (initialTopics.Count > 0)
            {
                Subscribe(initialTopics, initialCatchUp, null);
            }

            var receiving = ReceiveLoopAsync(end.Token);
            try
            {
                outcome = await SendLoopAsync(receiving, end.Token).ConfigureAwait(false);
            }
            finally
            {
                await end.CancelAsync().ConfigureAwait(false);
                try
                {
                    await receiving.ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
                {
                    // The connection is over either way.
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            outcome = "connection lost: " + e.Message;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            outcome = "server stopping";
        }
        finally
        {
            _subscription.Dispose();
            options.Statistics.Left();
            Disconnected(logger, client, outcome, _subscription.Dropped);
        }
    }

    public void Dispose() => _wake.Dispose();

    /// <summary>Sends replies at once and batches every interval until the client or the server ends it.</summary>
    /// <returns>How the connection ended, for the log.</returns>
    private async Task<string> SendLoopAsync(Task receiving, CancellationToken cancel)
    {
        var interval = options.BatchInterval;
        var nextBatch = DateTime.UtcNow + interval;
        var lastSent = DateTime.UtcNow;
        while (!cancel.IsCancellationRequested)
        {
            var wait = nextBatch - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await _wake.WaitAsync(wait, cancel).ConfigureAwait(false);
            }

            if (receiving.IsCompleted)
            {
                return await CloseAsync(receiving, cancel).ConfigureAwait(false);
            }

            while (_replies.TryDequeue(out var reply))
            {
                Interlocked.Decrement(ref _pendingReplies);
                if (reply.CloseCode is { } code)
                {
                    await CloseOutputAsync((WebSocketCloseStatus)code, reply.CloseText!).ConfigureAwait(false);
                    return reply.CloseText!;
                }

                if (!await SendAsync(reply.Frame, 0, cancel).ConfigureAwait(false))
                {
                    return Stalled();
                }

                var index = 0;
                while (reply.CatchUp is { } catchUp && index < catchUp.Count)
                {
                    if (!await SendAsync(_frames.CatchUpBatch(catchUp, ref index, options.MaxBatchBytes, out var count), count, cancel).ConfigureAwait(false))
                    {
                        return Stalled();
                    }
                }

                lastSent = DateTime.UtcNow;
            }

            var now = DateTime.UtcNow;
            if (now < nextBatch)
            {
                continue;
            }

            nextBatch = now + interval;
            // At most one queue's worth per interval, so a busy topic cannot starve replies and heartbeats.
            var budget = options.QueueCapacity;
            while (budget > 0)
            {
                var frame = _frames.Batch(_subscription.Reader, _subscription.Dropped, options.MaxBatchBytes, out var count);
                if (count == 0)
                {
                    break;
                }

                if (!await SendAsync(frame, count, cancel).ConfigureAwait(false))
                {
                    return Stalled();
                }

                budget -= count;
                lastSent = DateTime.UtcNow;
            }

            if (_subscription.Dropped > options.DropLimit)
            {
                options.Statistics.CutOffSlow();
                var text = $"too slow: {_subscription.Dropped} messages dropped (queue of {options.QueueCapacity}, limit {options.DropLimit})";
                CutOff(logger, client, text);
                await CloseOutputAsync((WebSocketCloseStatus)SlowClientCloseCode, text).ConfigureAwait(false);
                return text;
            }

            if (now - lastSent >= options.HeartbeatInterval)
            {
                var heartbeat = _frames.Control("heartbeat", json =>
                {
                    json.WriteString("ts", RunEventJson.FormatTimestamp(DateTime.UtcNow));
                    json.WriteNumber("dropped", _subscription.Dropped);
                    json.WriteNumber("lastId", bus.NewestId);
                });
                if (!await SendAsync(heartbeat, 0, cancel).ConfigureAwait(false))
                {
                    return Stalled();
                }

                lastSent = DateTime.UtcNow;
            }
        }

        await CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "server stopping").ConfigureAwait(false);
        return "server stopping";
    }

    /// <summary>Writes one frame; false when it did not complete within the send timeout (the socket is aborted then).</summary>
    private async Task<bool> SendAsync(ReadOnlyMemory<byte> frame, int messages, CancellationToken cancel)
    {
        // The timeout has a source of its own, not linked to the connection's: cancelling the write aborts the
        // connection, which cancels the request's token (part of the connection's) at once — so "the connection's
        // token is cancelled" cannot tell a stalled client from a server that stops, but "the timeout fired" can.
        using var timeout = new CancellationTokenSource(options.SendTimeout);
        using var write = CancellationTokenSource.CreateLinkedTokenSource(cancel, timeout.Token);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, write.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException &&
            timeout.IsCancellationRequested)
        {
            // The send timeout fired: the cancelled write aborts the socket, and what the write throws then
            // (cancelled, aborted, disposed) depends on where it was. Any of them is a stalled client.
            return false;
        }

        options.Statistics.Sent(messages);
        return true;
    }

    private string Stalled()
    {
        options.Statistics.CutOffStalled();
        var text = $"stalled: a write did not complete within {options.SendTimeout.TotalSeconds:0.#} s";
        CutOff(logger, client, text);
        socket.Abort();
        return text;
    }

    /// <summary>The receive loop ended: the client closed (answer its close), or its request broke a rule.</summary>
    private async Task<string> CloseAsync(Task receiving, CancellationToken cancel)
    {
        await receiving.ConfigureAwait(false);
        if (socket.State == WebSocketState.CloseReceived)
        {
            await CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye").ConfigureAwait(false);
        }

        return cancel.IsCancellationRequested ? "server stopping" : "left";
    }

    private async Task CloseOutputAsync(WebSocketCloseStatus status, string text)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        // A close frame is a write like any other: a client that does not read gets aborted instead.
        using var timeout = new CancellationTokenSource(options.SendTimeout);
        try
        {
            await socket.CloseOutputAsync(status, text.Length > 120 ? text[..120] : text, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            socket.Abort();
        }
    }

    /// <summary>Queues a frame for the send loop; a client that floods requests is closed instead.</summary>
    private void Enqueue(Reply reply)
    {
        if (Interlocked.Increment(ref _pendingReplies) > MaxPendingReplies)
        {
            _replies.Enqueue(new Reply(default, null, (int)WebSocketCloseStatus.PolicyViolation, "too many requests waiting for an answer"));
        }
        else
        {
            _replies.Enqueue(reply);
        }

        _wake.Release();
    }

    private sealed record Reply(ReadOnlyMemory<byte> Frame, IReadOnlyList<StreamMessage>? CatchUp, int? CloseCode = null, string? CloseText = null);

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "stream client {Client} connected (WebSocket)")]
    private static partial void Connected(ILogger logger, string client);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "stream client {Client} disconnected: {Outcome}; {Dropped} messages dropped")]
    private static partial void Disconnected(ILogger logger, string client, string outcome, long dropped);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "stream client {Client} cut off: {Reason}")]
    private static partial void CutOff(ILogger logger, string client, string reason);
}
