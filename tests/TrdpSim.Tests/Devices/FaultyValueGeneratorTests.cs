using TrdpSim.Devices.Generators;

namespace TrdpSim.Tests.Devices;

/// <summary>The generators that model bad sensors: stuck-at and out-of-range.</summary>
public sealed class FaultyValueGeneratorTests
{
    private static List<byte> Run(FieldGenerator generator, int cycles)
    {
        var payload = new byte[1];
        var seen = new List<byte>();
        for (var i = 0; i < cycles; i++)
        {
            generator.Write(payload);
            seen.Add(payload[0]);
        }

        return seen;
    }

    [Fact]
    public void StuckAtRampsForItsCyclesThenFreezes()
    {
        var seen = Run(new StuckAtGenerator("s", 0, TrdpDataType.UInt8, stuck: 99, min: 10, max: 30, step: 10, after: 4), 8);
        Assert.Equal([10, 20, 30, 10, 99, 99, 99, 99], seen);
    }

    [Fact]
    public void OutOfRangeAlternatesJustAboveAndJustBelow()
    {
        var seen = Run(new OutOfRangeGenerator("o", 0, TrdpDataType.UInt8, min: 10, max: 200, step: 5), 4);
        Assert.Equal([205, 5, 205, 5], seen);
    }

    [Fact]
    public void BothKindsAreReadFromTomlAndJavaScript()
    {
        var toml = TomlPlanLoader.Load(SensorPlan(["temp", "speed"], """
              [[device.publish.field]]
              field = "temp"
              kind = "stuck-at"
              value = 85
              min = 20
              max = 30
              after = 50
              [[device.publish.field]]
              field = "speed"
              kind = "out-of-range"
              min = 0
              max = 120
              step = 10
            """), "g.toml").Validated();
        Assert.True(toml.Success, toml.FormatErrors());
        var fields = toml.Plan!.Devices[0].Publications[0].Fields;
        Assert.Equal((GeneratorKind.StuckAt, 85.0, 50L), (fields[0].Kind, fields[0].Value, fields[0].After));
        Assert.Equal((GeneratorKind.OutOfRange, 120.0, 10.0), (fields[1].Kind, fields[1].Max, fields[1].Step));

        var js = ScenarioLoader.Load("""
            export default function (plan) {
              plan.dataset({ id: 1001, elements: [{ name: "temp", type: "UINT8" }] });
              plan.device({ name: "a", address: "10.0.0.1" })
                .publish({ comId: 1, dataset: 1001, destination: "10.0.0.2", fields: [{ field: "temp", kind: "stuck-at", value: 85, after: 3 }] });
            }
            """, "g.js", new Dictionary<string, string>()).Validated();
        Assert.True(js.Success, js.FormatErrors());
        Assert.Equal(3, js.Plan!.Devices[0].Publications[0].Fields[0].After);
    }

    [Theory]
    [InlineData("kind = \"stuck-at\"\nafter = -1", "'after' must be a whole number of cycles")]
    [InlineData("kind = \"out-of-range\"\nstep = 0", "kind \"out-of-range\" needs a positive 'step'")]
    [InlineData("kind = \"out-of-range\"\nvalue = 3", "value")]
    public void BadParametersAreErrors(string field, string message)
    {
        var result = TomlPlanLoader.Load(SensorPlan(["temp"], $"""
              [[device.publish.field]]
              field = "temp"
              {field}
            """), "g.toml").Validated();
        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    /// <summary>Dataset 1001 "sensors" of UINT8 <paramref name="elements"/>, published by device "a" with the given
    /// field tables.</summary>
    private static string SensorPlan(string[] elements, string fields)
    {
        var datasetElements = string.Concat(elements.Select(e => $"""
              [[dataset.element]]
              name = "{e}"
              type = "UINT8"

            """));
        return $"""
            [[dataset]]
            id = 1001
            name = "sensors"
            {datasetElements}
            [[device]]
            name = "a"
            address = "10.0.0.1"

            [[device.publish]]
            com-id = 1
            dataset = 1001
            destination = "10.0.0.2"
            {fields}
            """;
    }
}
