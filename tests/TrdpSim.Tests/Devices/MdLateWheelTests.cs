using TrdpSim.Composition;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Tests.Devices;

/// <summary>A reply is judged by when it arrived, not by when the wheel got round to it: the wheel handles the
/// inbox before it fires due timeouts, so a reply that arrived in time counts even when the wheel woke late, and
/// one that arrived after the timeout is late even when the timeout had not fired yet.</summary>
public sealed class MdLateWheelTests
{
    private const long Tick = 100_000;

    [Fact]
    public void AReplyThatArrivedBeforeTheTimeoutCountsEvenWhenTheWheelWakesAfterIt()
    {
        using var rig = new Rig(timeoutMs: 300);
        rig.RunUntilReplied();
        rig.ReceiveReplies();            // the reply is in the inbox, received well within 300 ms …
        Thread.Sleep(400);               // … and the wheel wakes only after the deadline
        rig.WheelWakesOnce();

        Assert.Equal(1, rig.Caller.Ok);
        Assert.Equal(0, rig.Caller.Timeouts);
    }

    [Fact]
    public void AReplyThatArrivedAfterTheTimeoutIsLateEvenWhenTheTimeoutHadNotFiredYet()
    {
        using var rig = new Rig(timeoutMs: 50);
        rig.RunUntilReplied();
        Thread.Sleep(150);               // the reply sits in the socket past the caller's deadline
        rig.ReceiveReplies();
        rig.WheelWakesOnce();

        Assert.Equal(0, rig.Caller.Ok);
        Assert.Equal(1, rig.Caller.Timeouts);
        Assert.Equal(1, rig.Run.Telemetry.MdUnmatched);
    }

    /// <summary>Caller A (one request) and replier B on the in-memory network, wheel and receive loops driven on the
    /// test thread in the wheel driver's order: inbox, timers, flush.</summary>
    private sealed class Rig : IDisposable
    {
        private readonly SendQueue _queue = new();
        private readonly TimingWheel _wheel;
        private readonly List<MdReceiveLoop> _loops = [];

        public Rig(int timeoutMs)
        {
            var plan = new RunPlan { Name = "md-late" };
            var a = new DevicePlan { Name = "A", Address = 0x0A000202 };
            a.MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 7100, Destination = 0x0A000203, Rate = 10, Count = 1, ReplyTimeout = TimeSpan.FromMilliseconds(timeoutMs) });
            var b = new DevicePlan { Name = "B", Address = 0x0A000203 };
            b.MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 7100, Delay = "constant:0" });
            plan.Devices.Add(a);
            plan.Devices.Add(b);
            Run = RunBuilder.Build(plan, new InMemoryUdpTransport(queueCapacity: 8192), _queue, Tick);
            _wheel = new TimingWheel(Tick, 4096, MonotonicClock.NowNanoseconds());
            foreach (var station in Run.MdStations)
            {
                station.Wheel = _wheel;
            }

            // RunBuilder.Build registered the inbox drain on _queue, before the due timers fire.
            foreach (var device in Run.Devices)
            {
                _loops.AddRange(device.MdLoops);
            }

            foreach (var caller in Run.MdStations[0].Callers)
            {
                _wheel.Schedule(caller, MonotonicClock.NowNanoseconds() + Tick);
            }
        }

        public LiveRun Run { get; }

        public MdCounters Caller => Run.Telemetry.MdGroups.First(g => g.Name == "ask").Counters;

        private MdCounters Replier => Run.Telemetry.MdGroups.First(g => g.Name == "answer").Counters;

        /// <summary>Runs until B has sent its reply (which then waits in A's caller socket).</summary>
        public void RunUntilReplied()
        {
            var until = DateTime.UtcNow.AddSeconds(10);
            while (Replier.Replies == 0 && DateTime.UtcNow < until)
            {
                WheelWakesOnce();
                if (Replier.Requests == 0)
                {
                    ReceiveReplies(); // brings the request to B; once B has it, A's socket is left alone
                }

                Thread.SpinWait(100);
            }

            Assert.Equal(1, Replier.Replies);
        }

        /// <summary>The receive loops read what is waiting (a reply gets its receive time now).</summary>
        public void ReceiveReplies()
        {
            foreach (var loop in _loops)
            {
                loop.Poll(0);
            }
        }

        public void WheelWakesOnce()
        {
            var now = MonotonicClock.NowNanoseconds();
            _queue.BeforeAdvance(now);
            var fired = _wheel.Advance(now);
            _queue.AfterTick(now, fired);
        }

        public void Dispose() => Run.Dispose();
    }
}
