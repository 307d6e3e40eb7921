using System.Runtime.InteropServices;
using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Scheduling;

/// <summary>Lowers the priority of a thread whose work can wait (the event pump, the live sampler), so on a small
/// host the timing wheel gets the CPU first when it wakes.</summary>
/// <remarks>
/// <para>On Linux the niceness is per thread and the scheduler lets a waking nice-0 thread preempt a thread at
/// a positive nice at once, where against another nice-0 thread it may wait for that thread's slice to end
/// (milliseconds, on a 2-core host): that wait was the lateness the live streams added to the sends.</para>
/// <para>Any process may raise its threads' niceness (setpriority(PRIO_PROCESS, 0, n) acts on the calling
/// thread only); only a privileged one may lower it again, so this never lowers it: a thread already nicer
/// (a run started under <c>nice</c>) stays as it is. Threads a niced thread creates inherit its niceness, so
/// call it only on threads that start no engine threads. No-op elsewhere than Linux.</para>
/// </remarks>
public static class BackgroundPriority
{
    /// <summary>The niceness of the streaming threads: well below the wheel's 0, still above idle work.</summary>
    public const int DefaultNice = 10;

    /// <summary>Raises the calling thread's niceness to <paramref name="nice"/> when it is lower.</summary>
    /// <returns>0, or the errno of the failed call (the thread keeps its priority then).</returns>
    public static int LowerCurrentThread(int nice)
    {
        if (!OperatingSystem.IsLinux() || nice <= 0)
        {
            return 0;
        }

        var current = CurrentNice();
        if (current is null || current >= nice)
        {
            return 0;
        }

        return LinuxSched.setpriority(LinuxSched.PrioProcess, 0, Math.Min(nice, 19)) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>The calling thread's niceness (-20…19); null when it cannot be read (not Linux, or an error).</summary>
    public static int? CurrentNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // getpriority returns the niceness itself, so -1 is a valid answer: only errno tells an error.
        var nice = LinuxSched.getpriority(LinuxSched.PrioProcess, 0);
        return nice == -1 && Marshal.GetLastPInvokeError() != 0 ? null : nice;
    }
}
