using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.publish.field]]</c> (or MD <c>[[device.md-call.field]]</c>,
/// <c>[[device.md-reply.field]]</c>) table: a field path and the generator filling it.</summary>
/// <remarks>Every parameter key is read whatever the kind; which keys a kind reads, and whether the path
/// exists in the dataset, is the validator's rule.</remarks>
internal static class FieldGeneratorBinder
{
    /// <summary>Binds one field table; <paramref name="context"/> names it in messages
    /// (<c>[[device.publish.field]]</c>, <c>[[device.md-call.field]]</c>, …).</summary>
    public static FieldGeneratorPlan Bind(TomlTableNode table, string context, PlanErrorSink errors)
    {
        var field = new FieldGeneratorPlan { Origin = table.Origin };
        var reader = new TomlTableReader(table, context, errors, field.Keys);
        if (reader.TryRequiredString("field", out string path))
        {
            field.Field = path;
        }

        if (reader.TryWord("kind", GeneratorKinds.Words, out GeneratorKind kind))
        {
            field.Kind = kind;
        }

        field.Value = reader.Number("value", field.Value);
        field.Step = reader.Number("step", field.Step);
        field.Min = reader.Number("min", field.Min);
        field.Max = reader.Number("max", field.Max);
        if (reader.TryNumber("after", out double after, out SourceLocation afterAt))
        {
            // A cycle count is whole: anything else has no value in the plan to hold it.
            if (after != Math.Floor(after) || !(Math.Abs(after) <= long.MaxValue / 2))
            {
                reader.Error("after", afterAt, "'after' must be a whole number of cycles, 0 or more");
            }
            else
            {
                field.After = (long)after;
            }
        }

        reader.TryNumberArray("values", field.Values, out _);
        reader.ReportUnknownKeys();
        return field;
    }
}
