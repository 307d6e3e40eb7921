using TrdpSim.Pipeline;

namespace TrdpSim.IntegrationTests.Transport;

/// <summary>A PD receive loop that reads in rhythm (<c>[engine] receive-interval</c>) hands every telegram on with the
/// time it arrived, however long it waited for the next read, and still reads everything.</summary>
public sealed class ReceiveIntervalTests
{
    private const uint Loopback = Ip4Endpoint.LoopbackAddress;
    private const long Ms = 1_000_000;

    [Fact]
    public void TelegramsReadAfterTheIntervalKeepTheirArrivalTimes()
    {
        var transport = new SocketUdpTransport();
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
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
}
