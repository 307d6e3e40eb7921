using System.Text;

namespace TrdpSim.Plan.Faults;

/// <summary>Reads a <see cref="FaultPlan"/> from any <see cref="IFaultOptionSource"/>: the one reader behind
/// TOML <c>[[fault]]</c>, the scenario API's <c>plan.fault()</c> and <see cref="FaultSpec"/>.</summary>
/// <remarks>Keys that belong to another kind are errors (a <c>depth</c> on a loss fault is a typo, not a
/// no-op). The limits of the values (<see cref="FaultRules"/>) are not checked here: the plan validator
/// judges a plan's faults, the fault injector a runtime one.</remarks>
internal static class FaultOptionReader
{
    /// <summary>Reads a fault; returns null when the kind is missing or unknown (other problems are
    /// reported and the fault is still returned, so every error of a file is found in one pass).</summary>
    /// <param name="source">The options.</param>
    /// <param name="origin">Where the fault was declared (kept in <see cref="PlanEntry.Origin"/>).</param>
    /// <param name="defaultName">The name when none is given (e.g. <c>loss-1</c>).</param>
    public static FaultPlan? Read(IFaultOptionSource source, SourceLocation origin, Func<FaultKind, string> defaultName)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(defaultName);
        if (!source.TryText("kind", out var kindText))
        {
            if (!Contains(source.Keys, "kind"))
            {
                source.Error(null, "a fault needs 'kind' (one of " + KindList() + ")");
            }

            return null;
        }

        if (!FaultKinds.TryParse(kindText, out var kind))
        {
            source.Error("kind", $"unknown fault kind '{kindText}' (expected one of {KindList()})");
            return null;
        }

        var parameters = FaultKinds.ParameterKeys(kind);
        var known = FaultKinds.AllKeys();
        foreach (var key in source.Keys)
        {
            // Keys no fault knows are the source's to report (as unknown keys, in its own spelling).
            if (Contains(known, key) && Array.IndexOf(FaultKinds.CommonKeys, key) < 0 && !Contains(parameters, key))
            {
                var own = parameters.Count == 0 ? "it takes none" : "its own are " + string.Join(", ", parameters);
                source.Error(key, $"'{key}' does not apply to a '{FaultKinds.Name(kind)}' fault ({own})");
            }
        }

        var fault = new FaultPlan { Kind = kind, Origin = origin };
        ReadCommon(source, fault);
        foreach (var key in parameters)
        {
            ReadParameter(source, fault, key);
        }

        if (fault.Name.Length == 0)
        {
            fault.Name = defaultName(kind);
        }

        return fault;
    }

    private static void ReadCommon(IFaultOptionSource source, FaultPlan fault)
    {
        if (source.TryText("name", out var name))
        {
            if (name.Length == 0)
            {
                source.Error("name", "'name' must not be empty");
            }
            else
            {
                fault.Name = name;
            }
        }

        if (source.TryText("device", out var device))
        {
            fault.Target.Device = device;
        }

        if (source.TryText("interface", out var face))
        {
            fault.Target.Interface = face;
        }

        if (source.TryText("telegram", out var telegram))
        {
            fault.Target.Telegram = telegram;
        }

        if (source.TryInteger("com-id", 0, uint.MaxValue, out var comId))
        {
            fault.Target.ComId = (uint)comId;
        }

        if (source.TryDuration("start", out var start))
        {
            fault.Start = start;
        }

        if (source.TryDuration("stop", out var stop))
        {
            fault.Stop = stop;
        }

        if (source.TryDuration("ramp-up", out var ramp))
        {
            fault.RampUp = ramp;
        }

        if (source.TryNumber("intensity", out var intensity))
        {
            fault.Intensity = intensity;
        }
    }

    private static void ReadParameter(IFaultOptionSource source, FaultPlan fault, string key)
    {
        switch (key)
        {
            case "probability":
                fault.Probability = Number(source, key, fault.Probability);
                break;
            case "good-to-bad":
                fault.GoodToBad = Number(source, key, fault.GoodToBad);
                break;
            case "bad-to-good":
                fault.BadToGood = Number(source, key, fault.BadToGood);
                break;
            case "loss-in-good":
                fault.LossInGood = Number(source, key, fault.LossInGood);
                break;
            case "loss-in-bad":
                fault.LossInBad = Number(source, key, fault.LossInBad);
                break;
            case "rate-factor":
                fault.RateFactor = Number(source, key, fault.RateFactor);
                break;
            case "drift-ppm":
                fault.DriftPpm = Number(source, key, fault.DriftPpm);
                break;
            case "delay":
                if (source.TryText(key, out var delay))
                {
                    fault.Delay = delay;
                }

                break;
            case "copies":
                fault.Copies = Int32(source, key, fault.Copies);
                break;
            case "depth":
                fault.Depth = Int32(source, key, fault.Depth);
                break;
            case "bits":
                fault.Bits = Int32(source, key, fault.Bits);
                break;
            case "step":
                fault.SequenceStep = UInt32(source, key, fault.SequenceStep);
                break;
            case "etb-topo-count":
                fault.EtbTopoCount = UInt32(source, key, fault.EtbTopoCount);
                break;
            case "op-train-topo-count":
                fault.OpTrainTopoCount = UInt32(source, key, fault.OpTrainTopoCount);
                break;
            case "error-status":
                fault.ErrorStatus = Int32(source, key, fault.ErrorStatus);
                break;
            case "mode":
                fault.SequenceMode = Word(source, key, FaultKinds.SequenceModes, fault.SequenceMode);
                break;
            case "malformation":
                fault.Malformation = Word(source, key, FaultKinds.Malformations, fault.Malformation);
                break;
        }
    }

    private static double Number(IFaultOptionSource source, string key, double fallback) =>
        source.TryNumber(key, out var value) ? value : fallback;

    private static int Int32(IFaultOptionSource source, string key, int fallback) =>
        source.TryInteger(key, int.MinValue, int.MaxValue, out var value) ? (int)value : fallback;

    private static uint UInt32(IFaultOptionSource source, string key, uint fallback) =>
        source.TryInteger(key, 0, uint.MaxValue, out var value) ? (uint)value : fallback;

    private static T Word<T>(IFaultOptionSource source, string key, (string Word, T Value)[] words, T fallback)
    {
        if (!source.TryText(key, out var text))
        {
            return fallback;
        }

        foreach (var (word, value) in words)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var known = new StringBuilder();
        foreach (var (word, _) in words)
        {
            known.Append(known.Length == 0 ? string.Empty : ", ").Append(word);
        }

        source.Error(key, $"'{key}': unknown value '{text}' (expected one of {known})");
        return fallback;
    }

    private static bool Contains(IEnumerable<string> keys, string key)
    {
        foreach (var k in keys)
        {
            if (k == key)
            {
                return true;
            }
        }

        return false;
    }

    private static string KindList() => string.Join(", ", FaultKinds.Names);
}
