namespace TrdpSim.Plan;

/// <summary>The one name table of the field generator kinds (TOML <c>kind</c>, JavaScript <c>kind</c>, messages)
/// and the keys each kind reads.</summary>
public static class GeneratorKinds
{
    /// <summary>Every kind with its word, in documentation order.</summary>
    public static readonly (string Word, GeneratorKind Value)[] Words =
    [
        ("constant", GeneratorKind.Constant), ("counter", GeneratorKind.Counter), ("ramp", GeneratorKind.Ramp),
        ("random", GeneratorKind.Random), ("sequence", GeneratorKind.Sequence), ("stuck-at", GeneratorKind.StuckAt),
        ("out-of-range", GeneratorKind.OutOfRange),
    ];

    /// <summary>The parameter keys a generator may have besides <c>field</c> and <c>kind</c>.</summary>
    public static readonly string[] ParameterKeys = ["value", "step", "min", "max", "after", "values"];

    /// <summary>The word of <paramref name="kind"/> (e.g. <c>stuck-at</c>).</summary>
    public static string Word(GeneratorKind kind)
    {
        foreach ((string word, GeneratorKind value) in Words)
        {
            if (value == kind)
            {
                return word;
            }
        }

        return kind.ToString();
    }

    /// <summary>Whether a generator of <paramref name="kind"/> reads <paramref name="key"/>.</summary>
    public static bool Reads(GeneratorKind kind, string key) => kind switch
    {
        GeneratorKind.Constant => key == "value",
        GeneratorKind.Counter => key is "value" or "step",
        GeneratorKind.Ramp => key is "value" or "step" or "min" or "max",
        GeneratorKind.Random => key is "min" or "max",
        GeneratorKind.StuckAt => key is "value" or "step" or "min" or "max" or "after",
        GeneratorKind.OutOfRange => key is "step" or "min" or "max",
        _ => key == "values",
    };
}
