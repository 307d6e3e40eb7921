using System.Globalization;
using TrdpSim.Protocol;
using TrdpSim.Distributions;

namespace TrdpSim.Plan.Faults;

/// <summary>The limits of every fault parameter, checked the same way for a plan's faults (by the plan
/// validator) and for runtime injections (the injector, <see cref="FaultSpec"/>).</summary>
public static class FaultRules
{
    /// <summary>Most extra copies of a duplicated frame.</summary>
    public const int MaxCopies = 100;

    /// <summary>Most frames that may overtake a held-back frame.</summary>
    public const int MaxDepth = 1000;

    /// <summary>Most bits flipped per frame (every bit of the largest dataset).</summary>
    public const int MaxBits = PdFrame.MaxDatasetLength * 8;

    /// <summary>Largest babbling rate factor.</summary>
    public const double MaxRateFactor = 1000;

    /// <summary>Largest drift magnitude in ppm (a cycle may at most double, and never shrink to nothing).</summary>
    public const double MaxDriftPpm = 900_000;

    /// <summary>Every problem with the parameters of <paramref name="fault"/> (empty when it is valid).</summary>
    /// <remarks>Only the parameters of the fault's own kind are checked: the others are never read.</remarks>
    public static List<string> Check(FaultPlan fault)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(fault.Kind))
        {
            problems.Add("unknown kind");
            return problems;
        }

        if (string.IsNullOrEmpty(fault.Target.Device))
        {
            problems.Add("'device' must name a device or be \"*\"");
        }

        if (fault.Target.Telegram is { Length: 0 })
        {
            problems.Add("'telegram' must not be empty");
        }

        if (fault.Start < TimeSpan.Zero)
        {
            problems.Add("'start' must not be negative");
        }

        if (fault.RampUp < TimeSpan.Zero)
        {
            problems.Add("'ramp-up' must not be negative");
        }

        if (fault.Stop is { } stop && stop <= fault.Start)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"'stop' ({stop.TotalSeconds:0.###}s) must be after 'start' ({fault.Start.TotalSeconds:0.###}s)"));
        }

        Unit(problems, "intensity", fault.Intensity);
        foreach (var key in FaultKinds.ParameterKeys(fault.Kind))
        {
            CheckParameter(problems, fault, key);
        }

        return problems;
    }

    private static void CheckParameter(List<string> problems, FaultPlan fault, string key)
    {
        switch (key)
        {
            case "probability":
                Unit(problems, key, fault.Probability);
                break;
            case "good-to-bad":
                Unit(problems, key, fault.GoodToBad);
                break;
            case "bad-to-good":
                Unit(problems, key, fault.BadToGood);
                break;
            case "loss-in-good":
                Unit(problems, key, fault.LossInGood);
                break;
            case "loss-in-bad":
                Unit(problems, key, fault.LossInBad);
                break;
            case "delay":
                if (!DelayDistribution.TryCreate(fault.Delay, out _, out var error))
                {
                    problems.Add($"'delay': {error}");
                }

                break;
            case "copies":
                Range(problems, key, fault.Copies, 1, MaxCopies);
                break;
            case "depth":
                Range(problems, key, fault.Depth, 1, MaxDepth);
                break;
            case "bits":
                Range(problems, key, fault.Bits, 1, MaxBits);
                break;
            case "step":
                if (fault.SequenceStep == 0)
                {
                    problems.Add("'step' must be at least 1");
                }

                break;
            case "mode":
                if (!Enum.IsDefined(fault.SequenceMode))
                {
                    problems.Add("'mode' is not a sequence fault mode");
                }

                break;
            case "malformation":
                if (!Enum.IsDefined(fault.Malformation))
                {
                    problems.Add("'malformation' is not a malformation");
                }

                break;
            case "rate-factor":
                if (!(fault.RateFactor >= 1 && fault.RateFactor <= MaxRateFactor))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"'rate-factor' must be between 1 and {MaxRateFactor}, got {fault.RateFactor}"));
                }

                break;
            case "drift-ppm":
                if (!(Math.Abs(fault.DriftPpm) <= MaxDriftPpm))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"'drift-ppm' must be between -{MaxDriftPpm} and {MaxDriftPpm}, got {fault.DriftPpm}"));
                }

                break;
        }
    }

    private static void Unit(List<string> problems, string key, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"'{key}' must be between 0 and 1, got {value}"));
        }
    }

    private static void Range(List<string> problems, string key, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"'{key}' must be between {min} and {max}, got {value}"));
        }
    }
}
