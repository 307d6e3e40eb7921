using System.Globalization;

namespace TrdpSim.Distributions.Internal;

/// <summary>Nanosecond durations and plain numbers in delay specs: <c>"250ns"</c>, <c>"1.5us"</c>,
/// <c>"2ms"</c>, <c>"0.25s"</c>, and their canonical formatting.</summary>
/// <remarks>
/// The configuration's <c>DurationParser</c> works in 100 ns <see cref="TimeSpan"/> ticks and has no
/// <c>ns</c> unit; delay models are specified in nanoseconds, so they have this small parser.
/// Units: <c>ns</c>, <c>us</c> (also <c>µs</c>, <c>μs</c>), <c>ms</c>, <c>s</c>; a bare <c>0</c> is zero. Values
/// are rounded to the nearest nanosecond. <see cref="FormatDuration"/> writes the largest unit ≤ the value
/// with an exact decimal fraction, so formatting then parsing returns the same nanoseconds.
/// </remarks>
internal static class DelayText
{
    public static bool TryParseDuration(ReadOnlySpan<char> text, out long nanoseconds, out string error)
    {
        nanoseconds = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            error = "empty duration";
            return false;
        }

        if (text is "0")
        {
            error = string.Empty;
            return true;
        }

        int unitStart = text.Length;
        while (unitStart > 0 && (char.IsAsciiLetter(text[unitStart - 1]) || text[unitStart - 1] is '\u00B5' or '\u03BC'))
        {
            unitStart--;
        }

        ReadOnlySpan<char> number = text[..unitStart];
        ReadOnlySpan<char> unit = text[unitStart..];
        long perUnit = unit switch
        {
            "ns" => 1L,
            "us" or "\u00B5s" or "\u03BCs" => 1_000L,
            "ms" => 1_000_000L,
            "s" => 1_000_000_000L,
            _ => 0L,
        };
        if (perUnit == 0)
        {
            error = unit.IsEmpty
                ? $"'{text}' needs a unit (ns, us, ms, s)"
                : $"unknown unit '{unit}' in '{text}' (use ns, us, ms, s)";
            return false;
        }

        if (number.IsEmpty || number[0] == '-' || number[0] == '+' ||
            !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount))
        {
            error = number.Length > 0 && number[0] == '-'
                ? $"'{text}' is negative; delays are not"
                : $"'{text}' is not a duration (expected e.g. 250us, 2ms, 1.5s)";
            return false;
        }

        // Check before multiplying: decimal arithmetic throws on overflow, and user input must not throw.
        if (amount > (decimal)long.MaxValue / perUnit)
        {
            error = $"'{text}' is too large";
            return false;
        }

        decimal ns = decimal.Round(amount * perUnit, MidpointRounding.AwayFromZero);
        if (ns > long.MaxValue)
        {
            error = $"'{text}' is too large";
            return false;
        }

        nanoseconds = (long)ns;
        error = string.Empty;
        return true;
    }

    public static string FormatDuration(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0";
        }

        (long perUnit, string unit) = nanoseconds switch
        {
            >= 1_000_000_000L => (1_000_000_000L, "s"),
            >= 1_000_000L => (1_000_000L, "ms"),
            >= 1_000L => (1_000L, "us"),
            _ => (1L, "ns"),
        };
        return ((decimal)nanoseconds / perUnit).ToString("0.#########", CultureInfo.InvariantCulture) + unit;
    }

    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent | NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Shortest text that parses back to the same double.</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
