using TrdpSim.Tests.Infrastructure;
namespace TrdpSim.Tests.Configuration;

/// <summary>TOML's equivalent spellings (dotted keys, inline tables, arrays of inline tables) bind the same,
/// and wrong shapes (a scalar where a table belongs) are errors.</summary>
public sealed class TomlPlanLoaderShapeTests
{
    [Fact]
    public void InlineTablesAndDottedKeysBindLikeHeaders()
    {
        const string toml = """
            run.name = "dotted"
            network = { pd-port = 18000, wait = "sleep" }

            [[dataset]]
            id = 1001
            name = "a"
            element = [{ name = "x", type = "UINT32" }, { name = "y", type = "REAL32", array-size = 2 }]

            [[device]]
            name = "d"
            address = "127.0.0.2"
            publish = [{ com-id = 5, dataset = 1001, destination = "127.0.0.3", field = [{ field = "x", kind = "counter" }] }]
            """;

        PlanLoadResult result = TomlPlanLoader.Load(toml, "t.toml").Validated();

        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;
        Assert.Equal("dotted", plan.Name);
        Assert.Equal(18000, plan.Network.PdPort);
        Assert.Equal(WaitMode.Sleep, plan.Network.Wait);
        Assert.Equal(2, plan.Datasets[0].Elements[1].ArraySize);
        Assert.Equal(new SourceLocation("t.toml", 7, 12), plan.Datasets[0].Elements[0].Origin);
        PublicationPlan publication = Assert.Single(plan.Devices[0].Publications);
        Assert.Equal(5u, publication.ComId);
        Assert.Equal(GeneratorKind.Counter, Assert.Single(publication.Fields).Kind);
        Assert.Equal(new SourceLocation("t.toml", 12, 12), publication.Origin);
    }

    public static TheoryData<string, int, int, string> Cases() => new()
    {
        { "device = \"x\"\n", 1, 10, "'device' must be an array of tables ([[device]]), not a string" },
        { "[run]\nname = \"x\"\n[run.extra]\na = 1\n", 3, 6, "unknown section 'extra' in [run]" },
        { "[[network]]\npd-port = 1\n", 1, 3, "'network' must be a table ([network]), not an array of tables" },
        { "[run]\nseed = -1\n", 2, 8, "'seed' must be between 0 and" },
        { "[run]\nduration = 0\n", 2, 12, "'duration' must be positive" },
        { "[network]\nwheel-tick = \"20ms\"\n", 2, 14, "'wheel-tick' must be between 1us and 10ms" },
        { "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n[[device.publish]]\ncom-id = 1\ncycle = \"10ms\"\noffset = \"10ms\"\ndestination = \"127.0.0.3\"\n", 7, 10, "'offset' must be shorter than 'cycle'" },
        { "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n[[device.publish]]\ncom-id = 4294967295\ncount = 2\ndestination = \"127.0.0.3\"\n", 4, 1, "passes 4294967295" },
        { "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n[[device.subscribe]]\ncom-id = 1\nsource2 = \"127.0.0.4\"\n", 6, 11, "'source2' needs 'source'" },
        { "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n[[device.subscribe]]\ncom-id = 1\ntimeout = \"0ms\"\n", 6, 11, "'timeout' must be positive" },
        { "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n[[device.subscribe]]\ncom-id = 1\ntimeout-behavior = \"hold\"\n", 6, 20, "unknown value \"hold\"" },
        { "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n[[device.publish]]\ncom-id = 1\ndestination = \"127.0.0.3\"\ndataset = 1001\n[[device.publish.field]]\nfield = \"x\"\nkind = \"sawtooth\"\n", 10, 8, "'kind': unknown value \"sawtooth\"" },
        { "[[dataset]]\nid = 1001\nname = \"d\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\n", 8, 8, "duplicate element name 'x'" },
        { "[[dataset]]\nid = 1001\nname = \"d\"\n[[dataset.element]]\nname = \"x\"\ntype = \"1001\"\n", 6, 8, "dataset 1001 cannot contain itself" },
        { "[[dataset]]\nid = 1001\nname = \"d\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\n[[dataset]]\nid = 1001\nname = \"e\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\n", 8, 6, "duplicate dataset id 1001" },
        { "[[dataset]]\nid = 1001\nname = \"d\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\narray-size = -1\n", 7, 14, "'array-size' must be between 0 and" },
        { "[[dataset]]\nid = 1001\nname = \"d\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\n[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n[[device.publish]]\ncom-id = 1\ndestination = \"127.0.0.3\"\ndataset = 1001\n[[device.publish.field]]\nfield = \"x\"\n[[device.publish.field]]\nfield = \"x\"\n", 17, 9, "field 'x' already has a generator" },
        { "[[dataset]]\nid = 1001\nname = \"d\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\n[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n[[device.publish]]\ncom-id = 1\ndestination = \"127.0.0.3\"\ndataset = 1001\n[[device.publish.field]]\nfield = \"x\"\nkind = \"sequence\"\nvalues = [1, \"two\"]\n", 17, 14, "'values' must hold only numbers" },
        { "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n[[device.pull]]\ncom-id = 1\ntarget = \"239.0.0.1\"\n", 6, 10, "'target' must be a host address" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsErrorAtPosition(string toml, int line, int column, string fragment)
    {
        PlanErrorAssert.RefusedAt(toml, line, column, fragment);
    }
}
