using TrdpSim.Plan;
using TrdpSim.Plan.Faults;

namespace TrdpSim.Faults;

/// <summary>A fault that cannot be injected: no telegram matches its target, or a parameter is invalid.</summary>
/// <remarks>The message names the fault and, when it came from a file, where it was declared
/// (<c>file:line:col</c>), so a runtime injection fails as clearly as a plan error.</remarks>
internal sealed class FaultException : Exception
{
    public FaultException(FaultPlan fault, string problem)
        : base(Describe(fault, problem))
    {
        Fault = fault;
    }

    /// <summary>The fault that was refused.</summary>
    public FaultPlan Fault { get; }

    private static string Describe(FaultPlan fault, string problem)
    {
        var at = fault.Origin.File.Length > 0 ? fault.Origin + ": " : string.Empty;
        var name = fault.Name.Length > 0 ? fault.Name : FaultKinds.Name(fault.Kind);
        return $"{at}fault '{name}': {problem}";
    }
}
