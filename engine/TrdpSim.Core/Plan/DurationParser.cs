using System.Globalization;

namespace TrdpSim.Plan;

/// <summary>Reads and writes human durations: <c>"250us"</c>, <c>"100ms"</c>, <c>"1.5s"</c>, <c>"2m"</c>,
/// <c>"1h"</c>, and sums such as <c>"1m30s"</c>.</summary>
/// <remarks>
/// Units: <c>us</c> (also <c>µs</c>/<c>μs</c>), <c>ms</c>, <c>s</c>, <c>m</c> (minutes), <c>h</c>. A number may
/// have a decimal fraction; the result must be a whole number of 100 ns ticks. A bare <c>"0"</c> is zero.
/// No sign (durations are never negative: a leading '-' is refused as such), no spaces inside, units are lower case.
/// </remarks>
public static class DurationParser
{
    private const decimal MaxTicks = long.MaxValue;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with the reason.</summary>
    public static TimeSpan Parse(string text)
    {
        if (!TryParse(text, out TimeSpan value, out string error))
        {
            throw new FormatException(error);
        }

        return value;
    }

    /// <summary>Parses <paramref name="text"/> without throwing.</summary>
    public static bool TryParse(string? text, out TimeSpan value) => TryParse(text, out value, out _);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty duration";
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        if (text[0] == '-')
        {
            // Said plainly: "expected a number at '-10ms'" hid that the sign is the problem.
            error = "must not be negative";
            return false;
        }

        decimal ticks = 0;
        int i = 0;
        while (i < text.Length)
        {
            int numberStart = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (i == numberStart)
            {
                error = $"expected a number at '{text[i..]}'";
                return false;
            }

            ReadOnlySpan<char> number = text.AsSpan(numberStart, i - numberStart);
            if (number[0] == '.' || number[^1] == '.' ||
                !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount))
            {
                error = $"'{number}' is not a number";
                return false;
            }

            int unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.')
            {
                i++;
            }

            ReadOnlySpan<char> unit = text.AsSpan(unitStart, i - unitStart);
            long perUnit = TicksPerUnit(unit);
            if (perUnit == 0)
            {
                error = unit.Length == 0
                    ? $"'{number}' needs a unit (us, ms, s, m, h)"
                    : $"unknown unit '{unit}' (use us, ms, s, m, h)";
                return false;
            }

            // Compared before multiplying: a number of 26 digits times the ticks of its unit is past decimal's
            // range, and the product threw instead of reporting (found by fuzzing the TOML loader).
            if (amount > (MaxTicks - ticks) / perUnit)
            {
                error = "duration too large";
                return false;
            }

            ticks += amount * perUnit;
        }

        if (decimal.Truncate(ticks) != ticks)
        {
            error = "duration finer than 100 ns";
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Writes <paramref name="value"/> in the largest unit that represents it exactly
    /// (<c>"100ms"</c>, <c>"1.5s"</c>, <c>"250us"</c>); parses back to the same value.</summary>
    public static string Format(TimeSpan value)
    {
        long ticks = value.Ticks;
        if (ticks == 0)
        {
            return "0";
        }

        if (ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "durations are not negative");
        }

        if (ticks % TimeSpan.TicksPerHour == 0)
        {
            return Whole(ticks / TimeSpan.TicksPerHour, "h");
        }

        if (ticks % TimeSpan.TicksPerMinute == 0)
        {
            return Whole(ticks / TimeSpan.TicksPerMinute, "m");
        }

        if (ticks >= TimeSpan.TicksPerSecond)
        {
            return Fraction(ticks, TimeSpan.TicksPerSecond, "s");
        }

        if (ticks >= TimeSpan.TicksPerMillisecond)
        {
            return Fraction(ticks, TimeSpan.TicksPerMillisecond, "ms");
        }

        return Fraction(ticks, TimeSpan.TicksPerMicrosecond, "us");
    }

    private static string Whole(long amount, string unit) =>
        amount.ToString(CultureInfo.InvariantCulture) + unit;

    private static string Fraction(long ticks, long perUnit, string unit) =>
        ((decimal)ticks / perUnit).ToString("0.#######", CultureInfo.InvariantCulture) + unit;

    private static long TicksPerUnit(ReadOnlySpan<char> unit) => unit switch
    {
        "us" or "\u00B5s" or "\u03BCs" => TimeSpan.TicksPerMicrosecond,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        "h" => TimeSpan.TicksPerHour,
        _ => 0,
    };
}
