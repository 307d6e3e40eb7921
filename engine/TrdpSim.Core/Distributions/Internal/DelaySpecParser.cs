using System.Diagnostics.CodeAnalysis;

namespace TrdpSim.Distributions.Internal;

/// <summary>Parses the textual delay specs documented on <see cref="DelayDistribution.TryCreate"/>.</summary>
/// <remarks>Configuration-time code: it allocates freely and reports every problem as an error string that
/// names the family, the key and the offending text. Family names are case-insensitive; whitespace around
/// tokens is ignored; keys are lower case.</remarks>
internal static class DelaySpecParser
{
    public const string Families = "constant, uniform, normal, lognormal, exponential, pareto, empirical, samples";

    public static bool TryParse(string? spec, [NotNullWhen(true)] out DelayDistribution? distribution, out string error)
    {
        distribution = null;
        if (string.IsNullOrWhiteSpace(spec))
        {
            error = $"empty delay spec (expected e.g. 'constant:5ms' or 'lognormal:median=2ms,p99=20ms'; families: {Families})";
            return false;
        }

        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            error = $"delay spec '{spec}' needs '<family>:<parameters>' (families: {Families})";
            return false;
        }

        string kind = spec[..colon].Trim().ToLowerInvariant();
        string body = spec[(colon + 1)..].Trim();
        if (body.Length == 0)
        {
            error = $"{kind}: missing parameters after ':'";
            return false;
        }

        switch (kind)
        {
            case "constant":
                return Finish(TryDuration(kind, "delay", body, out long delay, out error) &&
                    ConstantDelay.TryCreate(delay, out ConstantDelay? constant, out error) ? constant : null, out distribution, ref error);
            case "uniform":
                return Finish(TryUniform(body, out error), out distribution, ref error);
            case "normal":
                return Finish(TryNormal(body, out error), out distribution, ref error);
            case "lognormal":
                return Finish(TryLogNormal(body, out error), out distribution, ref error);
            case "exponential":
                return Finish(TryExponential(body, out error), out distribution, ref error);
            case "pareto":
                return Finish(TryPareto(body, out error), out distribution, ref error);
            case "empirical":
                return Finish(TryEmpirical(body, out error), out distribution, ref error);
            case "samples":
                return Finish(TrySamples(body, out error), out distribution, ref error);
            default:
                error = $"unknown delay distribution '{kind}' (families: {Families})";
                return false;
        }
    }

    private static bool Finish(DelayDistribution? created, [NotNullWhen(true)] out DelayDistribution? distribution, ref string error)
    {
        distribution = created;
        if (created is not null)
        {
            error = string.Empty;
        }

        return created is not null;
    }

    private static UniformDelay? TryUniform(string body, out string error)
    {
        int dots = body.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            error = $"uniform: expected 'min..max' such as '1ms..10ms' (got '{body}')";
            return null;
        }

        return TryDuration("uniform", "min", body[..dots], out long min, out error) &&
               TryDuration("uniform", "max", body[(dots + 2)..], out long max, out error) &&
               UniformDelay.TryCreate(min, max, out UniformDelay? d, out error) ? d : null;
    }

    private static NormalDelay? TryNormal(string body, out string error) =>
        TryKeys("normal", body, "mean", "stddev", out string mean, out string stddev, out error) &&
        TryDuration("normal", "mean", mean, out long m, out error) &&
        TryDuration("normal", "stddev", stddev, out long s, out error) &&
        NormalDelay.TryCreate(m, s, out NormalDelay? d, out error) ? d : null;

    private static LogNormalDelay? TryLogNormal(string body, out string error) =>
        TryKeys("lognormal", body, "median", "p99", out string median, out string p99, out error) &&
        TryDuration("lognormal", "median", median, out long m, out error) &&
        TryDuration("lognormal", "p99", p99, out long p, out error) &&
        LogNormalDelay.TryCreate(m, p, out LogNormalDelay? d, out error) ? d : null;

    private static ExponentialDelay? TryExponential(string body, out string error) =>
        TryKeys("exponential", body, "mean", null, out string mean, out _, out error) &&
        TryDuration("exponential", "mean", mean, out long m, out error) &&
        ExponentialDelay.TryCreate(m, out ExponentialDelay? d, out error) ? d : null;

    private static ParetoDelay? TryPareto(string body, out string error)
    {
        if (!TryKeys("pareto", body, "scale", "shape", out string scale, out string shape, out error) ||
            !TryDuration("pareto", "scale", scale, out long xm, out error))
        {
            return null;
        }

        if (!DelayText.TryParseNumber(shape, out double alpha))
        {
            error = $"pareto: shape '{shape}' is not a number";
            return null;
        }

        return ParetoDelay.TryCreate(xm, alpha, out ParetoDelay? d, out error) ? d : null;
    }

    private static EmpiricalDelay? TryEmpirical(string body, out string error)
    {
        string[] items = body.Split(',', StringSplitOptions.TrimEntries);
        var points = new PercentilePoint[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            string item = items[i];
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq < 2 || item[0] != 'p' || !DelayText.TryParseNumber(item.AsSpan(1, eq - 1), out double percentile))
            {
                error = $"empirical: expected 'p<percentile>=<duration>' such as 'p99=20ms' (got '{item}')";
                return null;
            }

            if (!TryDuration("empirical", item[..eq].Trim(), item[(eq + 1)..], out long delay, out error))
            {
                return null;
            }

            points[i] = new PercentilePoint(percentile, delay);
        }

        Array.Sort(points, static (a, b) => a.Percentile.CompareTo(b.Percentile));
        for (int i = 1; i < points.Length; i++)
        {
            if (points[i].Percentile == points[i - 1].Percentile)
            {
                error = $"empirical: p{DelayText.FormatNumber(points[i].Percentile)} is given twice";
                return null;
            }
        }

        return EmpiricalDelay.TryCreate(points, out EmpiricalDelay? d, out error) ? d : null;
    }

    private static SampledDelay? TrySamples(string body, out string error)
    {
        string[] items = body.Split(',', StringSplitOptions.TrimEntries);
        var samples = new long[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            if (!TryDuration("samples", $"sample {i + 1}", items[i], out samples[i], out error))
            {
                return null;
            }
        }

        return SampledDelay.TryCreate(samples, out SampledDelay? d, out error) ? d : null;
    }

    private static bool TryDuration(string kind, string key, string text, out long nanoseconds, out string error)
    {
        if (DelayText.TryParseDuration(text, out nanoseconds, out string reason))
        {
            error = string.Empty;
            return true;
        }

        error = $"{kind}: {key}: {reason}";
        return false;
    }

    /// <summary>Reads <c>key=value</c> pairs: every expected key exactly once, nothing else.</summary>
    private static bool TryKeys(string kind, string body, string first, string? second, out string firstValue, out string secondValue, out string error)
    {
        firstValue = string.Empty;
        secondValue = string.Empty;
        bool haveFirst = false;
        bool haveSecond = false;
        string expected = second is null ? $"'{first}=<duration>'" : $"'{first}=…,{second}=…'";
        foreach (string item in body.Split(',', StringSplitOptions.TrimEntries))
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? item : item[..eq].Trim();
            string value = eq < 0 ? string.Empty : item[(eq + 1)..].Trim();
            if (eq < 0)
            {
                error = $"{kind}: expected {expected} (got '{item}')";
                return false;
            }

            if (key == first && !haveFirst)
            {
                (firstValue, haveFirst) = (value, true);
            }
            else if (key == second && !haveSecond)
            {
                (secondValue, haveSecond) = (value, true);
            }
            else
            {
                error = key == first || key == second
                    ? $"{kind}: '{key}' is given twice"
                    : $"{kind}: unknown parameter '{key}' (expected {expected})";
                return false;
            }
        }

        if (!haveFirst || (second is not null && !haveSecond))
        {
            error = $"{kind}: missing '{(haveFirst ? second : first)}' (expected {expected})";
            return false;
        }

        error = string.Empty;
        return true;
    }
}
