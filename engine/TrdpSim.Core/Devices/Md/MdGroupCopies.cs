using TrdpSim.Protocol;
using TrdpSim.Transport;

namespace TrdpSim.Devices.Md;

/// <summary>Tells a multi-homed station's second sight of one multicast request or notification from a new one.</summary>
/// <remarks>
/// <para>On a train each bus interface is on a network of its own, so a multicast 'Mr'/'Mn' reaches a multi-homed
/// device once, on the interface of the network it was sent on. Where one datagram reaches several of its interfaces
/// — on loopback every socket that joined the group gets it, and so do bridged networks — it is still one request:
/// the first copy is handled (and answered on the interface it arrived on); a copy of it on another interface is
/// <em>redundant</em>, as TCNopen discards a multicast request whose session already exists (trdp-wire.md §8.5), also
/// once the reply has left.</para>
/// <para>A copy is the same source (address and port), session id, sequence counter, ComId and header FCS, heard on an
/// interface that has not heard that frame yet, within <see cref="WindowNanoseconds"/>. A notification carries no
/// session id, so two notifications with the same header are told apart by the interfaces that heard them: the
/// second one heard on an interface is a new notification.</para>
/// <para>Wheel thread only. A fixed ring of the latest frames, filled at set-up: nothing is allocated per frame.</para>
/// </remarks>
internal sealed class MdGroupCopies
{
    /// <summary>How long after the first copy another interface's copy still counts as the same frame.</summary>
    public const long WindowNanoseconds = 1_000_000_000;

    /// <summary>Frames remembered (the latest ones); copies of one datagram arrive within microseconds of each other.</summary>
    public const int Capacity = 256;

    private readonly Entry[] _ring = new Entry[Capacity];
    private int _next;
    private int _count;

    /// <summary>Whether the group frame with <paramref name="header"/> from <paramref name="source"/>, heard on
    /// interface <paramref name="face"/>, is a copy of one heard on another interface; a new frame is remembered.</summary>
    /// <param name="header">The frame's header.</param>
    /// <param name="source">Who sent it (address and port).</param>
    /// <param name="face">The interface it was heard on (0 = a).</param>
    /// <param name="now">When it was received (monotonic ns).</param>
    /// <param name="firstFace">For a copy: the interface the frame was first heard on.</param>
    public bool IsCopy(in MdHeader header, Ip4Endpoint source, int face, long now, out int firstFace)
    {
        var bit = 1 << face;
        for (var i = 1; i <= _count; i++)
        {
            ref var entry = ref _ring[(_next - i + Capacity) % Capacity];
            if (now - entry.At > WindowNanoseconds)
            {
                break; // older ones are older still
            }

            if ((entry.Faces & bit) == 0 && entry.Fcs == header.HeaderFcs && entry.Source == source && entry.Sequence == header.SequenceCounter &&
                entry.ComId == header.ComId && entry.SessionId.Equals(header.SessionId))
            {
                entry.Faces |= bit;
                firstFace = entry.FirstFace;
                return true;
            }
        }

        _ring[_next] = new Entry
        {
            SessionId = header.SessionId, Source = source, Sequence = header.SequenceCounter, ComId = header.ComId, Fcs = header.HeaderFcs,
            Faces = bit, FirstFace = face, At = now,
        };
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
        firstFace = face;
        return false;
    }

    private struct Entry
    {
        public SessionId SessionId;
        public Ip4Endpoint Source;
        public uint Sequence;
        public uint ComId;
        public uint Fcs;
        public int Faces;
        public int FirstFace;
        public long At;
    }
}
