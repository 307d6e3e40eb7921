using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.publish.field]]</c> (or MD <c>[[device.md-call.field]]</c>,
/// <c>[[device.md-reply.field]]</c>) table: a field path and the generator filling it.</summary>
/// <remarks>Keys that the chosen kind does not use are errors, so a typo'd kind is not silently a constant.
/// Only the path's first element is checked against the dataset here; the full path (indices, nested
/// members) and value ranges are checked when the plan is compiled against the dataset layout.</remarks>
internal static class FieldGeneratorBinder
{
    private static readonly (string, GeneratorKind)[] KindWords =
    [
        ("constant", GeneratorKind.Constant), ("counter", GeneratorKind.Counter), ("ramp", GeneratorKind.Ramp),
        ("random", GeneratorKind.Random), ("sequence", GeneratorKind.Sequence), ("stuck-at", GeneratorKind.StuckAt),
        ("out-of-range", GeneratorKind.OutOfRange),
    ];

    /// <summary>Binds one field table; <paramref name="context"/> names it in messages
    /// (<c>[[device.publish.field]]</c>, <c>[[device.md-call.field]]</c>, …).</summary>
    public static FieldGeneratorPlan Bind(TomlTableNode table, DatasetPlan? dataset, string context, PlanErrorSink errors)
    {
        var reader = new TomlTableReader(table, context, errors);
        var field = new FieldGeneratorPlan { Origin = table.Origin };
        if (reader.TryString("field", out string path, out SourceLocation pathAt))
        {
            field.Field = path;
            CheckPath(reader, path, pathAt, dataset);
        }
        else if (table.Find("field") is null)
        {
            reader.Missing("field");
        }

        if (reader.TryWord("kind", KindWords, out GeneratorKind kind))
        {
            field.Kind = kind;
        }

        bool hasValue = Number(reader, "value", field.Kind, out double value, out SourceLocation at);
        field.Value = hasValue ? value : field.Value;
        bool hasStep = Number(reader, "step", field.Kind, out double step, out SourceLocation stepAt);
        field.Step = hasStep ? step : field.Step;
        bool hasMin = Number(reader, "min", field.Kind, out double min, out _);
        field.Min = hasMin ? min : field.Min;
        bool hasMax = Number(reader, "max", field.Kind, out double max, out SourceLocation maxAt);
        field.Max = hasMax ? max : field.Max;
        if (Number(reader, "after", field.Kind, out double after, out SourceLocation afterAt))
        {
            if (after < 0 || after != Math.Floor(after))
            {
                reader.Error(afterAt, "'after' must be a whole number of cycles, 0 or more");
            }
            else
            {
                field.After = (long)after;
            }
        }

        if (reader.Table.Find("values") is { } valuesEntry && !Applies("values", field.Kind))
        {
            NotApplicable(reader, valuesEntry, field.Kind);
        }

        reader.TryNumberArray("values", field.Values, out at);
        CheckKind(reader, field, stepAt, maxAt);
        reader.ReportUnknownKeys();
        return field;
    }

    private static void CheckKind(TomlTableReader reader, FieldGeneratorPlan field, SourceLocation stepAt, SourceLocation maxAt)
    {
        switch (field.Kind)
        {
            case GeneratorKind.Ramp or GeneratorKind.Random or GeneratorKind.StuckAt or GeneratorKind.OutOfRange when field.Min > field.Max:
                reader.Error(maxAt, "'max' must not be below 'min'");
                break;
            case GeneratorKind.Ramp or GeneratorKind.StuckAt or GeneratorKind.OutOfRange when field.Step <= 0:
                reader.Error(stepAt, $"kind \"{KindWord(field.Kind)}\" needs a positive 'step'");
                break;
            case GeneratorKind.Sequence when field.Values.Count == 0:
                reader.Error(reader.Origin, "kind \"sequence\" needs a non-empty 'values' list");
                break;
            default:
                break;
        }

        foreach (double value in field.Values)
        {
            if (!double.IsFinite(value))
            {
                reader.Error(reader.Origin, "'values' must be finite numbers");
                break;
            }
        }
    }

    private static bool Number(TomlTableReader reader, string key, GeneratorKind kind, out double value, out SourceLocation at)
    {
        if (reader.Table.Find(key) is { } entry && !Applies(key, kind))
        {
            NotApplicable(reader, entry, kind);
            reader.Take(key);
            value = 0;
            at = entry.KeyOrigin;
            return false;
        }

        if (!reader.TryNumber(key, out value, out at))
        {
            return false;
        }

        if (!double.IsFinite(value))
        {
            reader.Error(at, $"'{key}' must be a finite number");
            return false;
        }

        return true;
    }

    private static bool Applies(string key, GeneratorKind kind) => kind switch
    {
        GeneratorKind.Constant => key == "value",
        GeneratorKind.Counter => key is "value" or "step",
        GeneratorKind.Ramp => key is "value" or "step" or "min" or "max",
        GeneratorKind.Random => key is "min" or "max",
        GeneratorKind.StuckAt => key is "value" or "step" or "min" or "max" or "after",
        GeneratorKind.OutOfRange => key is "step" or "min" or "max",
        _ => key == "values",
    };

    private static void NotApplicable(TomlTableReader reader, TomlEntry entry, GeneratorKind kind) =>
        reader.Error(entry.KeyOrigin, $"'{entry.Key}' does not apply to kind \"{KindWord(kind)}\"");

    private static string KindWord(GeneratorKind kind)
    {
        foreach ((string word, GeneratorKind value) in KindWords)
        {
            if (value == kind)
            {
                return word;
            }
        }

        return kind.ToString();
    }

    private static void CheckPath(TomlTableReader reader, string path, SourceLocation at, DatasetPlan? dataset)
    {
        int end = path.AsSpan().IndexOfAny('[', '.');
        string root = end < 0 ? path : path[..end];
        if (root.Length == 0)
        {
            reader.Error(at, $"'field' \"{path}\" must start with an element name");
            return;
        }

        if (dataset is null)
        {
            return;
        }

        foreach (DatasetElementPlan element in dataset.Elements)
        {
            if (element.Name == root)
            {
                return;
            }
        }

        reader.Error(at, $"dataset {dataset.Id} ('{dataset.Name}') has no element '{root}'");
    }
}
