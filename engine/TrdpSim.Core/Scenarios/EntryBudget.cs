using System.Diagnostics;
using Jint.Runtime;

namespace TrdpSim.Scenarios;

/// <summary>The sandbox's time and memory limits, measured over a whole entry into the engine (the module's
/// evaluation, the default function, one callback).</summary>
/// <remarks>
/// Jint checks its limits before each statement and resets them as the entry returns, so nothing checked what an
/// entry's last statement did: one built-in call there (<c>'x'.repeat(3e8)</c>: 600 MB and 9 s under the 64 MB,
/// 2 s defaults) passed. A single built-in call cannot be interrupted; measured around the entry it is at least
/// not accepted. Host work inside the entry counts, as it does for Jint's own memory limit.
/// </remarks>
internal sealed class EntryBudget(TimeSpan timeout, long memoryLimit)
{
    /// <summary>Where the entry starts: now, and the bytes this thread has allocated so far.</summary>
    public static (long Timestamp, long Bytes) Start() => (Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread());

    /// <summary>Throws the exception Jint throws for the limit the entry begun at <paramref name="start"/> exceeded.</summary>
    public void Check((long Timestamp, long Bytes) start)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread() - start.Bytes;
        if (memoryLimit > 0 && allocated > memoryLimit) // as Jint: no positive limit, no limit
        {
            throw new MemoryLimitExceededException($"Script has allocated {allocated} but is limited to {memoryLimit}");
        }

        if (Stopwatch.GetElapsedTime(start.Timestamp) > timeout)
        {
            throw new TimeoutException();
        }
    }
}
