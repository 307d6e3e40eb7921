namespace TrdpSim.Protocol.Datasets;

/// <summary>
/// The set of known dataset definitions, keyed by id, with structural validation. Built once at
/// configuration time; read-only (and thread-safe for readers) afterwards.
/// </summary>
public sealed class DatasetCatalog
{
    /// <summary>Maximum nesting depth below a top-level dataset (TCNopen TAU_MAX_DS_LEVEL).</summary>
    public const int MaxNestingDepth = 5;

    private readonly Dictionary<uint, DatasetDefinition> _definitions = [];

    /// <summary>Number of definitions.</summary>
    public int Count => _definitions.Count;

    /// <summary>All definitions (unordered).</summary>
    internal IEnumerable<DatasetDefinition> Definitions => _definitions.Values;

    /// <summary>Adds a definition. Validation is separate (<see cref="Validate"/>), so definitions may be added in any order.</summary>
    /// <exception cref="ArgumentException">A definition with the same id exists.</exception>
    internal void Add(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!_definitions.TryAdd(definition.Id, definition))
        {
            throw new ArgumentException($"Dataset {definition.Id} is defined twice.", nameof(definition));
        }
    }

    /// <summary>Looks a definition up by id.</summary>
    internal bool TryGet(uint id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DatasetDefinition? definition) =>
        _definitions.TryGetValue(id, out definition);

    /// <summary>Returns the definition with <paramref name="id"/> or throws <see cref="KeyNotFoundException"/>.</summary>
    internal DatasetDefinition Get(uint id) =>
        _definitions.TryGetValue(id, out DatasetDefinition? definition)
            ? definition
            : throw new KeyNotFoundException($"Unknown dataset {id}.");

    /// <summary>
    /// Checks every definition and returns one message per problem (empty = valid): invalid type codes
    /// (0, 17…30), unknown nested dataset ids, reference cycles, nesting deeper than
    /// <see cref="MaxNestingDepth"/> levels below the top-level dataset, and variable arrays
    /// (<c>array-size="0"</c>) not immediately preceded by a scalar (U)INT8/16/32 element that holds the count.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (DatasetDefinition definition in _definitions.Values)
        {
            ValidateElements(definition, errors);
        }

        var depth = new Dictionary<uint, int>();
        var visiting = new HashSet<uint>();
        foreach (DatasetDefinition definition in _definitions.Values)
        {
            int levels = NestingDepth(definition, depth, visiting, errors);
            if (levels > MaxNestingDepth)
            {
                errors.Add($"{definition}: nesting depth {levels} exceeds the maximum of {MaxNestingDepth}.");
            }
        }

        return errors;
    }

    private void ValidateElements(DatasetDefinition definition, List<string> errors)
    {
        IReadOnlyList<DatasetElement> elements = definition.Elements;
        if (elements.Count == 0)
        {
            errors.Add($"{definition}: has no elements.");
        }

        for (int i = 0; i < elements.Count; i++)
        {
            DatasetElement element = elements[i];
            if (!TrdpDataTypes.IsPrimitive(element.Type) && !element.IsNested)
            {
                errors.Add($"{definition}, element '{element.Name}': invalid type code {element.Type}.");
            }
            else if (element.IsNested && !_definitions.ContainsKey(element.Type))
            {
                errors.Add($"{definition}, element '{element.Name}': unknown nested dataset {element.Type}.");
            }

            if (element.IsVariableArray)
            {
                DatasetElement? previous = i > 0 ? elements[i - 1] : null;
                if (previous is null || previous.ArraySize != 1 || !TrdpDataTypes.IsArrayCountType(previous.PrimitiveType))
                {
                    errors.Add(
                        $"{definition}, element '{element.Name}': variable-size array must follow a scalar 8/16/32-bit integer " +
                        $"element holding its count, but the previous element is {(previous is null ? "missing" : $"'{previous}'")}.");
                }
            }
        }
    }

    /// <summary>Levels of nesting below <paramref name="definition"/> (0 = no nested datasets); reports cycles once.</summary>
    private int NestingDepth(DatasetDefinition definition, Dictionary<uint, int> memo, HashSet<uint> visiting, List<string> errors)
    {
        if (memo.TryGetValue(definition.Id, out int known))
        {
            return known;
        }

        if (!visiting.Add(definition.Id))
        {
            errors.Add($"{definition}: is part of a nesting cycle.");
            memo[definition.Id] = 0;
            return 0;
        }

        int deepest = 0;
        foreach (DatasetElement element in definition.Elements)
        {
            if (element.IsNested && _definitions.TryGetValue(element.Type, out DatasetDefinition? nested))
            {
                deepest = Math.Max(deepest, 1 + NestingDepth(nested, memo, visiting, errors));
            }
        }

        visiting.Remove(definition.Id);
        memo.TryAdd(definition.Id, deepest);
        return deepest;
    }
}
