using TrdpSim.Buffers;
using TrdpSim.Distributions;
using TrdpSim.Pipeline;
using TrdpSim.Scheduling;

namespace TrdpSim.Faults.Internal;

/// <summary>Where in the send path a link acts; a chain runs its links stage by stage, in this order.</summary>
internal enum LinkStage
{
    /// <summary>Changes the publication's own frame for this and later cycles (sequence counter, topography).</summary>
    Header,

    /// <summary>Decides whether the frame leaves at all (silence, loss, burst loss).</summary>
    Gate,

    /// <summary>Breaks the copy that is sent (FCS, bit flips, malformation).</summary>
    Mutate,

    /// <summary>Sends extra copies (duplicate).</summary>
    Multiply,

    /// <summary>Sends a copy later, from a wheel timer (delay).</summary>
    Delay,

    /// <summary>Holds a copy back until later frames have left (reorder).</summary>
    Reorder,

    /// <summary>Changes when the telegram is sent (babble, cycle drift); never touches a frame.</summary>
    Schedule,

    /// <summary>Bends an MD listener's reply decision (withheld, late, error, wrong port) before any frame exists.</summary>
    Reply,

    /// <summary>Decides whether an MD caller confirms an 'Mq'.</summary>
    Confirm,
}

/// <summary>One fault attached to one outlet: the per-frame (or per-reply) decision of its kind, with its own
/// seeded random stream.</summary>
/// <remarks>
/// Wheel thread only. The random stream is given by the injector, derived from the run seed, the fault's
/// name and the outlet's name, so the same plan and seed strike the same frames whatever else runs. Every
/// method a chain calls per frame is allocation-free.
/// </remarks>
/// <param name="fault">The fault the link plays.</param>
/// <param name="outlet">The seam the link wraps.</param>
/// <param name="rng">The link's own random stream.</param>
internal abstract class FaultLink(LinkedFault fault, Outlet outlet, RandomStream rng)
{
    /// <summary>The link's random stream (a mutable struct: never copy it, never make it readonly).</summary>
    protected RandomStream Rng = rng;

    public LinkedFault Fault { get; } = fault;

    /// <summary>The seam the link wraps.</summary>
    public Outlet Outlet { get; } = outlet;

    /// <summary>The plan's probability that a frame (or a reply) is struck, before <see cref="Intensity"/>.</summary>
    protected double Probability { get; } = fault.Plan.Probability;

    /// <summary>The cyclic telegram behind the outlet (header and schedule links only attach where there is one).</summary>
    protected IOutletSource Source => Outlet.Source!;

    /// <summary>The chain the link belongs to (set when attached).</summary>
    public FaultChain Chain { get; set; } = null!;

    public abstract LinkStage Stage { get; }

    /// <summary>Whether the chain must send copies (pooled buffers) rather than the frame it was given.</summary>
    public virtual bool NeedsCopy => false;

    /// <summary>The fault's current intensity, 0…1.</summary>
    protected double Intensity => Fault.Intensity;

    /// <summary>Header stage: change the frame (the telegram's own, already prepared for this cycle).</summary>
    public virtual void OnHeader(Span<byte> frame)
    {
    }

    /// <summary>Gate stage: true to drop this frame.</summary>
    public virtual bool Drops() => false;

    /// <summary>Mutate stage: break the copy in <paramref name="block"/> (capacity of a pooled block);
    /// <paramref name="length"/> is the datagram length and may change.</summary>
    public virtual void Mutate(Span<byte> block, ref int length)
    {
    }

    /// <summary>Multiply stage: extra copies of this frame to send.</summary>
    public virtual int ExtraCopies() => 0;

    /// <summary>Delay stage: true when the link took the copy (it sends it later).</summary>
    public virtual bool TryDelay(TelegramBuffer copy, in FrameRoute route, long intendedNanoseconds, TimingWheel wheel) => false;

    /// <summary>Reorder stage: true when the link holds the copy back.</summary>
    public virtual bool TryHold(TelegramBuffer copy, in FrameRoute route) => false;

    /// <summary>Reorder stage: a frame of the outlet has been handed to the sender.</summary>
    public virtual void AfterSend()
    {
    }

    /// <summary>Schedule stage: the (possibly stretched) time to the next cycle.</summary>
    public virtual long Stretch(long cycleNanoseconds) => cycleNanoseconds;

    /// <summary>Reply stage: bend an MD listener's decision for one request.</summary>
    public virtual void ShapeReply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromAlternatePort)
    {
    }

    /// <summary>Confirm stage: true to withhold the confirmation of one 'Mq'.</summary>
    public virtual bool WithholdsConfirm() => false;

    /// <summary>Called once when the link joins its chain (start timers here).</summary>
    public virtual void OnAttached(TimingWheel wheel, long nowNanoseconds)
    {
    }

    /// <summary>Called once when the fault is repaired: restore what the link changed, release what it holds.</summary>
    public virtual void OnRemoved()
    {
    }

    /// <summary>Draws whether a frame is struck with <paramref name="probability"/> × intensity; counts the strike.</summary>
    protected bool Strike(double probability)
    {
        var p = probability * Intensity;
        if (p <= 0 || Rng.NextDouble() >= p)
        {
            return false;
        }

        Fault.Strikes++;
        return true;
    }
}
