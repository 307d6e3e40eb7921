namespace TrdpSim.Plan;

/// <summary>A fault: what goes wrong (<see cref="Kind"/>), to which telegrams (<see cref="Target"/>),
/// when (<see cref="Start"/>/<see cref="Stop"/>) and how hard (<see cref="Intensity"/>, eased in over
/// <see cref="RampUp"/>).</summary>
/// <remarks>
/// Faults are seeded from the run seed and the fault's name, so the same plan and seed strike the
/// same frames. A fault's effect scales with its current intensity (0 = no effect, 1 = as configured):
/// probabilities and delays are multiplied by it, rate factors move from 1 towards their value;
/// on/off faults (silence, freeze, topo change, malformation, wrong port) act while the intensity
/// is above zero. Only the parameters of the fault's own kind are read.
/// </remarks>
public sealed class FaultPlan : PlanEntry
{
    /// <summary>Unique name (default: kind and position); used to repair it at runtime and in counters.</summary>
    public string Name { get; set; } = string.Empty;

    public FaultKind Kind { get; set; }

    public FaultTarget Target { get; set; } = new();

    /// <summary>When the fault starts, from the run start (or from the injection, for runtime faults).</summary>
    public TimeSpan Start { get; set; }

    /// <summary>When it ends (same origin as <see cref="Start"/>); <c>null</c> = until the run or scenario ends.</summary>
    public TimeSpan? Stop { get; set; }

    /// <summary>Time to ease from intensity 0 to <see cref="Intensity"/> after <see cref="Start"/>.</summary>
    public TimeSpan RampUp { get; set; }

    /// <summary>Peak intensity, 0…1 (default 1).</summary>
    public double Intensity { get; set; } = 1;

    /// <summary>Probability per frame (loss, duplicate, reorder, corruption, bit flips, MD faults). Default 1.</summary>
    public double Probability { get; set; } = 1;

    /// <summary>Gilbert-Elliott burst loss: P(good→bad) per frame.</summary>
    public double GoodToBad { get; set; }

    /// <summary>Gilbert-Elliott burst loss: P(bad→good) per frame.</summary>
    public double BadToGood { get; set; } = 1;

    /// <summary>Gilbert-Elliott: loss probability in the good state (default 0).</summary>
    public double LossInGood { get; set; }

    /// <summary>Gilbert-Elliott: loss probability in the bad state (default 1).</summary>
    public double LossInBad { get; set; } = 1;

    /// <summary>Delay distribution spec (Distributions part), e.g. <c>normal:mean=5ms,sd=1ms</c> (delay, late reply).</summary>
    public string Delay { get; set; } = "constant:0";

    /// <summary>Extra copies sent per duplicated frame (default 1).</summary>
    public int Copies { get; set; } = 1;

    /// <summary>Reorder: how many later frames of the same telegram overtake a held-back frame (default 1).</summary>
    public int Depth { get; set; } = 1;

    /// <summary>Bit flips per struck frame (payload bits; default 1).</summary>
    public int Bits { get; set; } = 1;

    /// <summary>Sequence-counter fault mode.</summary>
    public SequenceFaultMode SequenceMode { get; set; } = SequenceFaultMode.Freeze;

    /// <summary>Sequence jump / roll-back distance (default 100).</summary>
    public uint SequenceStep { get; set; } = 100;

    /// <summary>Topo-change fault: the ETB topography counter written while the fault is active.</summary>
    public uint EtbTopoCount { get; set; }

    /// <summary>Topo-change fault: the operational-train topography counter written while the fault is active.</summary>
    public uint OpTrainTopoCount { get; set; }

    /// <summary>Malformation variant.</summary>
    public MalformationKind Malformation { get; set; } = MalformationKind.ProtocolVersion;

    /// <summary>Babbling: send rate multiplier (default 10 = ten times the cycle rate).</summary>
    public double RateFactor { get; set; } = 10;

    /// <summary>Cycle drift in parts per million (positive = slower clock, longer cycles).</summary>
    public double DriftPpm { get; set; }

    /// <summary>Me error: reply status carried by the 'Me' (default -3, no replier).</summary>
    public int ErrorStatus { get; set; } = -3;
}

/// <summary>Which telegrams a fault strikes: every telegram of one device, or some of them.</summary>
public sealed class FaultTarget
{
    /// <summary>Device name; <c>"*"</c> = every device.</summary>
    public string Device { get; set; } = "*";

    /// <summary>Telegram (plan) name within the device — publication, MD caller or replier; <c>null</c> = all.</summary>
    public string? Telegram { get; set; }

    /// <summary>Only telegrams with this ComId (<c>null</c> = any).</summary>
    public uint? ComId { get; set; }

    /// <summary>Only the frames a multi-homed device sends over this interface (<c>a</c>, <c>b</c>, …;
    /// <c>null</c> = every interface).</summary>
    public string? Interface { get; set; }

    public override string ToString() =>
        Device + (Telegram is null ? string.Empty : "/" + Telegram) + (ComId is { } c ? $" comId {c}" : string.Empty)
        + (Interface is null ? string.Empty : " interface " + Interface);
}

/// <summary>The fault library. PD kinds strike published telegrams; MD kinds strike callers or repliers.</summary>
public enum FaultKind
{
    /// <summary>Drop frames with <see cref="FaultPlan.Probability"/>.</summary>
    Loss,

    /// <summary>Drop frames in bursts (Gilbert-Elliott two-state model).</summary>
    BurstLoss,

    /// <summary>Hold frames back by a delay drawn from <see cref="FaultPlan.Delay"/> (jitter).</summary>
    Delay,

    /// <summary>Send <see cref="FaultPlan.Copies"/> extra copies of a frame.</summary>
    Duplicate,

    /// <summary>Let <see cref="FaultPlan.Depth"/> later frames overtake a frame.</summary>
    Reorder,

    /// <summary>Break the header FCS.</summary>
    CorruptFcs,

    /// <summary>Flip <see cref="FaultPlan.Bits"/> random payload bits (the FCS stays valid: TRDP has no payload check).</summary>
    BitFlip,

    /// <summary>Freeze, jump, reset or roll back the sequence counter (<see cref="FaultPlan.SequenceMode"/>).</summary>
    SequenceFault,

    /// <summary>Write other topography counters into the header.</summary>
    TopoChange,

    /// <summary>Send frames with a broken protocol version, length or padding (<see cref="FaultPlan.Malformation"/>).</summary>
    Malform,

    /// <summary>The device (or telegram) stops sending: power loss.</summary>
    Silence,

    /// <summary>Send at <see cref="FaultPlan.RateFactor"/> × the configured rate.</summary>
    Babble,

    /// <summary>Stretch or shrink the cycle by <see cref="FaultPlan.DriftPpm"/>.</summary>
    CycleDrift,

    /// <summary>MD replier: never answer (with <see cref="FaultPlan.Probability"/>).</summary>
    WithheldReply,

    /// <summary>MD replier: answer after an extra delay (<see cref="FaultPlan.Delay"/>).</summary>
    LateReply,

    /// <summary>MD replier: answer with an 'Me' carrying <see cref="FaultPlan.ErrorStatus"/>.</summary>
    MeError,

    /// <summary>MD caller: never send the 'Mc' an 'Mq' asks for.</summary>
    MissingConfirm,

    /// <summary>MD replier: answer from another UDP source port than the request went to.</summary>
    WrongPortReply,
}

/// <summary>How a <see cref="FaultKind.SequenceFault"/> bends the sequence counter.</summary>
public enum SequenceFaultMode
{
    /// <summary>Repeat the same counter value.</summary>
    Freeze,

    /// <summary>Skip ahead by <see cref="FaultPlan.SequenceStep"/> once, then count on.</summary>
    Jump,

    /// <summary>Restart at 0 once (a device reboot), then count on.</summary>
    Reset,

    /// <summary>Go back by <see cref="FaultPlan.SequenceStep"/> once, then count on.</summary>
    RollBack,
}

/// <summary>How a <see cref="FaultKind.Malform"/> breaks a frame (the FCS is recomputed, so only the named field is wrong).</summary>
public enum MalformationKind
{
    /// <summary>Protocol version 2.0 instead of 1.0.</summary>
    ProtocolVersion,

    /// <summary>Dataset length field larger than the bytes that follow.</summary>
    Length,

    /// <summary>Non-zero reserved field / padding bytes.</summary>
    Padding,

    /// <summary>A message type that is not PD.</summary>
    MessageType,

    /// <summary>Frame cut short inside the header.</summary>
    Truncated,
}
