namespace TrdpSim.Scheduling;

/// <summary>The Linux scheduling class of a thread.</summary>
public enum SchedulingClass
{
    /// <summary>Ordinary time sharing (SCHED_OTHER).</summary>
    Normal = 0,

    /// <summary>SCHED_FIFO.</summary>
    Fifo = 1,

    /// <summary>SCHED_RR.</summary>
    RoundRobin = 2,
}

/// <summary>What one kind of engine thread asks for: a scheduling class and priority, and the CPUs it may use.</summary>
/// <param name="Class">Scheduling class; <see cref="SchedulingClass.Normal"/> leaves it alone.</param>
/// <param name="Priority">SCHED_FIFO/RR priority, 1–99 (ignored for <see cref="SchedulingClass.Normal"/>).</param>
/// <param name="Cpus">CPUs the thread may run on; empty = any.</param>
public sealed record ThreadPolicy(SchedulingClass Class, int Priority, IReadOnlyList<int> Cpus)
{
    /// <summary>Nothing asked for.</summary>
    public static ThreadPolicy Default { get; } = new(SchedulingClass.Normal, 0, []);

    /// <summary>Whether a real-time class is asked for.</summary>
    public bool IsRealtime => Class != SchedulingClass.Normal;

    /// <summary>"SCHED_FIFO 10", "SCHED_RR 20" or "SCHED_OTHER".</summary>
    public string Describe() => Class switch
    {
        SchedulingClass.Fifo => $"SCHED_FIFO {Priority}",
        SchedulingClass.RoundRobin => $"SCHED_RR {Priority}",
        _ => "SCHED_OTHER",
    };
}
