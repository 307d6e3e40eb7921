using TrdpSim.Buffers;
using TrdpSim.Distributions;
using TrdpSim.Events;
using TrdpSim.Faults.Internal;
using TrdpSim.Faults.Md;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Plan.Faults;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;

namespace TrdpSim.Faults;

/// <summary>Attaches faults to the outlets of a live run, drives their start, ramp and stop on the timing
/// wheel, and takes them off again.</summary>
/// <remarks>
/// <para><b>Threading.</b> Wheel thread only: before the wheel driver starts, the thread that owns the
/// wheel (plan faults are injected at run start), afterwards through a wheel command.</para>
/// <para><b>Determinism.</b> Each (fault, telegram) pair draws from its own stream derived from the run
/// seed, the fault's name and the telegram's name; intensity steps follow the wheel's deadlines.</para>
/// <para>PD kinds attach a link to the outlet of every matching publication — and, for the kinds that act on
/// frames, to its pull-reply outlet too, so a pulled telegram suffers the same faults; MD kinds are handed
/// to <see cref="MdFaultBinder"/>. Either way this class owns the lifecycle.</para>
/// </remarks>
/// <param name="outlets">The run's outlets (what faults attach to).</param>
/// <param name="telemetry">Where each injected fault is registered for reports.</param>
/// <param name="copies">The pool PD outlets take frame copies from (sized by <see cref="Reserve"/>).</param>
/// <param name="seed">The run seed.</param>
internal sealed class FaultInjector(OutletRegistry outlets, RunTelemetry telemetry, TelegramBufferPool copies,
    ulong seed)
{
    /// <summary>Pooled frame copies kept at most (delayed, held back, duplicated or broken frames in flight).</summary>
    public const int MaxRetainedCopies = 8192;

    private readonly List<InjectedFault> _active = [];
    private readonly Dictionary<InjectedFault, FaultClock> _clocks = new(ReferenceEqualityComparer.Instance);
    private readonly DelayedFramePool _delayed = new();
    private int _unnamed;

    /// <summary>The wheel that sends the run's telegrams; set by the host before the first injection.</summary>
    public TimingWheel? Wheel { get; set; }

    /// <summary>Where attaching and detaching are told (the run's event stream); null = nobody listens.</summary>
    public RunEventBus? Events { get; set; }

    /// <summary>Faults attached now (repaired and finished ones are gone; their strikes stay in the telemetry).</summary>
    public IReadOnlyList<InjectedFault> Active => _active;

    /// <summary>Frame copies of PD outlets (delayed, duplicated, broken frames; pull replies).</summary>
    public TelegramBufferPool Copies { get; } = copies;

    /// <summary>Sizes the pools behind delayed, held-back and copied frames for <paramref name="framesInFlight"/>
    /// frames, so the first peaks of a run do not allocate (wheel thread, or before the run starts).</summary>
    public void Reserve(int framesInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(framesInFlight);
        var rented = new TelegramBuffer[Math.Min(framesInFlight, MaxRetainedCopies)];
        for (var i = 0; i < rented.Length; i++)
        {
            rented[i] = Copies.Rent();
        }

        foreach (var copy in rented)
        {
            Copies.Return(copy);
        }

        _delayed.Reserve(framesInFlight);
    }

    /// <summary>Attaches <paramref name="plan"/> and schedules its start, ramp and stop relative to
    /// <paramref name="nowNanoseconds"/>.</summary>
    /// <returns>The live fault (intensity, strikes, detach).</returns>
    /// <exception cref="FaultException">A parameter is invalid, the name is taken, or no telegram matches.</exception>
    public InjectedFault Inject(FaultPlan plan, long nowNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var wheel = Wheel ?? throw new InvalidOperationException("The fault injector has no wheel yet.");
        var problems = FaultRules.Check(plan);
        if (problems.Count > 0)
        {
            throw new FaultException(plan, string.Join("; ", problems));
        }

        if (plan.Name.Length == 0)
        {
            plan.Name = FaultKinds.Name(plan.Kind) + "-" + (++_unnamed).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Find(plan.Name) is not null)
        {
            throw new FaultException(plan, "a fault with this name is already active");
        }

        var fault = FaultKinds.IsMessageData(plan.Kind) ? AttachMessageData(plan, wheel) : AttachProcessData(plan, wheel, nowNanoseconds);
        var clock = new FaultClock(this, fault);
        var first = clock.Plan(nowNanoseconds);
        if (first != long.MaxValue)
        {
            wheel.Schedule(clock, first);
        }

        _clocks.Add(fault, clock);
        _active.Add(fault);
        telemetry.AddFault(fault);
        Events?.Post(new RunEvent(RunEventKind.FaultInjected, nowNanoseconds, Subject: fault.Name, Detail: fault.KindName, Count: fault.TargetCount));
        return fault;
    }

    /// <summary>Takes the active fault called <paramref name="name"/> off its telegrams.</summary>
    /// <returns>False when no active fault has that name.</returns>
    public bool Repair(string name)
    {
        var fault = Find(name);
        if (fault is null)
        {
            return false;
        }

        Finish(_clocks[fault]);
        return true;
    }

    /// <summary>Takes every active fault off.</summary>
    public void RepairAll()
    {
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            Finish(_clocks[_active[i]]);
        }
    }

    /// <summary>Eases <paramref name="fault"/> linearly from its current intensity to 0 over
    /// <paramref name="durationNanoseconds"/>, then detaches it (0 = detach now).</summary>
    public void Settle(InjectedFault fault, long nowNanoseconds, long durationNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!_clocks.TryGetValue(fault, out var clock))
        {
            return;
        }

        if (durationNanoseconds <= 0)
        {
            Finish(clock);
            return;
        }

        Wheel!.Schedule(clock, clock.Settle(nowNanoseconds, durationNanoseconds));
    }

    /// <summary>Detaches the fault of <paramref name="clock"/> and forgets it (its own timer, or a repair).</summary>
    internal void Finish(FaultClock clock)
    {
        Wheel?.Cancel(clock);
        var fault = clock.Fault;
        fault.Intensity = 0;
        fault.Detach();
        _clocks.Remove(fault);
        _active.Remove(fault);
        if (Events is { } events)
        {
            events.Post(new RunEvent(RunEventKind.FaultRepaired, events.Now(), Subject: fault.Name, Detail: fault.KindName,
                Count: Volatile.Read(ref fault.Strikes)));
        }
    }

    private InjectedFault? Find(string name)
    {
        foreach (var fault in _active)
        {
            if (string.Equals(fault.Name, name, StringComparison.Ordinal))
            {
                return fault;
            }
        }

        return null;
    }

    private InjectedFault AttachMessageData(FaultPlan plan, TimingWheel wheel)
    {
        var errors = new List<string>();
        if (MdFaultBinder.Attach(outlets, wheel, plan, seed, errors) is { } attached)
        {
            return attached;
        }

        // The binder's lines name the fault themselves; FaultException names it (with its position) again.
        var label = MdFaultBinder.Label(plan) + ": ";
        var problems = errors.ConvertAll(e => e.StartsWith(label, StringComparison.Ordinal) ? e[label.Length..] : e);
        throw new FaultException(plan, problems.Count > 0 ? string.Join("; ", problems) : $"no MD caller or replier matches {plan.Target}");
    }

    private LinkedFault AttachProcessData(FaultPlan plan, TimingWheel wheel, long now)
    {
        var fault = new LinkedFault(plan);
        var framesOnly = ActsOnFramesOnly(plan.Kind);
        foreach (var outlet in outlets.Outlets)
        {
            var primary = outlet.Kind == OutletKind.Publication;
            if ((!primary && !(framesOnly && outlet.Kind == OutletKind.PullReply)) ||
                (plan.Target.Device != "*" && !string.Equals(plan.Target.Device, outlet.Device, StringComparison.Ordinal)) ||
                (plan.Target.Interface is { } face && !string.Equals(face, outlet.Interface, StringComparison.Ordinal)) ||
                !FaultTargets.Matches(plan.Target, outlet.Name, outlet.ComId))
            {
                continue;
            }

            // A telegram's pull replies draw from a stream of their own, so pulls never shift its cycles' numbers;
            // so does its copy on another interface of a multi-homed device.
            var streamName = (primary ? outlet.Name : outlet.Name + "/pull-reply") + (outlet.Interface == "a" ? string.Empty : "@" + outlet.Interface);
            var stream = RandomStream.ForStream(seed ^ StableNameHash.Fnv1a64(plan.Name), streamName);
            fault.Add(CreateLink(fault, outlet, stream), newTarget: primary);
        }

        if (fault.TargetCount == 0)
        {
            throw new FaultException(plan, $"no published telegram matches {plan.Target}");
        }

        // Set the intensity before the first frame can see the link (a fault without delay starts at once).
        fault.Intensity = plan.Start == TimeSpan.Zero && plan.RampUp == TimeSpan.Zero ? plan.Intensity : 0;
        foreach (var link in fault.Links)
        {
            FaultChains.Attach(link, wheel);
            link.OnAttached(wheel, now);
        }

        return fault;
    }

    /// <summary>Kinds that only act on the frames a telegram sends (not on its header for later cycles, nor on
    /// its schedule): these strike pull replies too.</summary>
    private static bool ActsOnFramesOnly(FaultKind kind) => kind is FaultKind.Loss or FaultKind.BurstLoss or FaultKind.Delay
        or FaultKind.Duplicate or FaultKind.Reorder or FaultKind.CorruptFcs or FaultKind.BitFlip or FaultKind.Malform;

    private FaultLink CreateLink(LinkedFault fault, Outlet outlet, RandomStream rng) => fault.Kind switch
    {
        FaultKind.Loss => new LossLink(fault, outlet, rng),
        FaultKind.BurstLoss => new BurstLossLink(fault, outlet, rng),
        FaultKind.Delay => new DelayLink(fault, outlet, rng, _delayed),
        FaultKind.Duplicate => new DuplicateLink(fault, outlet, rng),
        FaultKind.Reorder => new ReorderLink(fault, outlet, rng),
        FaultKind.CorruptFcs => new CorruptFcsLink(fault, outlet, rng),
        FaultKind.BitFlip => new BitFlipLink(fault, outlet, rng),
        FaultKind.SequenceFault => new SequenceLink(fault, outlet, rng),
        FaultKind.TopoChange => new TopoLink(fault, outlet, rng),
        FaultKind.Malform => new MalformLink(fault, outlet, rng),
        FaultKind.Silence => new SilenceLink(fault, outlet, rng),
        FaultKind.Babble => new BabbleLink(fault, outlet, rng),
        FaultKind.CycleDrift => new DriftLink(fault, outlet, rng),
        _ => throw new FaultException(fault.Plan, "is not a process-data fault"),
    };
}
