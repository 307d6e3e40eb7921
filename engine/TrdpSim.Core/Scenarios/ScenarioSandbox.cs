using System.Runtime.CompilerServices;
using Jint;

namespace TrdpSim.Scenarios;

/// <summary>Builds the Jint <see cref="Options"/> every scenario engine runs under: the one place the
/// sandbox limits are set.</summary>
/// <remarks>
/// Strict mode; no CLR access (Jint's default: <c>AllowClr</c> is never called, so there is no
/// <c>System</c> or <c>importNamespace</c>); <c>eval</c> and <c>new Function</c> disabled; no module
/// loader (a scenario cannot <c>import</c> files). Constraints are cooperative and reset on every entry
/// into the engine, and they cannot interrupt a host callback, so the host functions never block; time and
/// memory are checked once more over each whole entry as it returns (<see cref="EntryBudget"/>).
/// Defaults: <see cref="DefaultTimeout"/> 2 s, <see cref="DefaultMaxStatements"/> 10 M,
/// <see cref="DefaultMemoryLimit"/> 64 MB, <see cref="DefaultRecursionLimit"/> 256 nested calls,
/// regular expressions 1 s.
/// </remarks>
internal static class ScenarioSandbox
{
    /// <summary>Wall-clock limit per engine entry.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Statements per engine entry.</summary>
    public const int DefaultMaxStatements = 10_000_000;

    /// <summary>Bytes the script may allocate (measured on the engine's thread).</summary>
    public const long DefaultMemoryLimit = 64L * 1024 * 1024;

    /// <summary>Nested JavaScript calls.</summary>
    public const int DefaultRecursionLimit = 256;

    /// <summary>Regular-expression match limit.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private static readonly ConditionalWeakTable<Options, EntryBudget> Budgets = new();

    /// <summary>The time and memory limits of options made by <see cref="Create"/>, checked once more as each entry
    /// returns; null for options made elsewhere.</summary>
    public static EntryBudget? BudgetOf(Options options) => Budgets.TryGetValue(options, out EntryBudget? budget) ? budget : null;

    /// <summary>Sandbox options with the documented defaults, optionally tighter (tests) and cancellable.</summary>
    public static Options Create(
        TimeSpan? timeout = null,
        int maxStatements = DefaultMaxStatements,
        long memoryLimit = DefaultMemoryLimit,
        int recursionLimit = DefaultRecursionLimit,
        CancellationToken cancellation = default)
    {
        var options = new Options();
        Budgets.Add(options, new EntryBudget(timeout ?? DefaultTimeout, memoryLimit));
        options.Strict();
        options.DisableStringCompilation();
        options.TimeoutInterval(timeout ?? DefaultTimeout);
        options.MaxStatements(maxStatements);
        options.LimitMemory(memoryLimit);
        options.LimitRecursion(recursionLimit);
        options.RegexTimeoutInterval(RegexTimeout);
        if (cancellation.CanBeCanceled)
        {
            options.CancellationToken(cancellation);
        }

        return options;
    }
}
