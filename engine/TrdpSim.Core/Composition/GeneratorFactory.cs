using TrdpSim.Devices;
using TrdpSim.Devices.Generators;
using TrdpSim.Plan;
using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Composition;

/// <summary>Creates the field generators of one publication instance from the plan.</summary>
internal static class GeneratorFactory
{
    /// <summary>Checks that every generated field exists and is numeric (set-up validation).</summary>
    public static void Validate(PublicationPlan publication, DatasetLayout? layout, List<PlanError> errors) =>
        Validate(publication.Name, publication.DatasetId, publication.Fields, layout, errors);

    /// <summary>Checks the generators of any telegram (publication, MD call or reply) against its dataset.</summary>
    public static void Validate(string owner, uint? datasetId, IReadOnlyList<FieldGeneratorPlan> fields, DatasetLayout? layout, List<PlanError> errors)
    {
        foreach (var field in fields)
        {
            if (layout is null)
            {
                errors.Add(new PlanError(field.Origin, $"'{owner}': field '{field.Field}' needs a dataset"));
                continue;
            }

            if (!TryFind(layout, field.Field, out _))
            {
                errors.Add(new PlanError(field.Origin, $"'{owner}': dataset {datasetId} has no field '{field.Field}'"));
            }

            if (field.Kind == GeneratorKind.Sequence && field.Values.Count == 0)
            {
                errors.Add(new PlanError(field.Origin, $"field '{field.Field}': a sequence needs values"));
            }

            if (field.Kind is GeneratorKind.Ramp or GeneratorKind.Random or GeneratorKind.StuckAt or GeneratorKind.OutOfRange && field.Min > field.Max)
            {
                errors.Add(new PlanError(field.Origin, $"field '{field.Field}': min {field.Min} is above max {field.Max}"));
            }
        }
    }

    public static FieldGenerator[] Create(PublicationPlan publication, DatasetLayout? layout, ulong runSeed, string device, int instance) =>
        Create(publication.Name, publication.Fields, layout, runSeed, device, instance);

    /// <summary>Creates the generators of one telegram instance (validated before).</summary>
    public static FieldGenerator[] Create(string owner, IReadOnlyList<FieldGeneratorPlan> fields, DatasetLayout? layout, ulong runSeed, string device, int instance)
    {
        if (layout is null || fields.Count == 0)
        {
            return [];
        }

        var generators = new FieldGenerator[fields.Count];
        for (var i = 0; i < generators.Length; i++)
        {
            var plan = fields[i];
            TryFind(layout, plan.Field, out var leaf);
            generators[i] = plan.Kind switch
            {
                GeneratorKind.Counter => new CounterGenerator(plan.Field, leaf.Offset, leaf.Type, plan.Value, plan.Step),
                GeneratorKind.Ramp => new RampGenerator(plan.Field, leaf.Offset, leaf.Type, plan.Value, plan.Min, plan.Max, plan.Step),
                GeneratorKind.Random => new RandomGenerator(plan.Field, leaf.Offset, leaf.Type, plan.Min, plan.Max,
                    StableHash.Seed(runSeed, device, owner, instance, plan.Field)),
                GeneratorKind.Sequence => new SequenceGenerator(plan.Field, leaf.Offset, leaf.Type, [.. plan.Values]),
                GeneratorKind.StuckAt => new StuckAtGenerator(plan.Field, leaf.Offset, leaf.Type, plan.Value, plan.Min, plan.Max, plan.Step, plan.After),
                GeneratorKind.OutOfRange => new OutOfRangeGenerator(plan.Field, leaf.Offset, leaf.Type, plan.Min, plan.Max, plan.Step),
                _ => new ConstantGenerator(plan.Field, leaf.Offset, leaf.Type, plan.Value),
            };
        }

        return generators;
    }

    private static bool TryFind(DatasetLayout layout, string path, out DatasetLayoutField field) => layout.TryGetField(path, out field);
}
