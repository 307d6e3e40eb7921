using System.Net.WebSockets;
using System.Text.Json;
using TrdpSim.Events;
using TrdpSim.Reporting;

namespace TrdpSim.Control;

/// <summary>The receive side: requests <c>subscribe</c>, <c>unsubscribe</c> and <c>ping</c>, each answered with a
/// confirmation (or an <c>error</c> naming what is wrong); an <c>id</c> in a request comes back in its answer.</summary>
internal sealed partial class WebSocketStreamSession
{
    private async Task ReceiveLoopAsync(CancellationToken cancel)
    {
        var buffer = new byte[options.MaxClientMessageBytes];
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var total = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (total == buffer.Length)
                    {
                        Enqueue(new Reply(default, null, (int)WebSocketCloseStatus.MessageTooBig,
                            $"a request longer than {options.MaxClientMessageBytes} bytes"));
                        return;
                    }

                    received = await socket.ReceiveAsync(buffer.AsMemory(total), cancel).ConfigureAwait(false);
                    total += received.Count;
                }
                while (!received.EndOfMessage);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                Handle(buffer.AsSpan(0, total));
            }
        }
        finally
        {
            // Wakes the send loop, which sees the receive side has ended.
            try
            {
                _wake.Release();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>One request (receive thread): checks it, applies it to the subscription and queues the answer.</summary>
    internal void Handle(ReadOnlySpan<byte> request)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.ToArray());
        }
        catch (JsonException e)
        {
            Error(null, $"a request is not JSON: {e.Message}");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error(null, "a request is a JSON object such as {\"op\":\"subscribe\",\"topics\":[\"run.*\"]}");
                return;
            }

            JsonElement? id = root.TryGetProperty("id", out var idElement) ? idElement.Clone() : null;
            var op = root.TryGetProperty("op", out var opElement) && opElement.ValueKind == JsonValueKind.String ? opElement.GetString() : null;
            switch (op)
            {
                case "subscribe":
                    if (Topics(root, id) is { } added && CatchUp(root, id, out var catchUp))
                    {
                        Subscribe(added, catchUp, id);
                    }

                    break;
                case "unsubscribe":
                    if (Topics(root, id) is { } removed)
                    {
                        Unsubscribe(removed, id);
                    }

                    break;
                case "ping":
                    Enqueue(new Reply(_replyFrames.Control("pong", json =>
                    {
                        Id(json, id);
                        json.WriteString("ts", RunEventJson.FormatTimestamp(DateTime.UtcNow));
                    }).ToArray(), null));
                    break;
                default:
                    Error(id, op is null
                        ? "a request needs \"op\": subscribe, unsubscribe or ping"
                        : $"unknown op '{op}' (subscribe, unsubscribe or ping)");
                    break;
            }
        }
    }

    private void Subscribe(IReadOnlyList<string> topics, CatchUpRequest? catchUp, JsonElement? id)
    {
        TopicFilter filter;
        try
        {
            filter = _subscription.Filter.With(topics);
        }
        catch (ArgumentException e)
        {
            Error(id, e.Message);
            return;
        }

        var result = bus.ChangeFilter(_subscription, filter, catchUp);
        var frame = _replyFrames.Control("subscribed", json =>
        {
            Id(json, id);
            JsonLists.WriteStrings(json, "topics", filter.Patterns);
            JsonLists.WriteStrings(json, "added", topics);
            StreamFrames.WriteCatchUp(json, result, bus.HistoryCapacity);
        }).ToArray();
        Enqueue(new Reply(frame, result?.Messages));
    }

    private void Unsubscribe(IReadOnlyList<string> topics, JsonElement? id)
    {
        var before = _subscription.Filter;
        var after = before.Without(topics);
        bus.ChangeFilter(_subscription, after, null);
        Enqueue(new Reply(_replyFrames.Control("unsubscribed", json =>
        {
            Id(json, id);
            JsonLists.WriteStrings(json, "topics", after.Patterns);
            JsonLists.WriteStrings(json, "removed", topics.Where(t => before.Patterns.Contains(t)));
            JsonLists.WriteStrings(json, "notSubscribed", topics.Where(t => !before.Patterns.Contains(t)));
        }).ToArray(), null));
    }

    /// <summary>The request's <c>topics</c>: a non-empty array of valid patterns; null (and an error sent) otherwise.</summary>
    private List<string>? Topics(JsonElement root, JsonElement? id)
    {
        if (!root.TryGetProperty("topics", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            Error(id, "\"topics\" must be a non-empty array of topic patterns, e.g. [\"run.*\", \"anomalies\"]");
            return null;
        }

        var topics = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            var topic = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (TopicFilter.Check(topic) is { } problem)
            {
                Error(id, problem);
                return null;
            }

            topics.Add(topic!);
        }

        return topics;
    }

    /// <summary>The request's catch-up point (<c>lastId</c> or <c>lastTimestamp</c>); false (and an error sent) when bad.</summary>
    private bool CatchUp(JsonElement root, JsonElement? id, out CatchUpRequest? request)
    {
        string? lastId = null;
        string? lastTimestamp = null;
        if (root.TryGetProperty("lastId", out var idValue))
        {
            lastId = idValue.ValueKind == JsonValueKind.Number ? idValue.GetRawText() : "(not a number)";
        }

        if (root.TryGetProperty("lastTimestamp", out var tsValue))
        {
            lastTimestamp = tsValue.ValueKind == JsonValueKind.String ? tsValue.GetString() : "(not a string)";
        }

        if (!StreamRequests.TryParseCatchUp(lastId, lastTimestamp, out request, out var error))
        {
            Error(id, error!);
            return false;
        }

        return true;
    }

    private void Error(JsonElement? id, string error) =>
        Enqueue(new Reply(_replyFrames.Control("error", json =>
        {
            Id(json, id);
            json.WriteString("error", error);
        }).ToArray(), null));

    private static void Id(Utf8JsonWriter json, JsonElement? id)
    {
        if (id is { } value)
        {
            json.WritePropertyName("id");
            value.WriteTo(json);
        }
    }
}
