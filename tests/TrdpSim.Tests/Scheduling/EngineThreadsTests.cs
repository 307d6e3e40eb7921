using TrdpSim.Scheduling;

namespace TrdpSim.Tests.Scheduling;

/// <summary>Real-time scheduling, CPU affinity and memory locking of the engine's threads: applied when the
/// process may, refused up front with a message that says why and how to grant it when it may not (the test
/// machine runs as root, so the unprivileged path goes through a fake host).</summary>
public sealed class EngineThreadsTests
{
    private static readonly ThreadPolicy Fifo10 = new(SchedulingClass.Fifo, 10, []);

    [Fact]
    public void WithoutTheCapabilityOrALimitTheThreadsRunWithOrdinarySchedulingAndTheMessageSaysHowToGrantIt()
    {
        var host = new FakeHost { SysNice = false, RtprioLimit = 0 };
        var threads = new EngineThreads(Fifo10, ThreadPolicy.Default, lockMemory: false, host);

        Assert.Equal(SchedulingClass.Normal, threads.Wheel.Class);
        Assert.Equal(Fifo10, threads.RequestedWheel);
        var message = Assert.Single(threads.Messages);
        Assert.Contains("SCHED_FIFO 10", message, StringComparison.Ordinal);
        Assert.Contains("CAP_SYS_NICE", message, StringComparison.Ordinal);
        Assert.Contains("RLIMIT_RTPRIO is 0", message, StringComparison.Ordinal);
        Assert.Contains("LimitRTPRIO", message, StringComparison.Ordinal);
        Assert.Contains("--cap-add=SYS_NICE", message, StringComparison.Ordinal);

        threads.EnterWheelThread();
        Assert.Empty(host.SchedulerCalls); // refused up front: never even tried
        Assert.Equal(0, threads.RealtimeThreads);
    }

    [Fact]
    public void ARealtimePriorityLimitIsEnoughWithoutTheCapability()
    {
        var host = new FakeHost { SysNice = false, RtprioLimit = 20 };
        var threads = new EngineThreads(Fifo10, ThreadPolicy.Default, lockMemory: false, host);
        threads.EnterWheelThread();

        Assert.Equal((SchedulingClass.Fifo, 10), Assert.Single(host.SchedulerCalls));
        Assert.Equal(1, threads.RealtimeThreads);
        Assert.Empty(threads.Messages);
    }

    [Fact]
    public void ACallThatFailsDespiteThePrivilegeIsReportedWithTheCgroupHint()
    {
        var host = new FakeHost { SysNice = true, SchedulerError = 1 };
        var threads = new EngineThreads(Fifo10, Fifo10, lockMemory: false, host);
        threads.EnterWheelThread();
        threads.EnterReceiveThread("rx-A");

        Assert.Equal(2, threads.RealtimeFailures);
        Assert.Contains(threads.Messages, m => m.Contains("wheel", StringComparison.Ordinal) && m.Contains("cpu.rt_runtime_us", StringComparison.Ordinal));
        Assert.Contains(threads.Messages, m => m.Contains("rx-A", StringComparison.Ordinal));
    }

    [Fact]
    public void AffinityIsAppliedToTheCallingThreadAndAFailureIsReported()
    {
        var host = new FakeHost { AffinityError = 22 };
        var threads = new EngineThreads(new ThreadPolicy(SchedulingClass.Normal, 0, [1]), new ThreadPolicy(SchedulingClass.Normal, 0, [0]), false, host);
        threads.EnterWheelThread();

        Assert.Equal([1], Assert.Single(host.AffinityCalls));
        Assert.Contains(threads.Messages, m => m.Contains("CPUs 1", StringComparison.Ordinal) && m.Contains("EINVAL", StringComparison.Ordinal));
    }

    [Fact]
    public void MemoryIsLockedOnlyWithTheCapabilityOrAnUnlimitedLimit()
    {
        var refused = new FakeHost { IpcLock = false, MemlockLimit = 8 << 20 };
        var threads = new EngineThreads(ThreadPolicy.Default, ThreadPolicy.Default, lockMemory: true, refused);
        threads.LockMemory();
        Assert.False(threads.MemoryLocked);
        Assert.Equal(0, refused.LockCalls);
        Assert.Contains("CAP_IPC_LOCK", Assert.Single(threads.Messages), StringComparison.Ordinal);

        var allowed = new FakeHost { IpcLock = false, MemlockLimit = long.MaxValue };
        threads = new EngineThreads(ThreadPolicy.Default, ThreadPolicy.Default, lockMemory: true, allowed);
        threads.LockMemory();
        Assert.True(threads.MemoryLocked);
        Assert.Equal(1, allowed.LockCalls);
    }

    [Fact]
    public void OnLinuxARealtimeWheelThreadReallyGetsSchedFifoWhenThePrivilegeIsThere()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var threads = new EngineThreads(new ThreadPolicy(SchedulingClass.Fifo, 1, []), ThreadPolicy.Default, false);
        string? policy = null;
        var thread = new Thread(() =>
        {
            threads.EnterWheelThread();
            // Field 41 of /proc/thread-self/stat is the scheduling policy (1 = SCHED_FIFO).
            var stat = File.ReadAllText("/proc/thread-self/stat");
            policy = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[38];
        });
        thread.Start();
        thread.Join();

        if (threads.Wheel.IsRealtime && threads.RealtimeFailures == 0)
        {
            Assert.Equal("1", policy);
            Assert.Equal(1, threads.RealtimeThreads);
        }
        else
        {
            // An unprivileged CI machine: the fallback with its message is the expected outcome.
            Assert.Equal("0", policy);
            Assert.NotEmpty(threads.Messages);
        }
    }

    private sealed class FakeHost : IHostScheduler
    {
        public bool SysNice { get; init; }

        public bool IpcLock { get; init; }

        public long RtprioLimit { get; init; }

        public long MemlockLimit { get; init; }

        public int SchedulerError { get; init; }

        public int AffinityError { get; init; }

        public List<(SchedulingClass, int)> SchedulerCalls { get; } = [];

        public List<int[]> AffinityCalls { get; } = [];

        public int LockCalls { get; private set; }

        public bool IsSupported => true;

        public int SetScheduler(SchedulingClass schedulingClass, int priority)
        {
            lock (SchedulerCalls)
            {
                SchedulerCalls.Add((schedulingClass, priority));
            }

            return SchedulerError;
        }

        public int SetAffinity(IReadOnlyList<int> cpus)
        {
            AffinityCalls.Add([.. cpus]);
            return AffinityError;
        }

        public int LockAllMemory()
        {
            LockCalls++;
            return 0;
        }

        public bool HasCapability(int capability) => capability switch
        {
            EngineThreads.CapSysNice => SysNice,
            EngineThreads.CapIpcLock => IpcLock,
            _ => false,
        };

        public long RealtimePriorityLimit() => RtprioLimit;

        public long MemoryLockLimit() => MemlockLimit;
    }
}
