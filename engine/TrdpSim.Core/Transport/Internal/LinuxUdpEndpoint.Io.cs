using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TrdpSim.Scheduling;

namespace TrdpSim.Transport.Internal;

/// <summary>The hot path: batched send and receive.</summary>
internal sealed unsafe partial class LinuxUdpEndpoint
{
    public int Send(ReadOnlySpan<OutgoingDatagram> batch, Span<bool> accepted)
    {
        bool outcomes = !accepted.IsEmpty;
        if (outcomes)
        {
            accepted[..batch.Length].Clear();
        }

        if (batch.IsEmpty || !Enter())
        {
            return 0;
        }

        try
        {
            int taken = 0;
            int calls = 0;
            MMsgHdr* messages = _send->Messages;
            int[] starts = _messageStarts;
            bool segment = SegmentsNow;
            for (int start = 0; start < batch.Length; start += BatchSize)
            {
                int count = Math.Min(BatchSize, batch.Length - start);
                ReadOnlySpan<OutgoingDatagram> chunk = batch.Slice(start, count);
                FillSend(chunk, start);
                int messageCount = ComposeMessages(chunk, 0, 0, segment);
                int done = 0;
                int retried = -1;
                while (done < messageCount)
                {
                    int sent = LinuxNative.SendMMsg(_fd, messages + done, (uint)(messageCount - done), LinuxNative.MsgDontWait | LinuxNative.MsgNoSignal);
                    calls++;
                    if (sent > 0)
                    {
                        int first = starts[done];
                        int end = starts[done + sent];
                        if (outcomes)
                        {
                            accepted.Slice(start + first, end - first).Fill(true);
                        }

                        if (end - first > sent)
                        {
                            CountSegmented(done, sent);
                        }

                        done += sent;
                        taken += end - first;
                        continue;
                    }

                    int errno = sent < 0 ? Marshal.GetLastPInvokeError() : LinuxNative.EAgain;
                    if (errno == LinuxNative.EIntr)
                    {
                        continue;
                    }

                    if (errno == LinuxNative.EConnRefused)
                    {
                        // A pending ICMP port-unreachable, drawn by an earlier datagram of this connected
                        // socket, was reported instead of sending this message; reporting cleared it. Send the
                        // message again, once: a second refusal means a fresh error came in between.
                        _stats.AddIcmpRefused();
                        if (retried != done)
                        {
                            retried = done;
                            continue;
                        }
                    }

                    if (starts[done + 1] - starts[done] > 1)
                    {
                        // The kernel refused a segmentation group as a whole (its send buffer has no room for all
                        // of it, the route's MTU, a path without segmentation). Offer its datagrams and the rest of
                        // the chunk one by one, so each gets its own outcome and counter.
                        _stats.AddSegmentFallback();
                        messageCount = ComposeMessages(chunk, done, starts[done], segment: false);
                        continue;
                    }

                    UdpSendError kind = LinuxNative.Classify(errno);
                    if (kind == UdpSendError.WouldBlock)
                    {
                        // Send buffer full: retrying now would spin. Count the rest of the batch.
                        _stats.AddSendError(kind, batch.Length - start - starts[done], errno);
                        _stats.AddSent(taken, calls);
                        return taken;
                    }

                    // sendmmsg reports an error for the first unsent message only: skip it, go on. (An
                    // error after the first message only shortens the count; the loop then retries there.)
                    _stats.AddSendError(kind, 1, errno);
                    done++;
                }
            }

            _stats.AddSent(taken, calls);
            return taken;
        }
        finally
        {
            Exit();
        }
    }

    public int Receive(Span<IncomingDatagram> slots, int timeoutMilliseconds)
    {
        if (slots.IsEmpty || !Enter())
        {
            return 0;
        }

        try
        {
            if (_receivesWhole)
            {
                return ReceiveWhole(slots, timeoutMilliseconds);
            }

            int count = Math.Min(BatchSize, slots.Length);
            FillReceive(slots[..count], 0);
            int received = LinuxNative.RecvMMsg(_fd, _receive->Messages, (uint)count, LinuxNative.MsgDontWait, null);
            if (received <= 0)
            {
                received = WaitAndReceive(_receive->Messages, count, timeoutMilliseconds);
                if (received <= 0)
                {
                    return 0;
                }
            }

            int total = CompleteReceive(slots[..received]);
            while (received == count && total < slots.Length)
            {
                // The chunk came back full: more may be queued and the caller has room. Do not wait.
                count = Math.Min(BatchSize, slots.Length - total);
                FillReceive(slots.Slice(total, count), total);
                received = LinuxNative.RecvMMsg(_fd, _receive->Messages, (uint)count, LinuxNative.MsgDontWait, null);
                if (received <= 0)
                {
                    break;
                }

                total += CompleteReceive(slots.Slice(total, received));
            }

            return total;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Slow path: nothing was queued. Poll the socket and the wake eventfd until a datagram
    /// arrives, the deadline passes or the endpoint is disposed; then read up to <paramref name="count"/> of
    /// <paramref name="messages"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int WaitAndReceive(MMsgHdr* messages, int count, int timeoutMilliseconds)
    {
        long deadline = timeoutMilliseconds < 0 ? long.MaxValue
            : Stopwatch.GetTimestamp() + (timeoutMilliseconds * Stopwatch.Frequency / 1000);
        PollFd* polls = _receive->Polls;
        while (true)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != LinuxNative.EAgain && errno != LinuxNative.EIntr)
            {
                _stats.AddReceiveError(errno);
                return 0;
            }

            int wait = -1;
            if (deadline != long.MaxValue)
            {
                long left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0)
                {
                    return 0;
                }

                // Round up so a 1 ms budget does not turn into a busy poll(0).
                wait = (int)Math.Min(int.MaxValue, ((left * 1000) + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
            }

            polls[0] = new PollFd { Fd = _fd, Events = LinuxNative.PollIn };
            polls[1] = new PollFd { Fd = _wakeFd, Events = LinuxNative.PollIn };
            int ready = LinuxNative.Poll(polls, 2, wait);
            if (Volatile.Read(ref _disposed) != 0)
            {
                return 0;
            }

            if (ready < 0)
            {
                int pollErrno = Marshal.GetLastPInvokeError();
                if (pollErrno != LinuxNative.EIntr)
                {
                    _stats.AddReceiveError(pollErrno);
                    return 0;
                }

                Marshal.SetLastPInvokeError(LinuxNative.EIntr);
                continue;
            }

            if (ready == 0)
            {
                Marshal.SetLastPInvokeError(LinuxNative.EAgain);
                continue;
            }

            int received = LinuxNative.RecvMMsg(_fd, messages, (uint)count, LinuxNative.MsgDontWait, null);
            if (received > 0)
            {
                return received;
            }
        }
    }

    /// <summary>Turns the kernel's CLOCK_REALTIME arrival stamps of the datagrams just read into
    /// <see cref="MonotonicClock"/> time.</summary>
    /// <remarks>
    /// <para>The offset between the two clocks is read once per call. Where it moved by more than
    /// <see cref="ClockStepNanoseconds"/> since the last call the wall clock was stepped (by hand or by time
    /// synchronisation) while these datagrams waited: their stamps cannot be placed, so they get the read time.</para>
    /// <para>Arrivals never run backwards on one socket and never lie after the read: a datagram the kernel did not
    /// stamp, or a stamp after a step, gets the read time, and a later stamp below an earlier one is raised to it.</para>
    /// </remarks>
    private void StampArrivals(Span<IncomingDatagram> filled)
    {
        var clocks = ReadClocks();
        MMsgHdr* messages = _receive->Messages;
        for (int i = 0; i < filled.Length; i++)
        {
            ReadControls(&messages[i].Header, out long realtime, out _);
            filled[i].ArrivalNanoseconds = PlaceArrival(realtime, clocks);
        }
    }

    /// <summary>The read time and the wall clock's offset for one batch of stamps, and whether the wall clock was
    /// stepped since the last batch.</summary>
    private ArrivalClocks ReadClocks()
    {
        long read = MonotonicClock.NowNanoseconds();
        long offset = MonotonicClock.RealtimeOffsetNanoseconds();
        bool stepped = Math.Abs(offset - _lastRealtimeOffset) > ClockStepNanoseconds;
        _lastRealtimeOffset = offset;
        return new ArrivalClocks(read, offset, stepped);
    }

    /// <summary>The arrival of a datagram the kernel stamped <paramref name="realtime"/> (0: not stamped): the stamp
    /// in this time base, or the read time where there is none or the wall clock was stepped; never after the read and
    /// never before this socket's last arrival.</summary>
    private long PlaceArrival(long realtime, in ArrivalClocks clocks)
    {
        long arrival = !clocks.Stepped && realtime > 0 ? Math.Min(realtime - clocks.Offset, clocks.Read) : clocks.Read;
        arrival = Math.Max(arrival, _lastArrival);
        _lastArrival = arrival;
        return arrival;
    }

    private readonly record struct ArrivalClocks(long Read, long Offset, bool Stepped);

    /// <summary>A larger change than this of CLOCK_REALTIME − CLOCK_MONOTONIC between two reads is a step of
    /// the wall clock; slewing changes it by microseconds per second at most.</summary>
    internal const long ClockStepNanoseconds = 1_000_000;

    /// <summary>Points one iovec at each datagram of the chunk and writes its destination; the messages that
    /// carry them are composed by <see cref="ComposeMessages"/>.</summary>
    private void FillSend(ReadOnlySpan<OutgoingDatagram> chunk, int firstIndex)
    {
        IoVec* vectors = _send->Vectors;
        SockAddrIn* addresses = _send->Addresses;
        for (int i = 0; i < chunk.Length; i++)
        {
            ref readonly OutgoingDatagram d = ref chunk[i];
            byte[] buffer = d.Buffer;
            if (buffer is null || (uint)d.Offset > (uint)buffer.Length || (uint)d.Length > (uint)(buffer.Length - d.Offset))
            {
                ThrowHelpers.BadDatagram(firstIndex + i, "buffer is null or Offset/Length lie outside it");
            }

            vectors[i].Base = (nint)((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer)) + d.Offset);
            vectors[i].Length = (nuint)d.Length;
            LinuxNative.ToSockAddr(d.Destination, &addresses[i]);
        }
    }

    /// <summary>Writes the messages for the chunk's datagrams from <paramref name="firstDatagram"/> on, starting at
    /// message <paramref name="firstMessage"/>, and returns the number of messages the chunk now has. With
    /// <paramref name="segment"/>, a run of datagrams to one destination with one length becomes one message the
    /// kernel cuts into them (UDP_SEGMENT); otherwise, and for a datagram alone, a message is one datagram.
    /// Message m carries datagrams <c>_messageStarts[m]</c> up to <c>_messageStarts[m + 1]</c>.</summary>
    private int ComposeMessages(ReadOnlySpan<OutgoingDatagram> chunk, int firstMessage, int firstDatagram, bool segment)
    {
        MMsgHdr* messages = _send->Messages;
        IoVec* vectors = _send->Vectors;
        SockAddrIn* addresses = _send->Addresses;
        int[] starts = _messageStarts;
        int m = firstMessage;
        int i = firstDatagram;
        while (i < chunk.Length)
        {
            int runEnd = i + 1;
            if (segment)
            {
                runEnd = SegmentRunEnd(chunk, i);
            }

            MsgHdr* header = &messages[m].Header;
            header->Iov = (nint)(&vectors[i]);
            header->IovLength = (nuint)(runEnd - i);
            if (_connected && chunk[i].Destination == _peer)
            {
                // Connected fast path: no address, the socket's cached route is used. (A non-null
                // msg_name with length 0 would be EINVAL for UDP, so clear the pointer too.)
                header->Name = 0;
                header->NameLength = 0;
            }
            else
            {
                header->Name = (nint)(&addresses[i]);
                header->NameLength = (uint)sizeof(SockAddrIn);
            }

            if (runEnd - i > 1)
            {
                byte* control = _send->Controls + (m * MMsgScratch.ControlBytes);
                WriteSegmentSize(control, (ushort)chunk[i].Length);
                header->Control = (nint)control;
                header->ControlLength = SegmentControlBytes;
            }
            else
            {
                header->Control = 0;
                header->ControlLength = 0;
            }

            starts[m] = i;
            m++;
            i = runEnd;
        }

        starts[m] = chunk.Length;
        return m;
    }

    /// <summary>The end of the run of datagrams from <paramref name="first"/> that one UDP_SEGMENT message can carry:
    /// same destination, same length, at most <see cref="MaxSegments"/> of them and <see cref="MaxSegmentedBytes"/>
    /// together, each small enough for an Ethernet frame (the kernel cannot fragment a segment).</summary>
    private static int SegmentRunEnd(ReadOnlySpan<OutgoingDatagram> chunk, int first)
    {
        int length = chunk[first].Length;
        if (length == 0 || length > MaxSegmentBytes)
        {
            return first + 1;
        }

        int limit = Math.Min(chunk.Length, first + Math.Min(MaxSegments, MaxSegmentedBytes / length));
        Ip4Endpoint destination = chunk[first].Destination;
        int end = first + 1;
        while (end < limit && chunk[end].Length == length && chunk[end].Destination == destination)
        {
            end++;
        }

        return end;
    }

    /// <summary>Writes the UDP_SEGMENT control message: struct cmsghdr { size_t len; int level; int type; } and the
    /// segment size (a u16) after it.</summary>
    private static void WriteSegmentSize(byte* control, ushort size)
    {
        *(nuint*)control = 16 + sizeof(ushort); // CMSG_LEN(sizeof(u16))
        *(int*)(control + 8) = LinuxNative.SolUdp;
        *(int*)(control + 12) = LinuxNative.UdpSegment;
        *(ushort*)(control + 16) = size;
    }

    private void CountSegmented(int firstMessage, int messageCount)
    {
        int[] starts = _messageStarts;
        int segmented = 0;
        for (int m = firstMessage; m < firstMessage + messageCount; m++)
        {
            int size = starts[m + 1] - starts[m];
            segmented += size > 1 ? size : 0;
        }

        _stats.AddSentSegmented(segmented);
    }

    private void FillReceive(Span<IncomingDatagram> chunk, int firstIndex)
    {
        MMsgHdr* messages = _receive->Messages;
        IoVec* vectors = _receive->Vectors;
        byte* controls = _stampsArrivals ? _receive->Controls : null;
        for (int i = 0; i < chunk.Length; i++)
        {
            ref IncomingDatagram slot = ref chunk[i];
            byte[] buffer = slot.Buffer;
            if (buffer is null || (uint)slot.Offset > (uint)buffer.Length || (uint)slot.Capacity > (uint)(buffer.Length - slot.Offset))
            {
                ThrowHelpers.BadSlot(firstIndex + i, "buffer is null or Offset/Capacity lie outside it");
            }

            vectors[i].Base = (nint)((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer)) + slot.Offset);
            vectors[i].Length = (nuint)slot.Capacity;
            messages[i].Header.NameLength = (uint)sizeof(SockAddrIn);
            messages[i].Header.Flags = 0;
            if (controls != null)
            {
                // The kernel shrinks msg_controllen to what it wrote: set it again for every call.
                messages[i].Header.Control = (nint)(controls + (i * MMsgScratch.ControlBytes));
                messages[i].Header.ControlLength = MMsgScratch.ControlBytes;
            }
        }
    }

    private int CompleteReceive(Span<IncomingDatagram> filled)
    {
        MMsgHdr* messages = _receive->Messages;
        SockAddrIn* addresses = _receive->Addresses;
        int truncated = 0;
        for (int i = 0; i < filled.Length; i++)
        {
            ref IncomingDatagram slot = ref filled[i];
            bool cut = (messages[i].Header.Flags & LinuxNative.MsgTrunc) != 0;
            slot.Length = (int)messages[i].Length;
            slot.Truncated = cut;
            slot.Source = LinuxNative.FromSockAddr(&addresses[i]);
            slot.ArrivalNanoseconds = 0;
            truncated += cut ? 1 : 0;
        }

        if (_stampsArrivals)
        {
            StampArrivals(filled);
        }

        _stats.AddReceived(filled.Length, truncated);
        return filled.Length;
    }
}
