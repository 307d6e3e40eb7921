using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Composition;

/// <summary>A live run on the in-memory network with its <see cref="RunControl"/>, driven by hand: the test
/// thread is the wheel thread, posted commands run at the start of each tick (as the wheel driver runs
/// them) and received datagrams are dispatched and swept right after the tick, all on one manual clock.</summary>
internal sealed class ControlHarness : IDisposable
{
    public const long Tick = 100_000;
    public const uint PublisherAddress = 0x0A000202;
    public const uint SubscriberAddress = 0x0A000203;

    /// <summary>The second interface of "B" in the multi-homing plans.</summary>
    public const uint SecondSubscriberInterface = 0x0A000213;
    public const uint DatasetId = 77;

    private readonly SendQueue _queue = new();
    private readonly ReceiveDrain _receive = new();
    private readonly List<IWheelCommand> _commands = [];

    public ControlHarness(RunPlan plan)
    {
        Plan = plan;
        Transport = new InMemoryUdpTransport(queueCapacity: 8192);
        Run = RunBuilder.Build(plan, Transport, _queue, Tick);
        Wheel = new TimingWheel(Tick, 4096, 0, 1 << 20);
        Run.Faults.Wheel = Wheel;
        HandDrivenRun.ScheduleStarts(Run, Wheel, Tick);

        foreach (var station in Run.MdStations)
        {
            station.Wheel = Wheel;
            foreach (var caller in station.Callers)
            {
                Wheel.Schedule(caller, Tick);
            }
        }

        Control = new RunControl(plan, Run, Post, Clock, WallClock);
    }

    public RunPlan Plan { get; }

    public InMemoryUdpTransport Transport { get; }

    public LiveRun Run { get; }

    public TimingWheel Wheel { get; }

    public RunControl Control { get; }

    public ManualTimeSource Clock { get; } = new();

    public FixedWallClock WallClock { get; } = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    /// <summary>False makes every post fail, as a full command queue or a stopped wheel does.</summary>
    public bool AcceptPosts { get; set; } = true;

    public long Now { get; private set; }

    /// <summary>Commands posted and not yet run.</summary>
    public int Queued => _commands.Count;

    /// <summary><see cref="TwoDevices"/> with "out" sent to the multicast <paramref name="group"/> and "B" on two
    /// interfaces (<see cref="SubscriberAddress"/>, <see cref="SecondSubscriberInterface"/>) subscribing to it there.</summary>
    public static RunPlan GroupToTwoInterfaceSubscriber(uint group)
    {
        RunPlan plan = TwoDevices();
        plan.Devices[0].Publications[0].Destination = group;
        plan.Devices[1].Interfaces.AddRange([SubscriberAddress, SecondSubscriberInterface]);
        plan.Devices[1].Subscriptions[0].Destination = group;
        return plan;
    }

    /// <summary>A plan: device "A" publishes "out" (<paramref name="count"/> instances, dataset 77: a counter
    /// "count", a plain "speed", a constant "temp") to "B", which subscribes "in" with a 50 ms timeout;
    /// optionally A also publishes "lookup" only when pulled and sends MD notifications "note" at 1000/s.</summary>
    public static RunPlan TwoDevices(int count = 1, bool pullOnly = false, bool notify = false)
    {
        var plan = new RunPlan { Name = "control", Seed = 3 };
        var dataset = new DatasetPlan { Id = DatasetId, Name = "status" };
        dataset.Elements.Add(new DatasetElementPlan { Name = "count", Type = "UINT32" });
        dataset.Elements.Add(new DatasetElementPlan { Name = "speed", Type = "UINT16" });
        dataset.Elements.Add(new DatasetElementPlan { Name = "temp", Type = "REAL32" });
        plan.Datasets.Add(dataset);
        var a = new DevicePlan { Name = "A", Address = PublisherAddress };
        var publication = new PublicationPlan
        {
            Name = "out", ComId = 1000, Count = count, DatasetId = DatasetId, Cycle = TimeSpan.FromMilliseconds(10), Destination = SubscriberAddress,
        };
        publication.Fields.Add(new FieldGeneratorPlan { Field = "count", Kind = GeneratorKind.Counter, Value = 0, Step = 1 });
        publication.Fields.Add(new FieldGeneratorPlan { Field = "temp", Kind = GeneratorKind.Constant, Value = 21.5 });
        a.Publications.Add(publication);
        if (pullOnly)
        {
            a.Publications.Add(new PublicationPlan { Name = "lookup", ComId = 1100, PayloadLength = 4, Cycle = TimeSpan.Zero, Destination = SubscriberAddress });
        }

        if (notify)
        {
            a.MdCallers.Add(new MdCallerPlan { Name = "note", ComId = 3000, Kind = MdCallKind.Notify, Destination = SubscriberAddress, Rate = 1000, PayloadLength = 4 });
        }

        var b = new DevicePlan { Name = "B", Address = SubscriberAddress };
        b.Subscriptions.Add(new SubscriptionPlan
        {
            Name = "in", ComId = 1000, Count = count, Source = PublisherAddress, Timeout = TimeSpan.FromMilliseconds(50),
        });
        plan.Devices.Add(a);
        plan.Devices.Add(b);
        return plan;
    }

    /// <summary>Counters of the publisher's "out" group.</summary>
    public TelegramCounters Sent => Group("out").Totals();

    /// <summary>Counters of the subscriber's "in" group.</summary>
    public TelegramCounters Received => Group("in").Totals();

    public MdCounters Notes
    {
        get
        {
            foreach (var group in Run.Telemetry.MdGroups)
            {
                if (group.Name == "note")
                {
                    return group.Counters;
                }
            }

            throw new InvalidOperationException("no MD group 'note'");
        }
    }

    public TelegramGroup Group(string name)
    {
        foreach (var group in Run.Telemetry.Groups)
        {
            if (group.Name == name)
            {
                return group;
            }
        }

        throw new InvalidOperationException($"no group '{name}'");
    }

    public Publication Publication(int index = 0) => Run.Devices[0].Publications[index];

    /// <summary>Advances <paramref name="ticks"/> ticks: posted commands, then the wheel, the sends, the receives.</summary>
    public void Step(long ticks = 1)
    {
        for (var t = 0L; t < ticks; t++)
        {
            Now += Tick;
            Clock.SetNanoseconds(Now);
            var commands = _commands.ToArray();
            _commands.Clear();
            foreach (var command in commands)
            {
                command.Execute(Wheel);
            }

            HandDrivenRun.AdvanceWheel(_queue, Wheel, Now);
            _receive.Drain(Run, Now);
        }
    }

    public void RunFor(TimeSpan duration) => Step(duration.Ticks * 100 / Tick);

    /// <summary>Steps once and returns the call's answer (it must have been applied by then).</summary>
    public ControlResult Apply(ControlCall call)
    {
        Assert.True(call.Accepted, call.Refusal?.ToString());
        Step();
        Assert.True(call.Completion.IsCompleted, "the call was not answered after one tick");
        return call.Completion.Result;
    }

    public void Dispose() => Run.Dispose();

    private bool Post(IWheelCommand command)
    {
        if (!AcceptPosts)
        {
            return false;
        }

        _commands.Add(command);
        return true;
    }
}

/// <summary>A wall clock that stands still (audit events' UTC).</summary>
internal sealed class FixedWallClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Keeps every audit event it is given.</summary>
internal sealed class RecordingObserver : IControlObserver
{
    public List<ControlEvent> Events { get; } = [];

    public void OnControlApplied(in ControlEvent applied) => Events.Add(applied);
}
