using System.Buffers.Binary;
using TrdpSim.Pipeline;
using TrdpSim.Transport;

namespace TrdpSim.Recording.Internal;

/// <summary>One seam's tap: applies the ComId filter and copies the frame into the ring with its seam's number.</summary>
/// <remarks>Runs on the sending or receiving thread; never blocks, never allocates (a full ring drops and counts).</remarks>
internal sealed class RecordingTap(FrameRing ring, ushort point, IReadOnlySet<uint>? comIds) : IFrameTap
{
    public void OnFrame(ReadOnlySpan<byte> frame, Ip4Endpoint source, Ip4Endpoint destination, long timestampNanoseconds)
    {
        if (comIds is not null && (frame.Length < 12 || !comIds.Contains(BinaryPrimitives.ReadUInt32BigEndian(frame[8..]))))
        {
            return;
        }

        ring.TryWrite(frame, source, destination, timestampNanoseconds, point);
    }
}
