using TrdpSim.Faults;
using TrdpSim.Plan;
using TrdpSim.Plan.Faults;

namespace TrdpSim.Composition;

/// <summary>Faults injected, repaired and listed while the run goes.</summary>
public sealed partial class RunControl
{
    /// <summary>Injects <paramref name="fault"/> (the keys of a TOML <c>[[fault]]</c>, read by
    /// <see cref="FaultOptionReader"/>); its start, stop and ramp count from the moment it is applied.</summary>
    /// <remarks>Parameters and target are checked at the call (<see cref="ControlOutcome.Invalid"/>,
    /// <see cref="ControlOutcome.NotFound"/>); a name already active is a <see cref="ControlOutcome.Conflict"/>
    /// on the wheel. An unnamed fault is named there (<c>kind-n</c>): the result's
    /// <see cref="ControlResult.Subject"/> carries the name. A journaled scope owns the faults it injects
    /// (<see cref="ControlJournal.Injected"/>).</remarks>
    public ControlCall Inject(ControlScope scope, FaultPlan fault)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(fault);
        if (FaultRules.Check(fault) is { Count: > 0 } problems)
        {
            return Refuse(ControlResult.Invalid(string.Join("; ", problems), fault.Name));
        }

        if (FaultTargets.Problem(_plan, fault) is { } problem)
        {
            return Refuse(ControlResult.NotFound(problem));
        }

        var detail = $"{FaultKinds.Name(fault.Kind)} on {fault.Target}";
        return Apply(scope, ControlActionKind.Inject, fault.Name, detail, context =>
        {
            var taken = fault.Name.Length > 0 && FindActive(fault.Name) is not null;
            try
            {
                var injected = context.Run.Faults.Inject(fault, context.NowNanoseconds);
                context.Journal?.RecordInjected(injected);
                return ControlResult.Applied(injected.Name, $"fault '{injected.Name}' injected ({detail})");
            }
            catch (FaultException e)
            {
                return taken ? ControlResult.Conflict(e.Message, fault.Name) : ControlResult.Invalid(e.Message, fault.Name);
            }
        });
    }

    /// <summary>Takes the active fault called <paramref name="name"/> off at once (planned or injected, by anyone).</summary>
    /// <remarks>A name no active fault has is a <see cref="ControlOutcome.Conflict"/>. Not journaled: a scenario's
    /// repair stays when it settles.</remarks>
    public ControlCall Repair(ControlScope scope, string name)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (string.IsNullOrEmpty(name))
        {
            return Refuse(ControlResult.Invalid("a fault name is needed"));
        }

        return Apply(scope, ControlActionKind.Repair, name, string.Empty, context =>
            context.Run.Faults.Repair(name)
                ? ControlResult.Applied(name, $"fault '{name}' repaired")
                : ControlResult.Conflict($"no active fault called '{name}'", name));
    }

    /// <summary>The faults attached now, read on the wheel thread.</summary>
    public Task<ControlResult<IReadOnlyList<FaultStatus>>> ListFaults() => Query<IReadOnlyList<FaultStatus>>((_, _) =>
    {
        var active = Run.Faults.Active;
        var list = new FaultStatus[active.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var fault = active[i];
            list[i] = new FaultStatus(fault.Name, fault.KindName, fault.TargetText, fault.Intensity, Volatile.Read(ref fault.Strikes), fault.TargetCount);
        }

        return new ControlResult<IReadOnlyList<FaultStatus>>(ControlResult.Applied("faults", $"{list.Length} active"), list);
    });

    private InjectedFault? FindActive(string name)
    {
        foreach (var fault in Run.Faults.Active)
        {
            if (string.Equals(fault.Name, name, StringComparison.Ordinal))
            {
                return fault;
            }
        }

        return null;
    }
}
