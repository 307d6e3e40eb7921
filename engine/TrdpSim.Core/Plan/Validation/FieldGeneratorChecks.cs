using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Plan.Validation;

/// <summary>One field generator: its path exists in the telegram's dataset, it only sets the keys its kind
/// reads, and its numbers make a generator (finite, <c>min</c> ≤ <c>max</c>, a positive step, values to play).</summary>
internal static class FieldGeneratorChecks
{
    public static void Check(FieldGeneratorPlan field, DatasetPlan? dataset, DatasetLayout? layout, PlanReport report)
    {
        CheckPath(field, dataset, layout, report);
        foreach (string key in GeneratorKinds.ParameterKeys)
        {
            if (field.Given(key) && !GeneratorKinds.Reads(field.Kind, key) && PlanReport.Judged(field, "kind"))
            {
                report.Key(field, key, $"'{key}' does not apply to kind \"{GeneratorKinds.Word(field.Kind)}\"");
            }
        }

        Finite(field, "value", field.Value, report);
        Finite(field, "step", field.Step, report);
        Finite(field, "min", field.Min, report);
        Finite(field, "max", field.Max, report);
        if (field.After < 0)
        {
            report.Value(field, "after", "'after' must be a whole number of cycles, 0 or more");
        }

        if (!PlanReport.Judged(field, "kind"))
        {
            return;
        }

        bool ranged = field.Kind is GeneratorKind.Ramp or GeneratorKind.Random or GeneratorKind.StuckAt or GeneratorKind.OutOfRange;
        bool stepped = field.Kind is GeneratorKind.Ramp or GeneratorKind.StuckAt or GeneratorKind.OutOfRange;
        if (ranged && field.Min > field.Max && PlanReport.Judged(field, "min"))
        {
            report.Value(field, "max", "'max' must not be below 'min'");
        }
        else if (stepped && field.Step <= 0)
        {
            report.Value(field, "step", $"kind \"{GeneratorKinds.Word(field.Kind)}\" needs a positive 'step'");
        }
        else if (field.Kind == GeneratorKind.Sequence && field.Values.Count == 0 && PlanReport.Judged(field, "values"))
        {
            report.Entry(field, "kind \"sequence\" needs a non-empty 'values' list");
        }

        foreach (double value in field.Values)
        {
            if (!double.IsFinite(value))
            {
                report.Value(field, "values", "'values' must be finite numbers");
                break;
            }
        }
    }

    /// <summary>The path names an element of the dataset (checked on the dataset as written, so it is
    /// reported even when the dataset has no fixed layout), and then a field of its layout.</summary>
    private static void CheckPath(FieldGeneratorPlan field, DatasetPlan? dataset, DatasetLayout? layout, PlanReport report)
    {
        string path = field.Field;
        int end = path.AsSpan().IndexOfAny('[', '.');
        string root = end < 0 ? path : path[..end];
        if (root.Length == 0)
        {
            report.Value(field, "field", $"'field' \"{path}\" must start with an element name");
            return;
        }

        if (dataset is null)
        {
            return;
        }

        if (!dataset.Elements.Exists(e => e.Name == root))
        {
            report.Value(field, "field", $"dataset {dataset.Id} ('{dataset.Name}') has no element '{root}'");
        }
        else if (layout is not null && !layout.TryGetField(path, out _))
        {
            report.Value(field, "field", $"dataset {dataset.Id} ('{dataset.Name}') has no field '{path}'");
        }
    }

    private static void Finite(FieldGeneratorPlan field, string key, double value, PlanReport report)
    {
        if (!double.IsFinite(value) && GeneratorKinds.Reads(field.Kind, key))
        {
            report.Value(field, key, $"'{key}' must be a finite number");
        }
    }
}
