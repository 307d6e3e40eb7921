using System.Globalization;
using System.Runtime.InteropServices;
using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Scheduling;

/// <summary>The real <see cref="IHostScheduler"/>: libc on Linux (a pid of 0 means the calling thread for
/// <c>sched_setscheduler</c> and <c>sched_setaffinity</c>); capabilities from <c>/proc/self/status</c>.</summary>
internal sealed unsafe class LinuxHostScheduler : IHostScheduler
{
    private LinuxHostScheduler()
    {
    }

    public static LinuxHostScheduler Instance { get; } = new();

    public bool IsSupported => OperatingSystem.IsLinux();

    public int SetScheduler(SchedulingClass schedulingClass, int priority)
    {
        var param = new LinuxSched.SchedParam { Priority = schedulingClass == SchedulingClass.Normal ? 0 : priority };
        return LinuxSched.sched_setscheduler(0, (int)schedulingClass, &param) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    public int SetAffinity(IReadOnlyList<int> cpus)
    {
        byte* mask = stackalloc byte[LinuxSched.CpuSetBytes];
        new Span<byte>(mask, LinuxSched.CpuSetBytes).Clear();
        foreach (int cpu in cpus)
        {
            if (cpu < 0 || cpu >= LinuxSched.CpuSetBytes * 8)
            {
                return 22; // EINVAL, as the kernel would answer for a CPU it does not have
            }

            mask[cpu / 8] |= (byte)(1 << (cpu % 8));
        }

        return LinuxSched.sched_setaffinity(0, LinuxSched.CpuSetBytes, mask) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    public int LockAllMemory() => LinuxSched.mlockall(LinuxSched.McurrentAndFuture) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public bool HasCapability(int capability)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("CapEff:", StringComparison.Ordinal) &&
                    ulong.TryParse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong effective))
                {
                    return (effective & (1UL << capability)) != 0;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }

    public long RealtimePriorityLimit() => Limit(LinuxSched.RlimitRtprio);

    public long MemoryLockLimit() => Limit(LinuxSched.RlimitMemlock);

    private static long Limit(int resource)
    {
        LinuxSched.RLimit limit;
        if (LinuxSched.getrlimit(resource, &limit) != 0)
        {
            return 0;
        }

        return limit.Current >= long.MaxValue ? long.MaxValue : (long)limit.Current;
    }
}
