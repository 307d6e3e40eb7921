using System.Runtime.InteropServices;

namespace TrdpSim.Scheduling.Internal;

/// <summary>The two futex operations a <see cref="WakeSignal"/> needs: wait on a word until an absolute
/// CLOCK_MONOTONIC time, and wake one waiter.</summary>
/// <remarks>
/// <c>FUTEX_WAIT_BITSET</c> takes an absolute timeout on CLOCK_MONOTONIC (the <see cref="MonotonicClock"/>
/// time base), so a sleep that is woken or interrupted never drifts, exactly like
/// <c>clock_nanosleep(TIMER_ABSTIME)</c>, but another thread can end it with <c>FUTEX_WAKE</c>. The sleep uses
/// the caller's timer slack, as <c>clock_nanosleep</c> does. glibc has no futex wrapper, so the call goes
/// through <c>syscall(2)</c> with the architecture's number; other architectures are not supported and the
/// signal falls back to a managed event.
/// </remarks>
internal static unsafe partial class LinuxFutex
{
    private const int FutexWake = 1;
    private const int FutexWaitBitset = 9;
    private const int FutexPrivate = 128;
    private const int BitsetMatchAny = -1;

    /// <summary>The futex system call number, or 0 where it is not known (no futex path).</summary>
    private static readonly long SysFutex = !LinuxTime.IsSupported ? 0 : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        _ => 0,
    };

    /// <summary>True where the futex path is available (Linux x64/arm64).</summary>
    public static bool IsSupported => SysFutex != 0;

    /// <summary>Sleeps while <c>*word == expected</c>, until a wake or CLOCK_MONOTONIC reaches the deadline.</summary>
    /// <returns>0 when woken, otherwise the error number (ETIMEDOUT, EAGAIN when the word had changed, EINTR).</returns>
    public static int WaitUntil(int* word, int expected, long deadlineNanoseconds)
    {
        var ts = Timespec.FromNanoseconds(deadlineNanoseconds);
        long rc = syscall(SysFutex, (nint)word, FutexWaitBitset | FutexPrivate, expected, (nint)(&ts), 0, BitsetMatchAny);
        return rc == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Wakes at most one thread waiting on <paramref name="word"/>.</summary>
    public static void WakeOne(int* word) => _ = syscall(SysFutex, (nint)word, FutexWake | FutexPrivate, 1, 0, 0, 0);

    // syscall(2) is variadic in C; every argument here is an integer or a pointer, which the x64 and arm64
    // Linux ABIs pass the same way in a variadic call as in a fixed one.
    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, nint uaddr, int op, int val, nint timeout, nint uaddr2, int val3);
}
