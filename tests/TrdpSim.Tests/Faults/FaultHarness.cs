using TrdpSim.Tests.Infrastructure;
using TrdpSim.Faults;

namespace TrdpSim.Tests.Faults;

/// <summary>A run on the in-memory transport driven by hand: the wheel advances in fixed ticks on the
/// test thread and received datagrams are dispatched right after each tick, so every test sees the same
/// frames in the same order and no timing can make it flaky.</summary>
internal sealed class FaultHarness : IDisposable
{
    public const long Tick = 100_000;
    public const uint PublisherAddress = 0x0A000002;
    public const uint SubscriberAddress = 0x0A000003;

    private readonly SendQueue _queue = new();
    private readonly ReceiveDrain _receive = new();

    public FaultHarness(RunPlan plan, FrameObserver? observer = null, int queueCapacity = 8192)
    {
        Plan = plan;
        Transport = new InMemoryUdpTransport(queueCapacity: queueCapacity) { Observer = observer };
        Run = RunBuilder.Build(plan, Transport, _queue, Tick);
        Wheel = new TimingWheel(Tick, 4096, 0, 1 << 20);
        WheelProbe = Run.Telemetry.Stalls.CreateProbe(StallSources.Wheel, "wheel");
        Run.Faults.Wheel = Wheel;

        // Run start at the first tick: telegrams, supervision and plan faults share it.
        Now = 0;
        HandDrivenRun.ScheduleStarts(Run, Wheel, Tick);
        foreach (var fault in plan.Faults)
        {
            Run.Faults.Inject(fault, Tick);
        }
    }

    public RunPlan Plan { get; }

    public InMemoryUdpTransport Transport { get; }

    public LiveRun Run { get; }

    public TimingWheel Wheel { get; }

    public FaultInjector Faults => Run.Faults;

    public long Now { get; private set; }

    /// <summary>The wheel's stall probe, kept as the wheel driver keeps it: due at each tick, checked in after it.</summary>
    public StallProbe WheelProbe { get; }

    public RejectCounters Rejects => Run.Telemetry.Rejects;

    /// <summary>A plan with one publisher (device "A", telegram "out") and one subscriber ("B", "in").</summary>
    public static RunPlan TwoDevices(int cycleMilliseconds = 10, int payloadLength = 16, int count = 1, ulong seed = 1)
    {
        var plan = new RunPlan { Name = "faults", Seed = seed };
        var a = new DevicePlan { Name = "A", Address = PublisherAddress };
        a.Publications.Add(new PublicationPlan
        {
            Name = "out", ComId = 1000, Count = count, Cycle = TimeSpan.FromMilliseconds(cycleMilliseconds),
            PayloadLength = payloadLength, Destination = SubscriberAddress,
        });
        var b = new DevicePlan { Name = "B", Address = SubscriberAddress, EtbTopoCount = 0 };
        b.Subscriptions.Add(new SubscriptionPlan
        {
            Name = "in", ComId = 1000, Count = count, Source = PublisherAddress, Timeout = TimeSpan.FromMilliseconds(cycleMilliseconds * 5),
        });
        plan.Devices.Add(a);
        plan.Devices.Add(b);
        return plan;
    }

    public Publication Publication(int index = 0) => Run.Devices[0].Publications[index];

    /// <summary>Counters of the publisher's group (all instances).</summary>
    public TelegramCounters Sent => Run.Telemetry.Groups[0].Totals();

    /// <summary>Counters of the subscriber's group (all instances).</summary>
    public TelegramCounters Received => Run.Telemetry.Groups[1].Totals();

    public void Step(long ticks)
    {
        for (var t = 0L; t < ticks; t++)
        {
            WheelTick();
            Drain();
        }
    }

    public void RunFor(TimeSpan duration) => Step(duration.Ticks * 100 / Tick);

    /// <summary>The wheel thread does not run for <paramref name="duration"/> (the host stalled it): time passes, the
    /// receive side keeps going and sweeps, nothing is sent; then the wheel catches up (and checks in late).</summary>
    public void StallWheel(TimeSpan duration)
    {
        WheelProbe.Due(Now + Tick);
        var end = Now + (duration.Ticks * 100);
        while (Now < end)
        {
            Now += Tick;
            Drain();
        }

        WheelProbe.CheckIn(Now);
        HandDrivenRun.AdvanceWheel(_queue, Wheel, Now);
        Drain();
    }

    /// <summary>The receive side does not run for <paramref name="duration"/>: the wheel sends on, datagrams pile up
    /// in the receive sockets (and are dropped once they are full), then everything queued is read.</summary>
    public void StallReceive(TimeSpan duration)
    {
        var end = Now + (duration.Ticks * 100);
        while (Now < end)
        {
            WheelTick();
        }

        Drain();
    }

    /// <summary>Runs a change on the "wheel thread" (this thread, between ticks), as a runtime command would.</summary>
    public InjectedFault Inject(FaultPlan fault) => Run.Faults.Inject(fault, Now);

    public void Dispose() => Run.Dispose();

    /// <summary>The wheel's next tick, on time: due, checked in, advanced.</summary>
    private void WheelTick()
    {
        WheelProbe.Due(Now + Tick);
        Now += Tick;
        WheelProbe.CheckIn(Now);
        HandDrivenRun.AdvanceWheel(_queue, Wheel, Now);
    }

    private void Drain() => _receive.Drain(Run, Now);
}
