using TrdpSim.Devices.Md;

namespace TrdpSim.Tests.Devices;

/// <summary>A run on the in-memory network whose wheel is driven on the test thread on a clock of the test's own, and
/// whose peers are the test: every MD frame the run sends is kept (<see cref="Sent"/>), and crafted frames are handed
/// to a device's station with the receive time the test chooses (<see cref="Deliver"/>), as the wheel inbox hands
/// them. So round trips, timeouts and late arrivals are exact, whatever the machine's load.</summary>
internal sealed class CraftedMdRig : IDisposable
{
    public const long Tick = 100_000;
    private const long Millisecond = 1_000_000;

    private readonly SendQueue _queue = new();
    private readonly TimingWheel _wheel;
    private readonly List<(Ip4Endpoint Source, Ip4Endpoint Destination, MdHeader Header)> _sent = [];

    /// <param name="plan">The run.</param>
    /// <param name="refuse">Which datagrams the sending socket refuses (a full send buffer); null refuses none.</param>
    public CraftedMdRig(RunPlan plan, Func<Ip4Endpoint, Ip4Endpoint, ReadOnlySpan<byte>, bool>? refuse = null)
    {
        var transport = new InMemoryUdpTransport(queueCapacity: 8192)
        {
            Refuse = refuse,
            Observer = (source, destination, payload) =>
            {
                if (MdFrame.TryDecode(payload, out var header) == FrameCheck.Ok)
                {
                    lock (_sent)
                    {
                        _sent.Add((source, destination, header));
                    }
                }
            },
        };
        Run = RunBuilder.Build(plan, transport, _queue, Tick);
        Start = MonotonicClock.NowNanoseconds();
        Now = Start;
        _wheel = new TimingWheel(Tick, 4096, Start);
        foreach (var station in Run.MdStations)
        {
            station.Wheel = _wheel;
        }
    }

    public LiveRun Run { get; }

    /// <summary>The rig's time zero (monotonic ns): every time the test names is a number of ms after it.</summary>
    public long Start { get; }

    public long Now { get; private set; }

    /// <summary>The MD frames the run sent so far, in order.</summary>
    public List<(Ip4Endpoint Source, Ip4Endpoint Destination, MdHeader Header)> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public static long Ms(double milliseconds) => (long)(milliseconds * Millisecond);

    /// <summary>Device A (<paramref name="caller"/>) calls <paramref name="replier"/> (absent from the plan: the test
    /// answers) once, ComId 7100, two retries, reply timeout 100 ms.</summary>
    public static RunPlan OneCallPlan(string name, uint caller, uint replier)
    {
        var plan = new RunPlan { Name = name };
        var a = new DevicePlan { Name = "A", Address = caller };
        a.MdCallers.Add(new MdCallerPlan
        {
            Name = "ask", ComId = 7100, Destination = replier, Rate = 1, Count = 1, Retries = 2,
            ReplyTimeout = TimeSpan.FromMilliseconds(100),
        });
        plan.Devices.Add(a);
        return plan;
    }

    public MdStation Station(string device) => Run.MdStations.First(s => s.Device == device);

    public MdGroup Group(string name) => Run.Telemetry.MdGroups.First(g => g.Name == name);

    public MdCounters Counters(string name) => Group(name).Counters;

    /// <summary>Every caller's first transaction is due <paramref name="atMs"/> after time zero.</summary>
    public void StartCallersAt(double atMs)
    {
        foreach (var station in Run.MdStations)
        {
            foreach (var caller in station.Callers)
            {
                _wheel.Schedule(caller, Start + Ms(atMs));
            }
        }
    }

    /// <summary>The wheel wakes at <paramref name="atMs"/>: inbox, due timers, flush (the wheel driver's order).</summary>
    public void WheelWakesAt(double atMs)
    {
        Now = Start + Ms(atMs);
        _queue.BeforeAdvance(Now);
        var fired = _wheel.Advance(Now);
        _queue.AfterTick(Now, fired);
    }

    /// <summary>Hands <paramref name="header"/> (with <paramref name="dataLength"/> zero bytes) to
    /// <paramref name="device"/>'s station as received from <paramref name="source"/> at <paramref name="receivedMs"/>,
    /// then flushes what the station sent in answer. The wheel does not advance.</summary>
    public void Deliver(string device, in MdHeader header, Ip4Endpoint source, double receivedMs, FrameArrival arrival = FrameArrival.CallerPort,
        int dataLength = 0)
    {
        var frame = new InboundFrame(MdFrame.MaxFrameSize)
        {
            Source = source,
            ReceivedNanoseconds = Start + Ms(receivedMs),
            Arrival = arrival,
        };
        frame.Length = MdFrame.Encode(frame.Block, header, new byte[dataLength]);
        Station(device).Handle(frame, Math.Max(Now, frame.ReceivedNanoseconds));
        _queue.AfterTick(Now, 0);
    }

    /// <summary>The frames of <paramref name="type"/> the run sent so far.</summary>
    public List<MdHeader> SentOf(TrdpMessageType type) => [.. Sent.Where(f => f.Header.MessageType == type).Select(f => f.Header)];

    public void Dispose() => Run.Dispose();
}
