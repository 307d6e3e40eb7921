using System.Globalization;
using TrdpSim.Plan;

namespace TrdpSim.Recording;

/// <summary>When a recording starts its next numbered file (<c>--record-rotate 100MB</c>, <c>--record-rotate 10m</c>,
/// or both): after so many bytes, after so long, whichever comes first.</summary>
/// <param name="Bytes">Size limit of one file; null for none.</param>
/// <param name="Period">Time limit of one file; null for none.</param>
public readonly record struct RecordingRotation(long? Bytes, TimeSpan? Period)
{
    /// <summary>Smallest size limit (a file holds at least its headers and a few packets).</summary>
    public const long MinimumBytes = 64 * 1024;

    /// <summary>Shortest time limit.</summary>
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromSeconds(1);

    /// <summary>True when files are rotated (and therefore numbered).</summary>
    public bool Rotates => Bytes is not null || Period is not null;

    /// <summary>Parses sizes (<c>100MB</c>, <c>512KiB</c>, <c>1GB</c>: B, KB, MB, GB in powers of 1000, KiB, MiB,
    /// GiB in powers of 1024) and durations (<c>10m</c>, <c>30s</c>, <c>1h</c>); at most one of each.</summary>
    public static bool TryParse(IEnumerable<string> values, out RecordingRotation rotation, out string error)
    {
        ArgumentNullException.ThrowIfNull(values);
        rotation = default;
        error = string.Empty;
        long? bytes = null;
        TimeSpan? period = null;
        foreach (var value in values)
        {
            if (TryParseSize(value, out var size))
            {
                if (bytes is not null)
                {
                    error = $"'{value}': a size limit was given twice";
                    return false;
                }

                if (size < MinimumBytes)
                {
                    error = $"'{value}': a file must be allowed at least 64KiB";
                    return false;
                }

                bytes = size;
            }
            else if (DurationParser.TryParse(value, out var time, out _))
            {
                if (period is not null)
                {
                    error = $"'{value}': a time limit was given twice";
                    return false;
                }

                if (time < MinimumPeriod)
                {
                    error = $"'{value}': a file must be allowed at least 1s";
                    return false;
                }

                period = time;
            }
            else
            {
                error = $"'{value}': expected a size (100MB, 512KiB, 1GB) or a duration (10m, 30s, 1h)";
                return false;
            }
        }

        rotation = new RecordingRotation(bytes, period);
        return true;
    }

    /// <summary>e.g. <c>100MB or 10m</c>, <c>none</c>.</summary>
    public override string ToString() =>
        (Bytes, Period) switch
        {
            (null, null) => "none",
            ({ } b, null) => FormatBytes(b),
            (null, { } p) => DurationParser.Format(p),
            ({ } b, { } p) => FormatBytes(b) + " or " + DurationParser.Format(p),
        };

    private static string FormatBytes(long bytes) => bytes.ToString(CultureInfo.InvariantCulture) + "B";

    private static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        long unit = text[digits..].ToUpperInvariant() switch
        {
            "B" => 1,
            "KB" => 1000,
            "MB" => 1000 * 1000,
            "GB" => 1000L * 1000 * 1000,
            "KIB" => 1024,
            "MIB" => 1024 * 1024,
            "GIB" => 1024L * 1024 * 1024,
            _ => 0,
        };
        if (unit == 0 || number > long.MaxValue / unit)
        {
            return false;
        }

        bytes = number * unit;
        return true;
    }
}
