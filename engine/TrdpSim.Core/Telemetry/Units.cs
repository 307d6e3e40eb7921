namespace TrdpSim.Telemetry;

/// <summary>Short human formats for counts, durations and sizes in tables and the progress line.</summary>
internal static class Units
{
    /// <summary>1234 → "1234", 12345 → "12.3k", 1234567 → "1.23M".</summary>
    public static string Count(double value) => value switch
    {
        >= 1e9 => $"{value / 1e9:0.00}G",
        >= 1e6 => $"{value / 1e6:0.00}M",
        >= 1e4 => $"{value / 1e3:0.0}k",
        _ => $"{value:0}",
    };

    /// <summary>Nanoseconds as "850ns", "12.4µs", "3.10ms", "1.20s".</summary>
    public static string Duration(long nanoseconds) => nanoseconds switch
    {
        >= 1_000_000_000 => $"{nanoseconds / 1e9:0.00}s",
        >= 1_000_000 => $"{nanoseconds / 1e6:0.00}ms",
        >= 1_000 => $"{nanoseconds / 1e3:0.0}µs",
        _ => $"{nanoseconds}ns",
    };

    /// <summary>Bytes as "512 B", "208 KiB", "4.0 MiB", "1.00 GiB".</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.00} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0} KiB",
        _ => $"{bytes} B",
    };
}
