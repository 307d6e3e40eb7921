namespace TrdpSim.Plan.Faults;

/// <summary>Where a fault's options are read from: a TOML table, a JavaScript object or a key-value set.
/// Keys are always the kebab-case names of <see cref="FaultKinds"/>; the source maps them to its own
/// spelling and reports errors at its own positions.</summary>
/// <remarks>A <c>Try…</c> read returns false when the key is absent, or when its value has the wrong type
/// (after reporting that through <see cref="Error"/>).</remarks>
internal interface IFaultOptionSource
{
    /// <summary>The kebab-case keys present in the source.</summary>
    IEnumerable<string> Keys { get; }

    bool TryText(string key, out string value);

    bool TryNumber(string key, out double value);

    bool TryInteger(string key, long min, long max, out long value);

    bool TryDuration(string key, out TimeSpan value);

    /// <summary>Reports a problem at <paramref name="key"/>'s value, or at the whole fault when
    /// <paramref name="key"/> is null. A source may throw (the scenario API raises a script error).</summary>
    void Error(string? key, string message);
}
