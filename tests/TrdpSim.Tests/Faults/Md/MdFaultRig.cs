using TrdpSim.Composition;
using TrdpSim.Devices;
using TrdpSim.Devices.Md;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Tests.Faults.Md;

/// <summary>A caller device "A" and a replier device "B" on the in-memory network, driven on the test
/// thread (which is then the wheel thread: faults attach and detach here without posting).</summary>
/// <remarks>Replies are scheduled from real receive timestamps, so the rig runs on the real clock; the
/// counts it checks do not depend on timing as long as reply timeouts are generous.</remarks>
internal sealed class MdFaultRig : IDisposable
{
    public const uint CallerAddress = 0x0A000102;
    public const uint ReplierAddress = 0x0A000103;
    private const long Tick = 100_000;

    private readonly SendQueue _queue = new();
    private readonly TimingWheel _wheel;
    private readonly List<MdReceiveLoop> _loops = [];

    private MdFaultRig(RunPlan plan, InMemoryUdpTransport transport)
    {
        Transport = transport;
        Run = RunBuilder.Build(plan, transport, _queue, Tick);
        _wheel = new TimingWheel(Tick, 4096, MonotonicClock.NowNanoseconds());
        foreach (var station in Run.MdStations)
        {
            station.Wheel = _wheel;
        }

        foreach (var device in Run.Devices)
        {
            _loops.AddRange(device.MdLoops);
        }
    }

    public LiveRun Run { get; }

    /// <summary>The wheel the rig's MD timers and faults run on.</summary>
    public TimingWheel Wheel => _wheel;

    public InMemoryUdpTransport Transport { get; }

    public ulong Seed => 1;

    /// <summary>A plan: caller "ask" on A (ComId 7000, <paramref name="count"/> requests at 2000/s, reply
    /// timeout <paramref name="timeoutMs"/>, <paramref name="retries"/> retries) and replier "answer" on B.</summary>
    public static RunPlan Plan(int count, int timeoutMs = 1000, int retries = 0, bool confirm = false, int confirmTimeoutMs = 1000)
    {
        var plan = new RunPlan { Name = "md-faults" };
        var a = new DevicePlan { Name = "A", Address = CallerAddress };
        a.MdCallers.Add(new MdCallerPlan
        {
            Name = "ask", ComId = 7000, Destination = ReplierAddress, Rate = 2000, Count = count, PayloadLength = 8,
            ReplyTimeout = TimeSpan.FromMilliseconds(timeoutMs), Retries = retries,
        });
        var b = new DevicePlan { Name = "B", Address = ReplierAddress };
        b.MdRepliers.Add(new MdReplierPlan
        {
            Name = "answer", ComId = 7000, PayloadLength = 8,
            Reply = confirm ? MdReplyKind.ReplyWithConfirm : MdReplyKind.Reply, ConfirmTimeout = TimeSpan.FromMilliseconds(confirmTimeoutMs),
        });
        plan.Devices.Add(a);
        plan.Devices.Add(b);
        return plan;
    }

    public static MdFaultRig Create(RunPlan plan, InMemoryUdpTransport? transport = null) =>
        new(plan, transport ?? new InMemoryUdpTransport(queueCapacity: 8192));

    public MdCounters Caller => Counters("ask", MdRole.Caller);

    public MdCounters Replier => Counters("answer", MdRole.Replier);

    public MdGroup Group(string name, MdRole role)
    {
        foreach (var group in Run.Telemetry.MdGroups)
        {
            if (group.Name == name && group.Role == role)
            {
                return group;
            }
        }

        throw new InvalidOperationException($"no MD group {name}");
    }

    public MdCounters Counters(string name, MdRole role) => Group(name, role).Counters;

    /// <summary>Schedules every caller to start now.</summary>
    public void StartCallers()
    {
        var now = MonotonicClock.NowNanoseconds();
        foreach (var station in Run.MdStations)
        {
            foreach (var caller in station.Callers)
            {
                _wheel.Schedule(caller, now + Tick);
            }
        }
    }

    /// <summary>Runs the wheel, the sends and the receive loops until <paramref name="done"/> (checked
    /// between steps) or a generous bound; returns whether <paramref name="done"/> became true.</summary>
    public bool RunUntil(Func<bool> done, int maxSeconds = 30)
    {
        var deadline = MonotonicClock.NowNanoseconds() + (maxSeconds * 1_000_000_000L);
        while (!done())
        {
            var now = MonotonicClock.NowNanoseconds();
            if (now > deadline)
            {
                return false;
            }

            if (Step() == 0)
            {
                Thread.Sleep(0);
            }
        }

        // A few more rounds so that frames sent in the last steps (an 'Mc', a late reply) are handled too.
        for (var i = 0; i < 3; i++)
        {
            Step();
        }

        return true;
    }

    private int Step()
    {
        var now = MonotonicClock.NowNanoseconds();
        _queue.BeforeAdvance(now); // the wheel driver's order: inbox first, then the due timers
        var work = _wheel.Advance(now);
        _queue.AfterTick(now, work);
        foreach (var loop in _loops)
        {
            work += loop.Poll(0);
        }

        return work;
    }

    /// <summary>Starts the callers and runs until every caller's transactions are finished and every
    /// replier session is closed.</summary>
    public void RunAll(int maxSeconds = 30)
    {
        StartCallers();
        Assert.True(RunUntil(Finished, maxSeconds), "the MD transactions did not finish");
    }

    public void Dispose() => Run.Dispose();

    private bool Finished()
    {
        foreach (var station in Run.MdStations)
        {
            if (station.CallerSessions > 0 || station.ReplierSessions > 0)
            {
                return false;
            }

            foreach (var caller in station.Callers)
            {
                if (caller.Remaining > 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

}
