using TrdpSim.Plan;

namespace TrdpSim.Scenarios;

/// <summary>One <c>plan.param(name, { type, default })</c> call as the scenario made it.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Type"><c>number</c>, <c>string</c>, <c>boolean</c> or <c>duration</c>.</param>
/// <param name="DefaultText">The script's default as text: numbers in invariant round-trip form, booleans as
/// <c>true</c>/<c>false</c>, strings and durations as written.</param>
/// <param name="Origin">The <c>plan.param</c> call.</param>
/// <remarks>Kept so a plugin manifest's <c>[[parameter]]</c> list can be checked against what the script really declares.</remarks>
internal sealed record ScenarioParameterDeclaration(string Name, string Type, string DefaultText, SourceLocation Origin);
