using TrdpSim.Plan;

namespace TrdpSim.Scenarios.Packs;

/// <summary>One <c>[[parameter]]</c> of a plugin manifest: a knob users may set with <c>--param name=value</c>.</summary>
internal sealed class PluginParameter
{
    /// <summary>The name used by <c>--param</c> and by the script's <c>plan.param(name, …)</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>number</c>, <c>string</c>, <c>boolean</c> or <c>duration</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The default as the text a <c>--param</c> would give (numbers in invariant form, booleans
    /// <c>true</c>/<c>false</c>, durations such as <c>100ms</c>); passed to the script at every load.</summary>
    public required string DefaultText { get; init; }

    /// <summary>What the parameter changes (empty when the manifest says nothing).</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The <c>[[parameter]]</c> header.</summary>
    public SourceLocation Origin { get; init; }

    /// <summary>Where the <c>type</c> value is written (type mismatches point here).</summary>
    public SourceLocation TypeOrigin { get; init; }

    /// <summary>Where the <c>default</c> value is written (default mismatches point here).</summary>
    public SourceLocation DefaultOrigin { get; init; }
}
