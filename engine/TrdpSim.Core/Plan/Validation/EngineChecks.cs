namespace TrdpSim.Plan.Validation;

/// <summary>The engine's own settings (<c>[engine]</c>, or an embedder's <see cref="EnginePlan"/>): the send grid,
/// the spin window, the receive interval, the receive buffer, the real-time priority, the stall threshold and the forced collections' interval must lie where the wait and the stall monitor
/// can honour them.</summary>
internal static class EngineChecks
{
    /// <summary>The shortest interval between forced full collections: each one pauses every thread.</summary>
    public static readonly TimeSpan MinFullCollectionEvery = TimeSpan.FromMinutes(1);

    /// <summary>The longest interval between forced full collections.</summary>
    public static readonly TimeSpan MaxFullCollectionEvery = TimeSpan.FromHours(24);

    /// <summary>The longest receive interval: handling (timeouts, pull requests) waits up to this long, and the
    /// socket buffer must hold an interval's traffic.</summary>
    public static readonly TimeSpan MaxReceiveInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>The smallest receive buffer a socket may ask for: 64 KiB.</summary>
    public const int MinReceiveBufferBytes = 64 * 1024;

    /// <summary>The largest: 1 GiB (Linux records twice the request in an int).</summary>
    public const int MaxReceiveBufferBytes = 1024 * 1024 * 1024;

    public static void Check(EnginePlan engine, PlanReport report)
    {
        if (engine.SendGrid is { } grid && (grid < TimeSpan.FromMicroseconds(1) || grid > TimeSpan.FromMilliseconds(100)))
        {
            report.Value(engine, "send-grid", "'send-grid' must be between 1us and 100ms");
        }

        if (engine.SpinWindow is { } window && (window < TimeSpan.Zero || window > TimeSpan.FromMilliseconds(1)))
        {
            report.Value(engine, "spin-window",
                $"'spin-window' must be \"auto\" or a duration from 0 to 1ms, not \"{Text(window)}\"");
        }

        if (engine.ReceiveInterval is { } receive && (receive < TimeSpan.Zero || receive > MaxReceiveInterval))
        {
            report.Value(engine, "receive-interval",
                $"'receive-interval' must be a duration from 0 to 10ms, not \"{Text(receive)}\"");
        }

        report.Range(engine, "realtime-priority", engine.RealtimePriority, 1, 99);
        report.Range(engine, "receive-buffer-bytes", engine.ReceiveBufferBytes, MinReceiveBufferBytes, MaxReceiveBufferBytes);
        if (engine.StallThreshold < TimeSpan.FromMicroseconds(100) || engine.StallThreshold > TimeSpan.FromSeconds(10))
        {
            report.Value(engine, "stall-threshold", "'stall-threshold' must be between 100us and 10s");
        }

        if (engine.FullCollectionEvery is { } every && (every < MinFullCollectionEvery || every > MaxFullCollectionEvery))
        {
            report.Value(engine, "full-collection-every", "'full-collection-every' must be between 1m and 24h");
        }
    }

    /// <summary>A duration as a file would give it; an embedder's negative value (which no file can hold) keeps its sign.</summary>
    private static string Text(TimeSpan value) =>
        value < TimeSpan.Zero ? "-" + DurationParser.Format(value.Negate()) : DurationParser.Format(value);
}
