namespace TrdpSim.Plan;

/// <summary>The value one scenario parameter took for a run.</summary>
/// <param name="Name">The parameter, as declared with <c>plan.param(name, …)</c>.</param>
/// <param name="Value">The value as text: the <c>--param</c> value when given (for a plugin also its manifest
/// default), else the script's default (numbers in invariant round-trip form, booleans as <c>true</c>/<c>false</c>).</param>
/// <param name="File">The scenario file that declared it.</param>
public sealed record ParameterValue(string Name, string Value, string File);
