using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TrdpSim.Transport.Internal;

/// <summary>Coalesced receive (<see cref="UdpEndpointOptions.ReceiveWhole"/>): a run of datagrams that a sender on this
/// host segmented (UDP_SEGMENT) is read as the one message it travelled as (UDP_GRO) and cut here into its datagrams.</summary>
/// <remarks>
/// <para>Why: on loopback a segmented message reaches a plain socket as the kernel's datagrams one by one — it cuts the
/// message in the receive path and queues, wakes and copies per datagram, which was the largest share of a
/// self-receive run's CPU (bench/RESULTS.md §8c). Read whole, that work is per run of up to 64 datagrams; each datagram
/// then costs one copy of its bytes into the caller's slot here.</para>
/// <para>What the caller gets is what the plain path gives: one slot per datagram, in order, each with the message's
/// source and arrival (the kernel stamps the message once, at the instant all its datagrams arrived), cut and flagged
/// <see cref="IncomingDatagram.Truncated"/> where larger than the slot. A message without the kernel's size is one
/// datagram. Datagrams that do not fit into the caller's slots stay for the next call, which hands them out before it
/// reads anything new.</para>
/// </remarks>
internal sealed unsafe partial class LinuxUdpEndpoint
{
    private WholeReceiveScratch* _whole;
    private bool _receivesWhole;

    /// <summary>Messages read into <see cref="_whole"/>; those from <see cref="_wholeNext"/> on still hold datagrams.</summary>
    private int _wholeRead;
    private int _wholeNext;

    /// <summary>Where in message <see cref="_wholeNext"/> its next datagram starts.</summary>
    private int _wholeOffset;

    /// <summary>The most datagrams one message read whole has held on this socket (0 before the first).</summary>
    private int _largestRun;

    /// <summary>The kernel's drop count when <see cref="CountWholeDrops"/> last ran, and the datagrams counted for the
    /// drops up to then.</summary>
    private long _kernelDropsCounted;
    private long _wholeDrops;
    private readonly Lock _dropsGate = new();

    /// <summary>Whether this socket reads segmented runs whole.</summary>
    internal bool ReceivesWhole => _receivesWhole;

    /// <summary>Turns the kernel's drop count of a socket that reads whole into datagrams. The kernel drops a segmented
    /// run as the one message it is and counts it once; which runs it dropped is gone with them, so each new drop counts
    /// as the largest run this socket has read whole so far (<see cref="MaxSegments"/> before it read any) — an upper
    /// bound, so that the drops can explain every gap they made (a gap found beside them on the same socket may be
    /// explained by them too). Drops counted once keep their count.</summary>
    private long CountWholeDrops(long kernelDrops)
    {
        lock (_dropsGate)
        {
            if (kernelDrops > _kernelDropsCounted)
            {
                int run = Volatile.Read(ref _largestRun);
                _wholeDrops += (kernelDrops - _kernelDropsCounted) * (run > 0 ? run : MaxSegments);
                _kernelDropsCounted = kernelDrops;
            }

            return _wholeDrops;
        }
    }

    /// <summary>Asks the kernel to hand segmented runs over whole (UDP_GRO) on a loopback-bound socket where
    /// <paramref name="options"/> want it; a kernel before 5.0 refuses and the socket reads datagram by datagram.</summary>
    private void EnableWholeReceive(UdpEndpointOptions options)
    {
        if (!options.ReceiveWhole || (options.BindAddress >> 24) != 127)
        {
            return;
        }

        int on = 1;
        _receivesWhole = LinuxNative.SetSockOpt(_fd, LinuxNative.SolUdp, LinuxNative.UdpGro, &on, sizeof(int)) == 0;
    }

    private int ReceiveWhole(Span<IncomingDatagram> slots, int timeoutMilliseconds)
    {
        if (_whole == null)
        {
            _whole = WholeReceiveScratch.Allocate();
            if (_whole == null)
            {
                // No address space for the buffers: the socket still holds whole messages, so no datagram can be read.
                _stats.AddReceiveError(Marshal.GetLastPInvokeError());
                return 0;
            }
        }

        int total = HandOutWhole(slots);
        while (total < slots.Length)
        {
            PrepareWhole();
            int received = LinuxNative.RecvMMsg(_fd, _whole->Messages, BatchSize, LinuxNative.MsgDontWait, null);
            if (received <= 0)
            {
                if (total > 0)
                {
                    break;
                }

                received = WaitAndReceive(_whole->Messages, BatchSize, timeoutMilliseconds);
                if (received <= 0)
                {
                    return 0;
                }
            }

            ReadWhole(received);
            total += HandOutWhole(slots[total..]);
            if (received < BatchSize)
            {
                break; // the queue is empty: what is left of these messages waits for the next call
            }
        }

        return total;
    }

    /// <summary>Resets what the kernel rewrites in each message: the lengths of the address and the control bytes, and
    /// the flags.</summary>
    private void PrepareWhole()
    {
        MMsgHdr* messages = _whole->Messages;
        for (int i = 0; i < BatchSize; i++)
        {
            messages[i].Header.NameLength = (uint)sizeof(SockAddrIn);
            messages[i].Header.ControlLength = WholeReceiveScratch.ControlBytes;
            messages[i].Header.Flags = 0;
        }
    }

    /// <summary>Reads the arrival and the datagram size of each message just received (see
    /// <see cref="StampArrivals"/> for how a stamp becomes an arrival).</summary>
    private void ReadWhole(int received)
    {
        var clocks = _stampsArrivals ? ReadClocks() : default;
        MMsgHdr* messages = _whole->Messages;
        for (int m = 0; m < received; m++)
        {
            ReadControls(&messages[m].Header, out long realtime, out int datagramSize);
            int length = (int)messages[m].Length;
            int size = datagramSize > 0 && datagramSize < length ? datagramSize : Math.Max(length, 1);
            _whole->DatagramSizes[m] = size;
            int run = (length + size - 1) / size;
            if (run > _largestRun)
            {
                Volatile.Write(ref _largestRun, run);
            }

            _whole->Arrivals[m] = _stampsArrivals ? PlaceArrival(realtime, clocks) : 0;
        }

        _wholeRead = received;
        _wholeNext = 0;
        _wholeOffset = 0;
    }

    /// <summary>Copies the datagrams still held, in order, into <paramref name="slots"/>; returns how many.</summary>
    private int HandOutWhole(Span<IncomingDatagram> slots)
    {
        int filled = 0;
        int truncated = 0;
        int coalesced = 0;
        while (_wholeNext < _wholeRead && filled < slots.Length)
        {
            MMsgHdr* message = &_whole->Messages[_wholeNext];
            int length = (int)message->Length;
            int datagramSize = _whole->DatagramSizes[_wholeNext];
            int size = Math.Min(datagramSize, length - _wholeOffset);
            ref IncomingDatagram slot = ref slots[filled];
            byte[] buffer = slot.Buffer;
            if (buffer is null || (uint)slot.Offset > (uint)buffer.Length || (uint)slot.Capacity > (uint)(buffer.Length - slot.Offset))
            {
                ThrowHelpers.BadSlot(filled, "buffer is null or Offset/Capacity lie outside it");
            }

            int copied = Math.Min(size, slot.Capacity);
            new ReadOnlySpan<byte>(_whole->Data + ((nint)_wholeNext * WholeReceiveScratch.MessageBytes) + _wholeOffset, copied)
                .CopyTo(buffer.AsSpan(slot.Offset, copied));
            _wholeOffset += size;
            bool lastOfMessage = _wholeOffset >= length;
            bool cut = copied < size || (lastOfMessage && (message->Header.Flags & LinuxNative.MsgTrunc) != 0);
            slot.Length = copied;
            slot.Truncated = cut;
            slot.Source = LinuxNative.FromSockAddr(&_whole->Addresses[_wholeNext]);
            slot.ArrivalNanoseconds = _whole->Arrivals[_wholeNext];
            truncated += cut ? 1 : 0;
            coalesced += datagramSize < length ? 1 : 0;
            filled++;
            if (lastOfMessage)
            {
                _wholeNext++;
                _wholeOffset = 0;
            }
        }

        if (filled > 0)
        {
            _stats.AddReceived(filled, truncated);
            _stats.AddReceivedWhole(coalesced);
        }

        return filled;
    }

    /// <summary>Walks a received message's control messages for its SCM_TIMESTAMPNS stamp and its UDP_GRO datagram
    /// size (0 for each that is missing).</summary>
    private static void ReadControls(MsgHdr* header, out long realtimeNanoseconds, out int datagramSize)
    {
        realtimeNanoseconds = 0;
        datagramSize = 0;
        byte* control = (byte*)header->Control;
        nuint end = header->ControlLength;
        nuint at = 0;

        // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } and its data at 16, each aligned to 8.
        while (control != null && at + 16 <= end)
        {
            nuint length = *(nuint*)(control + at);
            if (length < 16 || at + length > end)
            {
                return;
            }

            int level = *(int*)(control + at + 8);
            int type = *(int*)(control + at + 12);
            if (level == LinuxNative.SolSocket && type == LinuxNative.ScmTimestampNs && length >= 32)
            {
                long seconds = *(long*)(control + at + 16);
                long nanoseconds = *(long*)(control + at + 24);
                realtimeNanoseconds = (seconds * 1_000_000_000) + nanoseconds;
            }
            else if (level == LinuxNative.SolUdp && type == LinuxNative.UdpGro && length >= 20)
            {
                datagramSize = *(int*)(control + at + 16);
            }

            at += (length + 7) & ~(nuint)7;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FreeWholeScratch()
    {
        if (_whole != null)
        {
            WholeReceiveScratch.Free(_whole);
            _whole = null;
        }
    }
}
