using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using TrdpSim.Events;
using TrdpSim.Reporting;

namespace TrdpSim.Control;

/// <summary>One Server-Sent Events client of <c>/api/events</c>: topics and catch-up point come with the request,
/// then every <see cref="StreamEndpointOptions.BatchInterval"/> the queued messages are written and flushed
/// together.</summary>
/// <remarks>
/// Each message is <c>id:</c> (events only, so <c>Last-Event-ID</c> resumes after it), <c>event:</c> (the topic's
/// first segment: <c>run</c>, <c>pd</c>, <c>md</c>, <c>faults</c>, <c>anomalies</c>) and <c>data:</c> (the message
/// JSON, one line). The first event is <c>subscribed</c> with the catch-up answer; an idle stream gets a
/// <c>: heartbeat</c> comment. A client past the drop limit gets an <c>error</c> event and the response ends; a
/// stalled one (a flush that does not complete within the send timeout) is aborted.
/// </remarks>
internal sealed partial class SseStreamSession(HttpContext context, RunEventBus bus, StreamEndpointOptions options, ILogger logger)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly string _client = StreamRequests.Client(context);

    public async Task RunAsync(TopicFilter filter, CatchUpRequest? catchUp, CancellationToken stopping)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        using var subscription = bus.Subscribe(filter, options.QueueCapacity, catchUp, out var caughtUp);
        options.Statistics.Joined();
        Connected(logger, _client, filter);
        var outcome = "left";
        try
        {
            Write("retry: 2000\n");
            WriteEvent(null, "subscribed", new StreamFrames().Control("subscribed", json =>
            {
                JsonLists.WriteStrings(json, "topics", filter.Patterns);
                StreamFrames.WriteCatchUp(json, caughtUp, bus.HistoryCapacity);
            }).Span);
            foreach (var message in caughtUp?.Messages ?? [])
            {
                WriteMessage(message);
            }

            if (!await FlushAsync(caughtUp?.Messages.Count ?? 0, stopping).ConfigureAwait(false))
            {
                return;
            }

            var lastSent = DateTime.UtcNow;
            using var timer = new PeriodicTimer(options.BatchInterval);
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                var count = 0;
                while (count < options.QueueCapacity && subscription.Reader.TryRead(out var message))
                {
                    WriteMessage(message);
                    count++;
                }

                if (subscription.Dropped > options.DropLimit)
                {
                    options.Statistics.CutOffSlow();
                    outcome = $"too slow: {subscription.Dropped} messages dropped (queue of {options.QueueCapacity}, limit {options.DropLimit})";
                    CutOff(logger, _client, outcome);
                    var reason = outcome;
                    WriteEvent(null, "error", new StreamFrames().Control("error", json => json.WriteString("error", reason)).Span);
                    await FlushAsync(count, stopping).ConfigureAwait(false);
                    return;
                }

                if (count == 0 && DateTime.UtcNow - lastSent >= options.HeartbeatInterval)
                {
                    Write($": heartbeat {RunEventJson.FormatTimestamp(DateTime.UtcNow)} dropped={subscription.Dropped}\n\n");
                }

                if (_buffer.WrittenCount == 0)
                {
                    continue;
                }

                if (!await FlushAsync(count, stopping).ConfigureAwait(false))
                {
                    outcome = "stalled";
                    return;
                }

                lastSent = DateTime.UtcNow;
            }
        }
        catch (OperationCanceledException)
        {
            outcome = context.RequestAborted.IsCancellationRequested ? "left" : "server stopping";
        }
        catch (IOException e)
        {
            outcome = "connection lost: " + e.Message;
        }
        finally
        {
            options.Statistics.Left();
            Disconnected(logger, _client, outcome, subscription.Dropped);
        }
    }

    /// <summary>Writes what is buffered; false when it did not complete within the send timeout (aborted then).</summary>
    private async Task<bool> FlushAsync(int messages, CancellationToken stopping)
    {
        // A timeout of its own, not linked to the request's token: Kestrel aborts the connection when a write is
        // cancelled, which cancels the request's token at once, so only "the timeout fired" tells a stalled client.
        using var timeout = new CancellationTokenSource(options.SendTimeout);
        using var write = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            await context.Response.Body.WriteAsync(_buffer.WrittenMemory, write.Token).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(write.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException &&
            timeout.IsCancellationRequested)
        {
            options.Statistics.CutOffStalled();
            CutOff(logger, _client, $"stalled: a write did not complete within {options.SendTimeout.TotalSeconds:0.#} s");
            context.Abort();
            return false;
        }

        _buffer.Clear();
        options.Statistics.Sent(messages);
        return true;
    }

    private void WriteMessage(StreamMessage message)
    {
        var dot = message.Topic.IndexOf('.', StringComparison.Ordinal);
        WriteEvent(message.Id > 0 ? message.Id : null, dot < 0 ? message.Topic : message.Topic[..dot], message.Json.Span);
    }

    private void WriteEvent(long? id, string name, ReadOnlySpan<byte> data)
    {
        if (id is { } value)
        {
            Write("id: " + value.ToString(CultureInfo.InvariantCulture) + "\n");
        }

        Write("event: " + name + "\ndata: ");
        _buffer.Write(data); // the bus's JSON is one line (no indentation), as SSE needs
        Write("\n\n");
    }

    private void Write(string text)
    {
        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Debug, Message = "stream client {Client} connected (SSE) for {Topics}")]
    private static partial void Connected(ILogger logger, string client, TopicFilter topics);

    [LoggerMessage(EventId = 311, Level = LogLevel.Debug, Message = "stream client {Client} disconnected: {Outcome}; {Dropped} messages dropped")]
    private static partial void Disconnected(ILogger logger, string client, string outcome, long dropped);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "stream client {Client} cut off: {Reason}")]
    private static partial void CutOff(ILogger logger, string client, string reason);
}
