namespace TrdpSim.Scheduling;

/// <summary>Which of trdpsim's own threads a stall was seen on (flags, so a query can name several).</summary>
[Flags]
public enum StallSources
{
    None = 0,

    /// <summary>The timing-wheel thread: all sends, MD sessions and runtime changes.</summary>
    Wheel = 1,

    /// <summary>A PD receive loop: subscriptions, their timeouts and pull replies.</summary>
    PdReceive = 2,

    /// <summary>MD receiving, which hands frames to the wheel: a UDP receive loop, or the thread pool that MD over TCP
    /// completes on (<c>tcp-io</c>).</summary>
    MdReceive = 4,

    /// <summary>The scenario worker that runs JavaScript hooks (scripted MD replies among them).</summary>
    Scripts = 8,

    /// <summary>Every source.</summary>
    All = Wheel | PdReceive | MdReceive | Scripts,
}
