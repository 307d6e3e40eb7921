using Jint.Runtime;

namespace TrdpSim.Scenarios;

/// <summary>Names the sandbox limit behind a Jint exception, for messages.</summary>
internal static class ScenarioLimits
{
    /// <summary>The limit <paramref name="e"/> reports, or null when it is not a sandbox limit.</summary>
    public static string? Describe(Exception e) => e switch
    {
        TimeoutException => $"time limit ({ScenarioSandbox.DefaultTimeout.TotalSeconds:0.###} s by default)",
        StatementsCountOverflowException => "statement limit",
        MemoryLimitExceededException => "memory limit",
        RecursionDepthOverflowException => "recursion limit (nested calls)",
        ExecutionCanceledException or OperationCanceledException => "time (it was cancelled)",
        _ => null,
    };
}
