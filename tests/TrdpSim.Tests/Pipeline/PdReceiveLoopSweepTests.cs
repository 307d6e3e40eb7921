namespace TrdpSim.Tests.Pipeline;

/// <summary>After its thread was held back, the PD receive loop reads everything queued in the socket before it
/// judges any subscription deadline: the 75-minute soak timed out 936 subscriptions whose telegrams were sitting in
/// the buffer when the loop swept right after its first batch.</summary>
public sealed class PdReceiveLoopSweepTests
{
    [Fact]
    public void ABacklogIsReadBeforeTheFirstSweep()
    {
        // The socket holds three full batches and a partial one (the backlog of a stall), then goes quiet.
        var endpoint = new ScriptedEndpoint([PdReceiveLoop.BatchSize, PdReceiveLoop.BatchSize, PdReceiveLoop.BatchSize, 10]);
        var handler = new RecordingHandler();
        var loop = new PdReceiveLoop("sweep", endpoint, handler, new RunTelemetry("sweep"));
        loop.Start();
        Assert.True(SpinWait.SpinUntil(() => handler.SweepsAfter(0) > 0 && endpoint.Exhausted, TimeSpan.FromSeconds(10)));
        loop.Stop();

        var total = (3 * PdReceiveLoop.BatchSize) + 10;
        Assert.Equal(total, handler.DispatchedBeforeFirstSweep);
    }

    [Fact]
    public void AFloodThatNeverDrainsIsStillSweptEveryFewDozenMilliseconds()
    {
        var endpoint = new ScriptedEndpoint([], floodFor: TimeSpan.FromMilliseconds(400));
        var handler = new RecordingHandler();
        var loop = new PdReceiveLoop("flood", endpoint, handler, new RunTelemetry("flood"));
        loop.Start();
        Assert.True(SpinWait.SpinUntil(() => endpoint.Exhausted, TimeSpan.FromSeconds(20)));
        loop.Stop();

        Assert.True(handler.SweepsAfter(0) >= 2, $"{handler.SweepsAfter(0)} sweeps during a 400 ms flood");
    }

    private sealed class RecordingHandler : IPdDatagramHandler
    {
        private int _dispatched;
        private int _sweeps;

        public int DispatchedBeforeFirstSweep { get; private set; } = -1;

        public int SweepsAfter(int count) => Volatile.Read(ref _sweeps) - count;

        public void Dispatch(ReadOnlySpan<byte> datagram, bool truncated, Ip4Endpoint source, long now) => Interlocked.Increment(ref _dispatched);

        public void Sweep(long now)
        {
            if (DispatchedBeforeFirstSweep < 0)
            {
                DispatchedBeforeFirstSweep = Volatile.Read(ref _dispatched);
            }

            Interlocked.Increment(ref _sweeps);
        }
    }

    /// <summary>Returns the scripted batch sizes in turn, or full batches until a flood time is over, then nothing.</summary>
    private sealed class ScriptedEndpoint(int[] batches, TimeSpan floodFor = default) : IUdpEndpoint
    {
        private int _next;
        private DateTime _floodEnd;

        public bool Exhausted { get; private set; }

        public Ip4Endpoint LocalEndpoint => default;

        public UdpEndpointStats Stats { get; } = new();

        public int Send(ReadOnlySpan<OutgoingDatagram> batch, Span<bool> accepted)
        {
            if (!accepted.IsEmpty)
            {
                accepted[..batch.Length].Fill(true);
            }

            return batch.Length;
        }

        public int Receive(Span<IncomingDatagram> slots, int timeoutMilliseconds)
        {
            if (floodFor > TimeSpan.Zero)
            {
                if (_floodEnd == default)
                {
                    _floodEnd = DateTime.UtcNow + floodFor;
                }

                if (DateTime.UtcNow < _floodEnd)
                {
                    Thread.Sleep(1); // a busy socket: full batches, a little apart
                    return Fill(slots, slots.Length);
                }
            }
            else if (_next < batches.Length)
            {
                return Fill(slots, batches[_next++]);
            }

            Exhausted = true;
            Thread.Sleep(timeoutMilliseconds);
            return 0;
        }

        public void JoinGroup(uint group)
        {
        }

        public void LeaveGroup(uint group)
        {
        }

        public void Dispose()
        {
        }

        private static int Fill(Span<IncomingDatagram> slots, int count)
        {
            for (var i = 0; i < count; i++)
            {
                slots[i].Length = 0;
            }

            return count;
        }
    }
}
