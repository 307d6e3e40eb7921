namespace TrdpSim.Plan;

/// <summary>How one dataset field gets its value each cycle.</summary>
public sealed class FieldGeneratorPlan : PlanEntry
{
    /// <summary>Field path in the dataset (<c>speed</c>, <c>list[2]</c>, <c>nested[1].a</c>).</summary>
    public string Field { get; set; } = string.Empty;

    public GeneratorKind Kind { get; set; } = GeneratorKind.Constant;

    /// <summary>Constant: the value. Counter/ramp: the start value. Stuck-at: the frozen value.</summary>
    public double Value { get; set; }

    /// <summary>Counter/ramp/stuck-at: the increment per cycle; out-of-range: the distance outside. Default 1.</summary>
    public double Step { get; set; } = 1;

    /// <summary>Ramp and random: lower bound; ramp wraps to it after <see cref="Max"/>.</summary>
    public double Min { get; set; }

    /// <summary>Ramp and random: upper bound (inclusive).</summary>
    public double Max { get; set; } = 100;

    /// <summary>Stuck-at: cycles of live values before the field freezes at <see cref="Value"/>.</summary>
    public long After { get; set; }

    /// <summary>Sequence: the values played in order, repeating.</summary>
    public List<double> Values { get; } = [];
}

/// <summary>Field generator families.</summary>
public enum GeneratorKind
{
    /// <summary>Always <c>value</c>.</summary>
    Constant,

    /// <summary><c>value</c>, <c>value + step</c>, … wrapping at the field type's range.</summary>
    Counter,

    /// <summary>From <c>min</c> by <c>step</c> up to <c>max</c>, then back to <c>min</c>.</summary>
    Ramp,

    /// <summary>Uniform in [<c>min</c>, <c>max</c>], seeded from the run seed.</summary>
    Random,

    /// <summary>The listed <c>values</c>, one per cycle, repeating.</summary>
    Sequence,

    /// <summary>A ramp (<c>min</c>…<c>max</c> by <c>step</c>) for <c>after</c> cycles, then frozen at <c>value</c>.</summary>
    StuckAt,

    /// <summary><c>min − step</c> and <c>max + step</c> in turn: just outside the valid range.</summary>
    OutOfRange,
}
