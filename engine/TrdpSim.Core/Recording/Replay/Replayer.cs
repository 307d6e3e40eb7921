using TrdpSim.Scheduling;
using TrdpSim.Transport;

namespace TrdpSim.Recording.Replay;

/// <summary>Sends a loaded (and rewritten) capture with its original timing, scaled, or as fast as possible, and
/// measures how well the timing held.</summary>
/// <remarks>
/// <para>One socket per source address (with the captured TOS and TTL), bound to that address with an ephemeral
/// port. The pacing thread waits for each frame's intended time with a <see cref="IWaitStrategy"/> (the wheel's
/// hybrid sleep-then-spin by default), then sends every frame of the same socket that is due in one batched
/// send (up to 64). Intended time = the first send + (capture time − first capture time) / speed; a capture
/// whose clock steps back is sent at once, never earlier than the frame before.</para>
/// <para>Timing fidelity: for consecutive frames, the intended gap against the actual gap between the returns of
/// their send calls; and each frame's lateness against its intended time.</para>
/// </remarks>
internal static class Replayer
{
    private const int BatchSize = 64;
    private const long StartDelayNanoseconds = 20_000_000;

    /// <exception cref="ReplayException">A source address cannot be bound here.</exception>
    public static ReplayResult Run(ReplayCapture capture, ReplayRewrites rewrites, ReplayOptions options, IUdpTransport transport, IWaitStrategy wait,
        CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(wait);
        var frames = capture.Frames;
        var (endpoints, socketOf) = OpenSockets(frames, transport);
        try
        {
            var intended = Deadlines(frames, options);
            var sentAt = new long[frames.Count];
            var batch = new OutgoingDatagram[BatchSize];
            long sent = 0;
            var done = 0;
            var start = MonotonicClock.NowNanoseconds() + StartDelayNanoseconds;
            while (done < frames.Count && !stop.IsCancellationRequested)
            {
                if (!options.AsFastAsPossible)
                {
                    wait.WaitUntil(start + intended[done]);
                }

                var now = MonotonicClock.NowNanoseconds();
                var socket = socketOf[done];
                var count = 0;
                while (done + count < frames.Count && count < BatchSize && socketOf[done + count] == socket
                    && (options.AsFastAsPossible || start + intended[done + count] <= now))
                {
                    var frame = frames[done + count];
                    batch[count++] = new OutgoingDatagram(capture.Buffer, frame.Offset, frame.Length, frame.Destination);
                }

                sent += endpoints[socket].Send(batch.AsSpan(0, count));
                var returned = MonotonicClock.NowNanoseconds();
                for (var i = 0; i < count; i++)
                {
                    sentAt[done + i] = returned - start;
                }

                done += count;
            }

            return Result(capture, rewrites, options, endpoints.Count, intended, sentAt, done, sent, stop.IsCancellationRequested && done < frames.Count);
        }
        finally
        {
            foreach (var endpoint in endpoints)
            {
                endpoint.Dispose();
            }
        }
    }

    /// <summary>Intended send times relative to the first, in nanoseconds, never decreasing.</summary>
    private static long[] Deadlines(List<ReplayFrame> frames, ReplayOptions options)
    {
        var deadlines = new long[frames.Count];
        if (options.AsFastAsPossible || frames.Count == 0)
        {
            return deadlines;
        }

        var first = frames[0].Time;
        for (var i = 0; i < frames.Count; i++)
        {
            var scaled = (long)((frames[i].Time - first) / options.Speed);
            deadlines[i] = i == 0 ? 0 : Math.Max(scaled, deadlines[i - 1]);
        }

        return deadlines;
    }

    private static (List<IUdpEndpoint> Endpoints, int[] SocketOf) OpenSockets(List<ReplayFrame> frames, IUdpTransport transport)
    {
        var endpoints = new List<IUdpEndpoint>();
        var index = new Dictionary<(uint Address, byte Tos, byte Ttl), int>();
        var socketOf = new int[frames.Count];
        try
        {
            for (var i = 0; i < frames.Count; i++)
            {
                var frame = frames[i];
                var key = (frame.Source.Address, frame.Tos, frame.Ttl);
                if (!index.TryGetValue(key, out var socket))
                {
                    socket = endpoints.Count;
                    endpoints.Add(Open(transport, key.Address, key.Tos, key.Ttl));
                    index[key] = socket;
                }

                socketOf[i] = socket;
            }
        }
        catch
        {
            foreach (var endpoint in endpoints)
            {
                endpoint.Dispose();
            }

            throw;
        }

        return (endpoints, socketOf);
    }

    private static IUdpEndpoint Open(IUdpTransport transport, uint address, byte tos, byte ttl)
    {
        try
        {
            return transport.Open(new UdpEndpointOptions
            {
                BindAddress = address, Port = 0, Qos = (byte)(tos >> 5), Ttl = ttl == 0 ? (byte)64 : ttl, MulticastInterface = address,
            });
        }
        catch (SocketSetupException e)
        {
            throw new ReplayException(
                $"cannot send from {Ip4Endpoint.FormatAddress(address)} (the captured source): {e.Message}; map it to an address of this host with --address-map {Ip4Endpoint.FormatAddress(address)}=127.0.0.2",
                e);
        }
    }

    private static ReplayResult Result(ReplayCapture capture, ReplayRewrites rewrites, ReplayOptions options, int sockets, long[] intended, long[] sentAt,
        int done, long sent, bool interrupted)
    {
        var gaps = new long[Math.Max(0, done - 1)];
        var lateness = new long[done];
        for (var i = 0; i < done; i++)
        {
            lateness[i] = sentAt[i] - intended[i];
            if (i > 0)
            {
                gaps[i - 1] = Math.Abs((sentAt[i] - sentAt[i - 1]) - (intended[i] - intended[i - 1]));
            }
        }

        var timed = !options.AsFastAsPossible;
        var frames = capture.Frames;
        return new ReplayResult(
            Records: capture.Records,
            Frames: frames.Count,
            Sent: sent,
            SendFailures: done - sent,
            Skipped: capture.Skipped,
            Rewrites: rewrites,
            Speed: options.Speed,
            Sockets: sockets,
            IntendedDuration: frames.Count > 1 && timed ? TimeConversion.FromNanoseconds(intended[^1]) : TimeSpan.Zero,
            ActualDuration: done > 1 ? TimeConversion.FromNanoseconds(sentAt[done - 1] - sentAt[0]) : TimeSpan.Zero,
            GapError: timed ? TimingFigures.Of(gaps, gaps.Length) : default,
            Lateness: timed ? TimingFigures.Of(lateness, lateness.Length) : default,
            Interrupted: interrupted);
    }
}
