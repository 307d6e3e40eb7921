using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using TrdpSim.Events;

namespace TrdpSim.Control;

/// <summary>Builds the JSON frames the WebSocket stream sends: batches of messages (each message's JSON as the bus
/// wrote it, copied, never re-serialised), confirmations, heartbeats and errors.</summary>
/// <remarks>One per connection, reused for every frame; the returned memory is valid until the next call.</remarks>
internal sealed class StreamFrames
{
    private static readonly byte[] BatchEnd = "]}"u8.ToArray();

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);

    /// <summary>A batch from the queue: <c>{"type":"batch","dropped":N,"messages":[…]}</c>, up to about
    /// <paramref name="maxBytes"/> of messages; empty when the queue is.</summary>
    public ReadOnlyMemory<byte> Batch(ChannelReader<StreamMessage> queue, long dropped, int maxBytes, out int count)
    {
        count = 0;
        if (!queue.TryRead(out var first))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        Start(dropped, catchUp: false);
        var message = first;
        while (true)
        {
            Append(message, count++);
            if (_buffer.WrittenCount >= maxBytes || !queue.TryRead(out message!))
            {
                break;
            }
        }

        _buffer.Write(BatchEnd);
        return _buffer.WrittenMemory;
    }

    /// <summary>A catch-up batch: <paramref name="messages"/> from <paramref name="index"/> on, up to about
    /// <paramref name="maxBytes"/>; <paramref name="index"/> moves past what was taken.</summary>
    public ReadOnlyMemory<byte> CatchUpBatch(IReadOnlyList<StreamMessage> messages, ref int index, int maxBytes, out int count)
    {
        count = 0;
        Start(0, catchUp: true);
        while (index < messages.Count)
        {
            Append(messages[index++], count++);
            if (_buffer.WrittenCount >= maxBytes)
            {
                break;
            }
        }

        _buffer.Write(BatchEnd);
        return _buffer.WrittenMemory;
    }

    /// <summary>Any control frame, written by <paramref name="write"/> into an object that starts with its type.</summary>
    public ReadOnlyMemory<byte> Control(string type, Action<Utf8JsonWriter> write)
    {
        _buffer.Clear();
        using (var json = new Utf8JsonWriter(_buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            write(json);
            json.WriteEndObject();
        }

        return _buffer.WrittenMemory;
    }

    /// <summary>Writes the catch-up answer as an object property <c>catchUp</c>.</summary>
    public static void WriteCatchUp(Utf8JsonWriter json, CatchUpResult? result, int historyCapacity)
    {
        if (result is null)
        {
            return;
        }

        json.WriteStartObject("catchUp");
        json.WriteNumber("events", result.Messages.Count);
        json.WriteBoolean("complete", result.Complete);
        json.WriteNumber("missed", result.Missed);
        json.WriteNumber("oldestId", result.OldestId);
        json.WriteNumber("newestId", result.NewestId);
        if (result.GapText(historyCapacity) is { } gap)
        {
            json.WriteString("gap", gap);
        }

        json.WriteEndObject();
    }

    private void Start(long dropped, bool catchUp)
    {
        _buffer.Clear();
        var head = catchUp
            ? "{\"type\":\"batch\",\"catchUp\":true,\"messages\":["
            : "{\"type\":\"batch\",\"dropped\":" + dropped.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"messages\":[";
        var bytes = Encoding.UTF8.GetBytes(head);
        _buffer.Write(bytes);
    }

    private void Append(StreamMessage message, int index)
    {
        if (index > 0)
        {
            _buffer.Write(","u8);
        }

        _buffer.Write(message.Json.Span);
    }
}
