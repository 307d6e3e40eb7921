namespace TrdpSim.Scheduling;

/// <summary>The operating-system calls behind <see cref="EngineThreads"/>, and the privileges they need.</summary>
/// <remarks>The seam that lets tests take the path of a process without the privilege (the test machine runs
/// as root); production uses <see cref="LinuxHostScheduler.Instance"/>.</remarks>
internal interface IHostScheduler
{
    /// <summary>Whether the calls exist here (Linux).</summary>
    bool IsSupported { get; }

    /// <summary>Sets the calling thread's scheduling class and priority; returns 0 or the error number.</summary>
    int SetScheduler(SchedulingClass schedulingClass, int priority);

    /// <summary>Restricts the calling thread to <paramref name="cpus"/>; returns 0 or the error number.</summary>
    int SetAffinity(IReadOnlyList<int> cpus);

    /// <summary><c>mlockall(MCL_CURRENT | MCL_FUTURE)</c>; returns 0 or the error number.</summary>
    int LockAllMemory();

    /// <summary>Whether the process holds <paramref name="capability"/> in its effective set.</summary>
    bool HasCapability(int capability);

    /// <summary>The soft RLIMIT_RTPRIO (<see cref="long.MaxValue"/> = unlimited).</summary>
    long RealtimePriorityLimit();

    /// <summary>The soft RLIMIT_MEMLOCK in bytes (<see cref="long.MaxValue"/> = unlimited).</summary>
    long MemoryLockLimit();
}
