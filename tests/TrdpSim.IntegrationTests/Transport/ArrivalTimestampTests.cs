using TrdpSim.Pipeline;

namespace TrdpSim.IntegrationTests.Transport;

/// <summary>A datagram is timed from when it reached the socket (the kernel's receive timestamp), not from when a
/// receive call read it: a datagram that waited in the buffer — behind a receive thread that reads in rhythm, or one
/// the host did not run — must not look late, and the figures built on arrival times (latency, inter-arrival,
/// round trips, recordings) must not move with the reading — also through a PD receive loop that reads in rhythm
/// (<c>[engine] receive-interval</c>).</summary>
public sealed class ArrivalTimestampTests
{
    private const uint Loopback = Ip4Endpoint.LoopbackAddress;
    private const long Ms = 1_000_000;

    [Fact]
    public void ADatagramThatWaitedInTheSocketIsTimedFromItsArrivalNotFromTheRead()
    {
        using IUdpEndpoint receiver = OpenLoopback();
        using IUdpEndpoint sender = OpenLoopback();

        long before = MonotonicClock.NowNanoseconds();
        Assert.Equal(1, sender.Send(Loopbacks.Batch(1, 32, receiver.LocalEndpoint)));
        long after = MonotonicClock.NowNanoseconds(); // loopback delivers inside the send call
        Thread.Sleep(60);
        IncomingDatagram[] slots = Loopbacks.Slots(4, 2048);
        Assert.Equal(1, receiver.Receive(slots, 1000));
        long read = MonotonicClock.NowNanoseconds();

        long arrival = slots[0].ArrivalNanoseconds;
        Assert.InRange(arrival, before, after);
        Assert.True(read - arrival >= 50 * Ms, $"arrival {arrival}, read {read}: the wait in the buffer is not in the arrival time");
        Assert.Equal(arrival, slots[0].ArrivedAt(read));
    }

    [Fact]
    public void ArrivalsOnOneSocketNeverRunBackwardsAndNeverLieAfterTheRead()
    {
        using IUdpEndpoint receiver = OpenLoopback();
        using IUdpEndpoint sender = OpenLoopback();
        IncomingDatagram[] slots = Loopbacks.Slots(64, 256);
        long last = 0;
        for (int round = 0; round < 5; round++)
        {
            Assert.Equal(40, sender.Send(Loopbacks.Batch(40, 32, receiver.LocalEndpoint)));
            int got = Loopbacks.ReceiveExactly(receiver, slots, 40);
            long read = MonotonicClock.NowNanoseconds();
            Assert.Equal(40, got);
            for (int i = 0; i < got; i++)
            {
                long arrival = slots[i].ArrivalNanoseconds;
                Assert.True(arrival > 0, "no arrival stamp from the libc path");
                Assert.True(arrival >= last, $"round {round}, datagram {i}: {arrival} before {last}");
                Assert.True(arrival <= read, $"round {round}, datagram {i}: arrival {arrival} after the read {read}");
                last = arrival;
            }
        }
    }

    [Fact]
    public void TheManagedPathHasNoStampAndFallsBackToTheReadTime()
    {
        var transport = new SocketUdpTransport(forceManagedSockets: true);
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        Assert.Equal(1, sender.Send(Loopbacks.Batch(1, 32, receiver.LocalEndpoint)));
        IncomingDatagram[] slots = Loopbacks.Slots(4, 2048);
        Assert.Equal(1, receiver.Receive(slots, 1000));

        Assert.Equal(0, slots[0].ArrivalNanoseconds);
        Assert.Equal(12345, slots[0].ArrivedAt(12345));
    }

    [Fact]
    public void APdReceiveLoopThatReadsInRhythmHandsOnEveryTelegramWithItsArrivalTime()
    {
        using IUdpEndpoint receiver = OpenLoopback();
        using IUdpEndpoint sender = OpenLoopback();
        var threads = new EngineThreads(ThreadPolicy.Default, ThreadPolicy.Default, false) { ReceiveIntervalNanoseconds = 40 * Ms };
        var handler = new TimingHandler();
        var loop = new PdReceiveLoop("interval", receiver, handler, new RunTelemetry("interval", threads: threads));
        loop.Start();
        try
        {
            var sends = new List<(long Before, long After)>();
            for (int i = 0; i < 20; i++)
            {
                long before = MonotonicClock.NowNanoseconds();
                Assert.Equal(1, sender.Send(Loopbacks.Batch(1, 32, receiver.LocalEndpoint)));
                sends.Add((before, MonotonicClock.NowNanoseconds()));
                Thread.Sleep(7);
            }

            Assert.True(SpinWait.SpinUntil(() => handler.Count == 20, TimeSpan.FromSeconds(10)), $"{handler.Count} of 20 read");
            var (given, handled) = handler.Times();
            long waited = 0;
            for (int i = 0; i < 20; i++)
            {
                Assert.InRange(given[i], sends[i].Before, sends[i].After);
                waited = Math.Max(waited, handled[i] - given[i]);
            }

            // The loop slept 40 ms between reads, so some telegram waited far longer than any send took.
            Assert.True(waited >= 10 * Ms, $"longest wait in the buffer {waited / 1e6:F1} ms: the loop did not read in rhythm");
        }
        finally
        {
            loop.Stop();
        }
    }

    private sealed class TimingHandler : IPdDatagramHandler
    {
        private readonly Lock _lock = new();
        private readonly List<long> _given = [];
        private readonly List<long> _handled = [];

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _given.Count;
                }
            }
        }

        public (long[] Given, long[] Handled) Times()
        {
            lock (_lock)
            {
                return ([.. _given], [.. _handled]);
            }
        }

        public void Dispatch(ReadOnlySpan<byte> datagram, bool truncated, Ip4Endpoint source, long now)
        {
            long handled = MonotonicClock.NowNanoseconds();
            lock (_lock)
            {
                _given.Add(now);
                _handled.Add(handled);
            }
        }

        public void Sweep(long now)
        {
        }
    }

    /// <summary>A socket of the libc path on loopback, on a port of its own.</summary>
    private static IUdpEndpoint OpenLoopback() => new SocketUdpTransport().Open(new UdpEndpointOptions { BindAddress = Loopback });
}
