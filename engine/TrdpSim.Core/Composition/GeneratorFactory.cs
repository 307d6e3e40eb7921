using TrdpSim.Devices;
using TrdpSim.Devices.Generators;
using TrdpSim.Plan;
using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Composition;

/// <summary>Creates the field generators of one publication instance from the plan.</summary>
internal static class GeneratorFactory
{
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
