using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace TrdpSim.Events.Internal;

/// <summary>Writes the pump's event messages without allocating per message: one JSON writer reused for every
/// event, and each message's bytes cut from a shared slab instead of an array of its own.</summary>
/// <remarks>
/// At 10,000 ingested events per second the pump made five or six objects per event (a buffer, its array, a
/// writer, the timestamp's string, the copy); every collection they caused stops every managed thread, the
/// wheel included. Now it makes the <see cref="StreamMessage"/> and nothing else but a slab now and then. A
/// slab stays alive while any message cut from it is kept (history, queues), so memory stays bounded by the
/// history like before. One writer per pump (the pump lock); not thread-safe.
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "The writer holds no unmanaged resource, only a reference to the buffer: it lives and goes with the bus.")]
internal sealed class MessageJsonWriter
{
    /// <summary>Bytes per slab: a few hundred messages; big enough to be rare, small enough to free soon.</summary>
    internal const int SlabBytes = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private byte[] _slab = [];
    private int _used;

    public MessageJsonWriter()
    {
        _json = new Utf8JsonWriter(_buffer);
    }

    /// <summary>The message's JSON, valid for as long as the returned memory is referenced.</summary>
    public ReadOnlyMemory<byte> Write(long id, string topic, DateTime utc, double seconds, in RunEvent e)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        RunEventJson.Write(_json, id, topic, utc, seconds, e);
        _json.Flush();
        return Keep(_buffer.WrittenSpan);
    }

    private ReadOnlyMemory<byte> Keep(ReadOnlySpan<byte> json)
    {
        if (json.Length > SlabBytes / 4)
        {
            return json.ToArray(); // a long text: its own array, so a slab is not wasted on it
        }

        if (_slab.Length - _used < json.Length)
        {
            _slab = new byte[SlabBytes];
            _used = 0;
        }

        json.CopyTo(_slab.AsSpan(_used));
        var kept = new ReadOnlyMemory<byte>(_slab, _used, json.Length);
        _used += json.Length;
        return kept;
    }
}
