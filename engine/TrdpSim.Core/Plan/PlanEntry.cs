namespace TrdpSim.Plan;

/// <summary>A plan item that knows where it came from: its own <see cref="Origin"/> and, per key, where each
/// value was written (<see cref="Keys"/>), whichever file and front end that was.</summary>
/// <remarks>The validator reports a rule on a key at <see cref="ValueAt"/>: the key's value when the front end
/// recorded it (a TOML value, the call of a script), else the entry's origin.</remarks>
public abstract class PlanEntry
{
    /// <summary>Where the item was declared (a TOML table header, a script call, an XML element).</summary>
    public SourceLocation Origin { get; set; } = SourceLocation.None;

    /// <summary>Where each key was written; empty for items built in code.</summary>
    public KeyPositions Keys { get; } = new();

    /// <summary>Where the value of <paramref name="key"/> was written, else <see cref="Origin"/>.</summary>
    public SourceLocation ValueAt(string key) => Keys.TryGetValue(key, out var at) ? at : Origin;

    /// <summary>Where <paramref name="key"/> itself was written, else <see cref="Origin"/>.</summary>
    public SourceLocation KeyAt(string key) => Keys.TryGetKey(key, out var at) ? at : Origin;

    /// <summary>Whether the source wrote <paramref name="key"/>.</summary>
    public bool Given(string key) => Keys.IsGiven(key);
}
