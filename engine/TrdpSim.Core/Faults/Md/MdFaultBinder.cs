using TrdpSim.Devices;
using TrdpSim.Plan;

namespace TrdpSim.Faults.Md;

/// <summary>Attaches message-data faults (withheld/late reply, Me error, missing confirm, wrong port)
/// to the callers and repliers of a compiled run.</summary>
internal static class MdFaultBinder
{
    /// <summary>Attaches <paramref name="fault"/> to the MD callers/repliers it targets; returns null and adds
    /// to <paramref name="errors"/> when it matches none.</summary>
    public static InjectedFault? Attach(CompiledRun run, FaultPlan fault, ulong seed, List<string> errors)
    {
        _ = run;
        _ = seed;
        errors.Add($"fault '{fault.Name}': {fault.Kind} is not available yet");
        return null;
    }
}
