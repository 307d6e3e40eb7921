using System.Globalization;

namespace TrdpSim.Plan.Validation;

/// <summary>Scenarios: their own numbers (lifecycle, phases, timeline, hooks), then against the plan's
/// devices: every phase selects telegrams, every hook can fire, claims name devices, and no two scenarios
/// drive the same device.</summary>
internal static class ScenarioChecks
{
    public static void Check(RunPlan plan, PlanReport report)
    {
        foreach (var scenario in plan.Scenarios)
        {
            CheckOwnValues(scenario, report);
        }

        var claimedBy = new Dictionary<string, (ScenarioPlan Scenario, SourceLocation At)>(StringComparer.Ordinal);
        foreach (var scenario in plan.Scenarios)
        {
            foreach (var phase in scenario.Phases)
            {
                if (!SelectsPublications(plan, phase.Select))
                {
                    report.At(phase.Origin, $"phase '{phase.Name}' selects no cyclic publication ({phase.Select})");
                }
            }

            foreach (var hook in scenario.Hooks)
            {
                if (hook.Kind == HookKind.MdRequest && !HasReplier(plan, hook))
                {
                    report.At(hook.Origin, "the mdRequest hook can never fire: no MD replier" +
                        (hook.Device == "*" ? string.Empty : $" on device '{hook.Device}'") + (hook.ComId is { } c ? $" with comId {c}" : string.Empty));
                }

                if (hook.Kind is HookKind.Telegram or HookKind.Timeout && !HasSubscription(plan, hook))
                {
                    report.At(hook.Origin, $"the {hook.Kind.ToString().ToLowerInvariant()} hook can never fire: no subscription" +
                        (hook.Device == "*" ? string.Empty : $" on device '{hook.Device}'") + (hook.ComId is { } c ? $" with comId {c}" : string.Empty));
                }
            }

            foreach (var (device, at) in Claims(plan, scenario))
            {
                if (device != "*" && !plan.Devices.Exists(d => d.Name == device))
                {
                    report.At(at, $"scenario '{scenario.Name}' drives device '{device}', which the plan does not define");
                    continue;
                }

                foreach (var name in device == "*" ? plan.Devices.ConvertAll(d => d.Name) : [device])
                {
                    if (claimedBy.TryGetValue(name, out var other) && !ReferenceEquals(other.Scenario, scenario))
                    {
                        report.At(at, $"scenario '{scenario.Name}' and scenario '{other.Scenario.Name}' (at {other.At}) both drive device '{name}'; run them one after the other or give them different devices");
                    }
                    else
                    {
                        claimedBy.TryAdd(name, (scenario, at));
                    }
                }
            }
        }
    }

    private static void CheckOwnValues(ScenarioPlan scenario, PlanReport report)
    {
        if (scenario.ActiveFor is { } activeFor)
        {
            report.Positive(scenario, "active-for", activeFor);
        }

        if (scenario.Settle < TimeSpan.Zero)
        {
            report.Value(scenario, "settle", "'settle' must not be negative");
        }

        foreach (var phase in scenario.Phases)
        {
            report.Positive(phase, "duration", phase.Duration);
            if (phase.Ramp < TimeSpan.Zero)
            {
                report.Value(phase, "ramp", "'ramp' must not be negative");
            }
            else if (phase.Duration > TimeSpan.Zero && phase.Ramp > phase.Duration && PlanReport.Judged(phase, "duration"))
            {
                report.Value(phase, "ramp", "'ramp' must not be longer than the phase's duration");
            }

            Factor(phase, "pd-rate", phase.PdRate, report);
            Factor(phase, "md-rate", phase.MdRate, report);
            if (!PlanReport.IsProbability(phase.ActiveFraction))
            {
                report.Value(phase, "active-fraction", "'active-fraction' must be between 0 and 1");
            }
        }

        foreach (var entry in scenario.Timeline)
        {
            if (entry.Until is { } until && until <= entry.At)
            {
                report.Value(entry, "until", "'until' must be later than the first call");
            }
        }

        foreach (var hook in scenario.Hooks)
        {
            report.Range(hook, "sample", hook.Sample, 1, int.MaxValue);
        }
    }

    private static void Factor(PhasePlan phase, string key, double value, PlanReport report)
    {
        if (!(value > 0 && value <= PlanLimits.MaxPhaseFactor))
        {
            report.Value(phase, key, string.Create(CultureInfo.InvariantCulture, $"'{key}' must be a multiplier above 0 and at most {PlanLimits.MaxPhaseFactor}"));
        }
    }

    /// <summary>The devices a scenario drives: its explicit claims, its phases' selections and the targets
    /// of the faults written in its file (a fault on a device the plan lacks is the fault checks' to report).</summary>
    private static List<(string Device, SourceLocation At)> Claims(RunPlan plan, ScenarioPlan scenario)
    {
        var claims = new List<(string, SourceLocation)>();
        foreach (var device in scenario.Claims)
        {
            claims.Add((device, scenario.Origin));
        }

        foreach (var phase in scenario.Phases)
        {
            claims.Add((phase.Select.Device, phase.Origin));
        }

        if (scenario.SourcePath is { } file)
        {
            foreach (var fault in plan.Faults)
            {
                if (fault.Origin.File == file && (fault.Target.Device == "*" || plan.Devices.Exists(d => d.Name == fault.Target.Device)))
                {
                    claims.Add((fault.Target.Device, fault.Origin));
                }
            }
        }

        return claims;
    }

    private static bool SelectsPublications(RunPlan plan, FaultTarget select)
    {
        foreach (var device in plan.Devices)
        {
            if (select.Device != "*" && select.Device != device.Name)
            {
                continue;
            }

            foreach (var publication in device.Publications)
            {
                if (publication.Cycle > TimeSpan.Zero && (select.Telegram is null || select.Telegram == publication.Name) && ComIdIn(select.ComId, publication.ComId, publication.Count, publication.ComIdStep))
                {
                    return true;
                }
            }

            foreach (var caller in device.MdCallers)
            {
                if (select.Telegram is null || select.Telegram == caller.Name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasReplier(RunPlan plan, HookPlan hook) =>
        plan.Devices.Exists(d => (hook.Device == "*" || hook.Device == d.Name) && d.MdRepliers.Exists(r => hook.ComId is not { } c || c == r.ComId));

    private static bool HasSubscription(RunPlan plan, HookPlan hook)
    {
        foreach (var device in plan.Devices)
        {
            if (hook.Device != "*" && hook.Device != device.Name)
            {
                continue;
            }

            foreach (var subscription in device.Subscriptions)
            {
                if (ComIdIn(hook.ComId, subscription.ComId, subscription.Count, subscription.ComIdStep))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ComIdIn(uint? wanted, uint first, int count, uint step)
    {
        if (wanted is not { } comId)
        {
            return true;
        }

        for (long i = 0; i < count; i++)
        {
            if (first + (i * step) == comId)
            {
                return true;
            }
        }

        return false;
    }
}
