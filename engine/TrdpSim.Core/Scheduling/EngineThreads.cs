namespace TrdpSim.Scheduling;

/// <summary>
/// Puts each of the engine's own threads on the host as asked — real-time class and priority, CPU
/// affinity — and locks memory, checking the privileges first and falling back with a clear message
/// when the process lacks them.
/// </summary>
/// <remarks>
/// <para><b>Privileges.</b> SCHED_FIFO/RR needs CAP_SYS_NICE or an RLIMIT_RTPRIO at least the priority;
/// <c>mlockall</c> needs CAP_IPC_LOCK or an unlimited RLIMIT_MEMLOCK (a limited one would make later
/// allocations fail once it is reached). Without them the request is dropped up front, the threads run
/// with ordinary scheduling, and <see cref="Messages"/> says why and how to grant it. A call that fails
/// although the privilege seemed present (a container or cgroup without a real-time budget) is reported
/// the same way by the thread that tried.</para>
/// <para><b>Use.</b> Each engine thread calls <see cref="EnterWheelThread"/> or <see cref="EnterReceiveThread"/>
/// first thing on itself (the calls act on the calling thread). Thread-safe.</para>
/// </remarks>
public sealed class EngineThreads
{
    /// <summary>CAP_IPC_LOCK.</summary>
    internal const int CapIpcLock = 14;

    /// <summary>CAP_SYS_NICE.</summary>
    internal const int CapSysNice = 23;

    /// <summary>Where the documentation of granting the privilege lives.</summary>
    public const string GrantHint =
        "grant it with LimitRTPRIO=<priority> or AmbientCapabilities=CAP_SYS_NICE in the systemd unit, `setcap cap_sys_nice+ep` on the binary, " +
        "or `--cap-add=SYS_NICE --ulimit rtprio=<priority>` for a container (README.md, \"Real-time scheduling\")";

    private readonly IHostScheduler _host;
    private readonly Lock _lock = new();
    private readonly List<string> _messages = [];
    private int _realtimeThreads;
    private int _realtimeFailures;

    /// <summary>Creates the settings for a run (checks privileges now; applies nothing yet).</summary>
    public EngineThreads(ThreadPolicy wheel, ThreadPolicy receive, bool lockMemory)
        : this(wheel, receive, lockMemory, LinuxHostScheduler.Instance)
    {
    }

    internal EngineThreads(ThreadPolicy wheel, ThreadPolicy receive, bool lockMemory, IHostScheduler host)
    {
        ArgumentNullException.ThrowIfNull(wheel);
        ArgumentNullException.ThrowIfNull(receive);
        _host = host;
        RequestedWheel = wheel;
        Wheel = Check(wheel, "wheel");
        Receive = Check(receive, "receive");
        LockMemoryRequested = lockMemory;
    }

    /// <summary>Engine threads with nothing asked for (tests, embedding).</summary>
    public static EngineThreads Default { get; } = new(ThreadPolicy.Default, ThreadPolicy.Default, false);

    /// <summary>What was asked for the wheel thread.</summary>
    public ThreadPolicy RequestedWheel { get; }

    /// <summary>What the wheel thread will get after the privilege check (real-time dropped when not allowed).</summary>
    public ThreadPolicy Wheel { get; }

    /// <summary>What the receive threads will get after the privilege check.</summary>
    public ThreadPolicy Receive { get; }

    /// <summary>How long a PD receive thread waits after it has drained its socket before it reads again, in ns;
    /// 0 reads each datagram as soon as it arrives (<see cref="Default"/>). See <c>EnginePlan.ReceiveInterval</c>.</summary>
    public long ReceiveIntervalNanoseconds { get; init; }

    /// <summary>Whether <c>mlockall</c> was asked for.</summary>
    public bool LockMemoryRequested { get; }

    /// <summary>Whether the memory is locked (after <see cref="LockMemory"/>).</summary>
    public bool MemoryLocked { get; private set; }

    /// <summary>Threads now running with a real-time class.</summary>
    public int RealtimeThreads => Volatile.Read(ref _realtimeThreads);

    /// <summary>Threads whose real-time request failed when applied.</summary>
    public int RealtimeFailures => Volatile.Read(ref _realtimeFailures);

    /// <summary>What was refused or failed, and why (empty when everything asked for was applied).</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Applies the wheel policy to the calling thread (the wheel's, first thing it does).</summary>
    public void EnterWheelThread() => Apply(Wheel, "wheel");

    /// <summary>Applies the receive policy to the calling thread (a receive loop, first thing it does).</summary>
    public void EnterReceiveThread(string name) => Apply(Receive, name);

    /// <summary>Locks the process's memory when asked and allowed (call once, at start).</summary>
    public void LockMemory()
    {
        if (!LockMemoryRequested || MemoryLocked || !_host.IsSupported)
        {
            if (LockMemoryRequested && !_host.IsSupported)
            {
                Add("memory locking (mlockall) is only available on Linux; memory stays pageable");
            }

            return;
        }

        long limit = _host.MemoryLockLimit();
        if (!_host.HasCapability(CapIpcLock) && limit != long.MaxValue)
        {
            Add($"memory locking (mlockall) was asked for, but this process lacks CAP_IPC_LOCK and RLIMIT_MEMLOCK is {limit} bytes, " +
                "not unlimited (a limited one would make later allocations fail): memory stays pageable; " +
                "grant it with LimitMEMLOCK=infinity or AmbientCapabilities=CAP_IPC_LOCK in the systemd unit, or `--cap-add=IPC_LOCK --ulimit memlock=-1` for a container");
            return;
        }

        int error = _host.LockAllMemory();
        if (error != 0)
        {
            Add($"memory locking: mlockall failed ({ErrorName(error)}); memory stays pageable");
            return;
        }

        MemoryLocked = true;
    }

    /// <summary>The privilege check of one request: the request itself, or normal scheduling with a message.</summary>
    private ThreadPolicy Check(ThreadPolicy policy, string who)
    {
        if (!policy.IsRealtime)
        {
            return policy;
        }

        if (!_host.IsSupported)
        {
            Add($"real-time scheduling ({policy.Describe()}) is only available on Linux; the {who} threads run with ordinary scheduling");
            return policy with { Class = SchedulingClass.Normal, Priority = 0 };
        }

        long limit = _host.RealtimePriorityLimit();
        if (_host.HasCapability(CapSysNice) || limit >= policy.Priority)
        {
            return policy;
        }

        Add($"real-time scheduling ({policy.Describe()}) was asked for the {who} thread(s), but this process may not use it: it lacks " +
            $"CAP_SYS_NICE and RLIMIT_RTPRIO is {(limit == long.MaxValue ? "unlimited" : limit.ToString(System.Globalization.CultureInfo.InvariantCulture))} " +
            $"(needs {policy.Priority}); they run with ordinary scheduling instead — {GrantHint}");
        return policy with { Class = SchedulingClass.Normal, Priority = 0 };
    }

    private void Apply(ThreadPolicy policy, string who)
    {
        if (!_host.IsSupported)
        {
            return;
        }

        if (policy.Cpus.Count > 0)
        {
            int error = _host.SetAffinity(policy.Cpus);
            if (error != 0)
            {
                Add($"CPU affinity of the {who} thread to CPUs {string.Join(',', policy.Cpus)} failed ({ErrorName(error)}); it may run on any CPU");
            }
        }

        if (!policy.IsRealtime)
        {
            return;
        }

        int rc = _host.SetScheduler(policy.Class, policy.Priority);
        if (rc == 0)
        {
            Interlocked.Increment(ref _realtimeThreads);
            return;
        }

        Interlocked.Increment(ref _realtimeFailures);
        Add($"real-time scheduling ({policy.Describe()}) of the {who} thread failed ({ErrorName(rc)})" +
            (rc == 1 ? " although the privilege seemed present — in a container or cgroup, real-time tasks also need a real-time budget (cpu.rt_runtime_us)" : string.Empty) +
            "; it runs with ordinary scheduling");
    }

    private void Add(string message)
    {
        lock (_lock)
        {
            if (!_messages.Contains(message))
            {
                _messages.Add(message);
            }
        }
    }

    private static string ErrorName(int errno) => errno switch
    {
        1 => "EPERM: not permitted",
        12 => "ENOMEM: over the memory-lock limit",
        22 => "EINVAL: invalid argument or CPU",
        11 => "EAGAIN",
        _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
