using System.Runtime.InteropServices;

namespace TrdpSim.Scheduling.Internal;

/// <summary>Source-generated (AOT-safe) libc calls for thread scheduling, CPU affinity, memory locking and
/// resource limits. Each returns 0 or sets errno (read with <see cref="Marshal.GetLastPInvokeError"/>).</summary>
internal static unsafe partial class LinuxSched
{
    public const int RlimitMemlock = 8;
    public const int RlimitRtprio = 14;
    public const int McurrentAndFuture = 1 | 2;

    /// <summary>cpu_set_t is 1024 bits in glibc.</summary>
    public const int CpuSetBytes = 128;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_setscheduler(int pid, int policy, SchedParam* param);

    /// <summary>PRIO_PROCESS: with who = 0, Linux applies get/setpriority to the calling thread alone.</summary>
    public const int PrioProcess = 0;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getpriority(int which, uint who);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setpriority(int which, uint who, int prio);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_setaffinity(int pid, nuint cpusetsize, byte* mask);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mlockall(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getrlimit(int resource, RLimit* limit);

    [StructLayout(LayoutKind.Sequential)]
    public struct SchedParam
    {
        public int Priority;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
