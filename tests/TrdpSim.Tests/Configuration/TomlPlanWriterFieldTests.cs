using TrdpSim.Configuration;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;
using Xunit;

namespace TrdpSim.Tests.Configuration;

/// <summary>The writer gives each field generator the keys its kind reads, in a fixed order: a range before its step
/// and value, a counter from its value by its step.</summary>
public sealed class TomlPlanWriterFieldTests
{
    private const string Toml = """
        [[dataset]]
        id = 2501
        name = "one-value"
          [[dataset.element]]
          name = "a"
          type = "REAL64"

        [[device]]
        name = "every-generator"
        address = "127.0.0.25"
          [[device.publish]]
          com-id = 2500
          dataset = 2501
          destination = "127.0.0.26"
            [[device.publish.field]]
            field = "a"
            value = 4
            [[device.publish.field]]
            field = "a"
            kind = "counter"
            step = 2
            value = 10
            [[device.publish.field]]
            field = "a"
            kind = "ramp"
            value = 3
            step = 0.5
            max = 9
            min = 1
            [[device.publish.field]]
            field = "a"
            kind = "random"
            max = 9
            min = 1
            [[device.publish.field]]
            field = "a"
            kind = "sequence"
            values = [1, 2]
            [[device.publish.field]]
            field = "a"
            kind = "stuck-at"
            after = 5
            value = 3
            step = 1
            max = 9
            min = 1
            [[device.publish.field]]
            field = "a"
            kind = "out-of-range"
            step = 1
            max = 9
            min = 1
        """;

    [Fact]
    public void EachGeneratorIsWrittenWithTheKeysOfItsKindInOrder()
    {
        PlanLoadResult read = TomlPlanLoader.Load(Toml, "fields.toml");
        Assert.True(read.Success, read.FormatErrors());

        string written = TomlPlanWriter.Write(read.Plan!);

        Assert.Equal(
            [
                "field value",
                "field kind value step",
                "field kind min max step value",
                "field kind min max",
                "field kind values",
                "field kind min max step value after",
                "field kind min max step",
            ],
            FieldKeys(written));
    }

    /// <summary>The keys of every <c>[[device.publish.field]]</c> table, in written order (read back with the
    /// loader's own syntax tree, which keeps each table's keys in file order).</summary>
    private static List<string> FieldKeys(string toml)
    {
        TomlTableNode root = TomlTreeBuilder.Parse(toml, "written.toml", new PlanErrorSink());
        TomlTableNode publication = root.Find("device")!.TableArray![0].Find("publish")!.TableArray![0];
        return [.. publication.Find("field")!.TableArray!.Select(field => string.Join(' ', field.Entries.Select(entry => entry.Key)))];
    }
}
