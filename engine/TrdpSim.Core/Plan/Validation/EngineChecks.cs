namespace TrdpSim.Plan.Validation;

/// <summary>The engine's own settings (<c>[engine]</c>, or an embedder's <see cref="EnginePlan"/>): the send grid,
/// the spin window, the real-time priority and the stall threshold must lie where the wait and the stall monitor
/// can honour them.</summary>
internal static class EngineChecks
{
    public static void Check(EnginePlan engine, PlanReport report)
    {
        if (engine.SendGrid is { } grid && (grid < TimeSpan.FromMicroseconds(1) || grid > TimeSpan.FromMilliseconds(100)))
        {
            report.Value(engine, "send-grid", "'send-grid' must be between 1us and 100ms");
        }

        if (engine.SpinWindow is { } window && (window < TimeSpan.Zero || window > TimeSpan.FromMilliseconds(1)))
        {
            report.Value(engine, "spin-window",
                $"'spin-window' must be \"auto\" or a duration from 0 to 1ms, not \"{DurationParser.Format(window)}\"");
        }

        report.Range(engine, "realtime-priority", engine.RealtimePriority, 1, 99);
        if (engine.StallThreshold < TimeSpan.FromMicroseconds(100) || engine.StallThreshold > TimeSpan.FromSeconds(10))
        {
            report.Value(engine, "stall-threshold", "'stall-threshold' must be between 100us and 10s");
        }
    }
}
