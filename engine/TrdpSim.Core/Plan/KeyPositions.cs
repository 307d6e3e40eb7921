namespace TrdpSim.Plan;

/// <summary>Where each key of one plan entry was written — the key itself and its value — as the front end
/// read them, so a rule judged long after parsing still points at the exact key.</summary>
/// <remarks>
/// Keys use the plan's one spelling, the TOML one (kebab-case: <c>payload-length</c>); a front end that
/// spells them otherwise (JavaScript: <c>payloadLength</c>) records them under that spelling. A key is
/// <em>given</em> when the source wrote it. A key whose value the front end could not read (wrong type,
/// unparsable, missing although required) is <em>reported</em>: the front end has named that problem and
/// the entry holds a default in its place, so the validator judges no rule on it.
/// </remarks>
public sealed class KeyPositions
{
    private Dictionary<string, (SourceLocation Key, SourceLocation Value)>? _given;
    private HashSet<string>? _reported;

    /// <summary>The keys the source wrote, in the order they were recorded.</summary>
    public IEnumerable<string> Given => _given is null ? [] : _given.Keys;

    /// <summary>Records <paramref name="key"/> as given, written at <paramref name="keyAt"/> with its value at
    /// <paramref name="valueAt"/> (the first record of a key wins).</summary>
    public void Record(string key, SourceLocation keyAt, SourceLocation valueAt)
    {
        _given ??= new Dictionary<string, (SourceLocation, SourceLocation)>(StringComparer.Ordinal);
        _given.TryAdd(key, (keyAt, valueAt));
    }

    /// <summary>Records <paramref name="key"/> as given at <paramref name="at"/> (key and value alike, e.g. a
    /// script call that passed it).</summary>
    public void Record(string key, SourceLocation at) => Record(key, at, at);

    /// <summary>The front end reported a problem with <paramref name="key"/> itself; rules on it stay silent.</summary>
    public void MarkReported(string key) => (_reported ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);

    public bool IsGiven(string key) => _given is not null && _given.ContainsKey(key);

    public bool IsReported(string key) => _reported is not null && _reported.Contains(key);

    /// <summary>Where the value of <paramref name="key"/> was written.</summary>
    public bool TryGetValue(string key, out SourceLocation at)
    {
        at = SourceLocation.None;
        if (_given is null || !_given.TryGetValue(key, out var positions))
        {
            return false;
        }

        at = positions.Value;
        return true;
    }

    /// <summary>Where <paramref name="key"/> itself was written.</summary>
    public bool TryGetKey(string key, out SourceLocation at)
    {
        at = SourceLocation.None;
        if (_given is null || !_given.TryGetValue(key, out var positions))
        {
            return false;
        }

        at = positions.Key;
        return true;
    }

    /// <summary>Adds every record and mark of <paramref name="other"/> (one source table that became several entries).</summary>
    public void CopyFrom(KeyPositions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (key, positions) in other._given ?? [])
        {
            Record(key, positions.Key, positions.Value);
        }

        foreach (var key in other._reported ?? [])
        {
            MarkReported(key);
        }
    }
}
