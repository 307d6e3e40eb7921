namespace TrdpSim.Scenarios.Runtime;

/// <summary>The parameters one scenario file declared (<c>plan.param</c>) with the value each has now: what
/// <c>run.param(name)</c> reads while the run goes, and what the control plane may change without a restart.</summary>
/// <remarks>Values are kept as text (as <c>--param</c> gives them) and converted to the declared type when a
/// script reads them. Changed on the wheel thread, read on the scenario worker: each read sees one whole value.
/// What the plan function built with a parameter (a cycle, a device count) stays as built: only callbacks that
/// read <c>run.param</c> see a new value.</remarks>
public sealed class LiveParameters
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Type, string Value)> _values = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    internal LiveParameters(string file, IEnumerable<ScenarioParameterDeclaration> declarations, IEnumerable<Plan.ParameterValue> values)
    {
        File = file;
        foreach (var declaration in declarations)
        {
            _values[declaration.Name] = (declaration.Type, declaration.DefaultText);
            _order.Add(declaration.Name);
        }

        foreach (var value in values)
        {
            if (_values.TryGetValue(value.Name, out var entry))
            {
                _values[value.Name] = (entry.Type, value.Value);
            }
        }
    }

    /// <summary>The scenario file that declared them.</summary>
    public string File { get; }

    /// <summary>The declared names, in declaration order.</summary>
    public IReadOnlyList<string> Names => _order;

    /// <summary>The declared type (<c>number</c>, <c>string</c>, <c>boolean</c>, <c>duration</c>) and the value
    /// now, as text; false for a name this scenario did not declare.</summary>
    public bool TryGet(string name, out string type, out string value)
    {
        lock (_lock)
        {
            if (_values.TryGetValue(name, out var entry))
            {
                (type, value) = entry;
                return true;
            }
        }

        type = value = string.Empty;
        return false;
    }

    /// <summary>Why <paramref name="value"/> is no value for <paramref name="name"/>, or null.</summary>
    internal string? Problem(string name, string value)
    {
        if (!TryGet(name, out var type, out _))
        {
            return $"parameter '{name}' is not declared";
        }

        return ScenarioParameters.TryConvert(type, value, out _, out var problem) ? null : $"parameter '{name}' = '{value}': {problem}";
    }

    /// <summary>Sets a declared parameter (checked with <see cref="Problem"/> first); returns the value it had.</summary>
    internal string Set(string name, string value)
    {
        lock (_lock)
        {
            var (type, before) = _values[name];
            _values[name] = (type, value);
            return before;
        }
    }
}
