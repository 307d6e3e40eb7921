namespace TrdpSim.Reporting;

/// <summary>How a run's scenarios went, for the summary JSON: their states and errors, and what passed
/// between the engine and JavaScript.</summary>
/// <param name="Scenarios">Each scenario: name, final state, and the error that stopped it (if any).</param>
/// <param name="EventsDelivered">Hook and timeline events handed to JavaScript.</param>
/// <param name="EventsDropped">Events dropped because the bounded queue was full.</param>
/// <param name="MdScriptFallbacks">MD requests a hook did not answer in time (the plan answered).</param>
internal sealed record ScenarioSummary(IReadOnlyList<ScenarioSummaryRow> Scenarios, long EventsDelivered, long EventsDropped, long MdScriptFallbacks);

/// <summary>One scenario's outcome.</summary>
internal sealed record ScenarioSummaryRow(string Name, string State, string? Error);
