namespace TrdpSim.Plan.Validation;

/// <summary>Checks a plan's scenarios against its devices before anything runs: every phase selects
/// telegrams, every hook can fire, claims name devices, and no two scenarios drive the same device.</summary>
public static class ScenarioPlanChecks
{
    public static void Validate(RunPlan plan, List<PlanError> errors)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(errors);
        var claimedBy = new Dictionary<string, (ScenarioPlan Scenario, SourceLocation At)>(StringComparer.Ordinal);
        foreach (var scenario in plan.Scenarios)
        {
            foreach (var phase in scenario.Phases)
            {
                if (!SelectsPublications(plan, phase.Select))
                {
                    errors.Add(new PlanError(phase.Origin, $"phase '{phase.Name}' selects no cyclic publication ({phase.Select})"));
                }
            }

            foreach (var hook in scenario.Hooks)
            {
                if (hook.Kind == HookKind.MdRequest && !HasReplier(plan, hook))
                {
                    errors.Add(new PlanError(hook.Origin, "the mdRequest hook can never fire: no MD replier" +
                        (hook.Device == "*" ? string.Empty : $" on device '{hook.Device}'") + (hook.ComId is { } c ? $" with comId {c}" : string.Empty)));
                }

                if (hook.Kind is HookKind.Telegram or HookKind.Timeout && !HasSubscription(plan, hook))
                {
                    errors.Add(new PlanError(hook.Origin, $"the {hook.Kind.ToString().ToLowerInvariant()} hook can never fire: no subscription" +
                        (hook.Device == "*" ? string.Empty : $" on device '{hook.Device}'") + (hook.ComId is { } c ? $" with comId {c}" : string.Empty)));
                }
            }

            foreach (var (device, at) in Claims(plan, scenario))
            {
                if (device != "*" && !plan.Devices.Exists(d => d.Name == device))
                {
                    errors.Add(new PlanError(at, $"scenario '{scenario.Name}' drives device '{device}', which the plan does not define"));
                    continue;
                }

                foreach (var name in device == "*" ? plan.Devices.ConvertAll(d => d.Name) : [device])
                {
                    if (claimedBy.TryGetValue(name, out var other) && !ReferenceEquals(other.Scenario, scenario))
                    {
                        errors.Add(new PlanError(at, $"scenario '{scenario.Name}' and scenario '{other.Scenario.Name}' (at {other.At}) both drive device '{name}'; run them one after the other or give them different devices"));
                    }
                    else
                    {
                        claimedBy.TryAdd(name, (scenario, at));
                    }
                }
            }
        }
    }

    /// <summary>The devices a scenario drives: its explicit claims, its phases' selections and the targets
    /// of the faults written in its file.</summary>
    public static List<(string Device, SourceLocation At)> Claims(RunPlan plan, ScenarioPlan scenario)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(scenario);
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
                if (fault.Origin.File == file)
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
