using TrdpSim.Tests.Infrastructure;
namespace TrdpSim.Tests.Configuration;

/// <summary>Bad input gives errors at the exact line:col, and all of them at once.</summary>
public sealed class TomlPlanLoaderErrorTests
{
    private const string Device = "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n";

    private const string Dataset = "[[dataset]]\nid = 1001\nname = \"ds\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\n";

    public static TheoryData<string, int, int, string> Cases() => new()
    {
        // Unknown top-level section: at the section's name.
        { "[runn]\nname = \"x\"\n", 1, 2, "unknown section 'runn' in the file" },
        // Unknown key in [[device.publish]]: at the key.
        { Device + "[[device.publish]]\ncom-id = 1\ndestination = \"127.0.0.3\"\ncolour = \"red\"\n", 7, 1, "unknown key 'colour' in [[device.publish]]" },
        // Wrong value type: at the value.
        { Device + "[[device.publish]]\ncom-id = \"1000\"\ndestination = \"127.0.0.3\"\n", 5, 10, "'com-id' must be an integer, not a string" },
        { "[network]\ntraffic-shaping = \"yes\"\n", 2, 19, "'traffic-shaping' must be a boolean" },
        { "[network]\npd-qos = 9\n", 2, 10, "'pd-qos' must be between 0 and 7, got 9" },
        { "[network]\nwait = \"busy\"\n", 2, 8, "'wait': unknown value \"busy\" (expected \"efficient\", \"precision\", \"hybrid\", \"sleep\", \"spin\")" },
        // Bad durations.
        { Device + "[[device.publish]]\ncom-id = 1\ncycle = \"10 parsecs\"\ndestination = \"127.0.0.3\"\n", 6, 9, "'cycle': invalid duration \"10 parsecs\": unknown unit ' parsecs'" },
        { Device + "[[device.publish]]\ncom-id = 1\ncycle = 100\ndestination = \"127.0.0.3\"\n", 6, 9, "'cycle' needs a unit" },
        { Device + "[[device.publish]]\ncom-id = 1\ncycle = \"-10ms\"\ndestination = \"127.0.0.3\"\n", 6, 9, "'cycle': invalid duration \"-10ms\": must not be negative" },
        { Device + "[[device.subscribe]]\ncom-id = 1\ntimeout = \"-1s\"\n", 6, 11, "'timeout': invalid duration \"-1s\": must not be negative" },
        { Device + "[[device.publish]]\ncom-id = 1\ncycle = \"500us\"\ndestination = \"127.0.0.3\"\n", 6, 9, "'cycle' must be 0 (pull-only) or at least 1ms" },
        // Bad addresses.
        { "[[device]]\nname = \"a\"\naddress = \"127.0.0.300\"\n", 3, 11, "'address': invalid IPv4 address \"127.0.0.300\"" },
        { "[[device]]\nname = \"a\"\naddress = \"239.1.1.1\"\n", 3, 11, "'address' must be a host address, not the multicast group 239.1.1.1" },
        { "[[device]]\nname = \"a\"\naddress = \"0.0.0.0\"\n", 3, 11, "'address' must not be 0.0.0.0" },
        { Device + "[[device.subscribe]]\ncom-id = 1\ndestination = \"127.0.0.3\"\n", 6, 15, "'destination' must be a multicast group (224.0.0.0/4)" },
        { "[metrics]\nlisten = \"localhost:80\"\n", 2, 10, "'listen': invalid endpoint" },
        // Unknown dataset element type.
        { "[[dataset]]\nid = 1001\nname = \"ds\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT9\"\n", 6, 8, "unknown element type \"UINT9\"" },
        { "[[dataset]]\nid = 1001\nname = \"ds\"\n[[dataset.element]]\nname = \"x\"\ntype = \"1002\"\n", 6, 8, "element type 1002 is not the id of a defined dataset" },
        { "[[dataset]]\nid = 5\nname = \"ds\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\n", 2, 6, "'id' must be between 31 and 4294967295" },
        { "[[dataset]]\nid = 1001\nname = \"ds\"\n", 1, 1, "a dataset needs at least one element" },
        // Unknown dataset reference.
        { Device + "[[device.publish]]\ncom-id = 1\ndataset = 1002\ndestination = \"127.0.0.3\"\n", 6, 11, "'dataset' 1002 is not defined by any dataset" },
        // Duplicate device name: at the second name's value.
        { Device + "[[device]]\nname = \"a\"\naddress = \"127.0.0.3\"\n", 5, 8, "duplicate device name 'a' (first defined at t.toml:1:1)" },
        { Device + "[[device]]\nname = \"b\"\naddress = \"127.0.0.2\"\n", 6, 11, "duplicate device address 127.0.0.2" },
        // Duplicate default telegram names.
        { Device + "[[device.publish]]\ncom-id = 7\ndestination = \"127.0.0.3\"\n[[device.publish]]\ncom-id = 7\ndestination = \"127.0.0.4\"\n", 7, 1, "duplicate publication name 'pd-7' on this device (first at t.toml:4:1) (set 'name'" },
        // Required keys: at the table header.
        { "[[device]]\naddress = \"127.0.0.2\"\n", 1, 1, "missing required key 'name' in [[device]]" },
        { Device + "[[device.publish]]\ncom-id = 1\n", 4, 1, "missing required key 'destination' in [[device.publish]]" },
        { Device + "[[device.pull]]\ncom-id = 1\n", 4, 1, "missing required key 'target' in [[device.pull]]" },
        { Device + "[[device.poll-statistics]]\ninterval = \"1s\"\n", 4, 1, "missing required key 'target' in [[device.poll-statistics]]" },
        { Device + "[[device.poll-statistics]]\ntarget = \"127.0.0.3\"\nperiod = \"1s\"\n", 6, 1, "period" },
        // Ranges and combinations.
        { Device + "[[device.publish]]\ncom-id = 1\ncount = 100001\ndestination = \"127.0.0.3\"\n", 6, 9, "'count' must be between 1 and 100000" },
        { Device + "[[device.publish]]\ncom-id = 1\npayload-length = 1433\ndestination = \"127.0.0.3\"\n", 6, 18, "'payload-length' must be between 0 and 1432" },
        { Dataset + Device + "[[device.publish]]\ncom-id = 1\ndataset = 1001\npayload-length = 4\ndestination = \"127.0.0.3\"\n", 13, 18, "either 'dataset' or 'payload-length'" },
        // Fields.
        { Device + "[[device.publish]]\ncom-id = 1\npayload-length = 4\ndestination = \"127.0.0.3\"\n[[device.publish.field]]\nfield = \"x\"\n", 8, 1, "fields need a dataset" },
        { Dataset + Device + "[[device.publish]]\ncom-id = 1\ndataset = 1001\ndestination = \"127.0.0.3\"\n[[device.publish.field]]\nfield = \"y\"\n", 15, 9, "dataset 1001 ('ds') has no element 'y'" },
        { Dataset + Device + "[[device.publish]]\ncom-id = 1\ndataset = 1001\ndestination = \"127.0.0.3\"\n[[device.publish.field]]\nfield = \"x\"\nkind = \"ramp\"\nmin = 5\nmax = 1\n", 18, 7, "'max' must not be below 'min'" },
        { Dataset + Device + "[[device.publish]]\ncom-id = 1\ndataset = 1001\ndestination = \"127.0.0.3\"\n[[device.publish.field]]\nfield = \"x\"\nkind = \"sequence\"\n", 14, 1, "kind \"sequence\" needs a non-empty 'values' list" },
        { Dataset + Device + "[[device.publish]]\ncom-id = 1\ndataset = 1001\ndestination = \"127.0.0.3\"\n[[device.publish.field]]\nfield = \"x\"\nkind = \"random\"\nstep = 2\n", 17, 1, "'step' does not apply to kind \"random\"" },
        // TOML syntax errors come through with their position.
        { "[run\nname = \"x\"\n", 1, 5, "expecting `]`" },
        { "[run]\nname = \n", 2, 8, "expecting a value" },
        { "[run]\nname = \"a\"\nname = \"b\"\n", 3, 1, "already defined" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsErrorAtPosition(string toml, int line, int column, string fragment)
    {
        PlanErrorAssert.RefusedAt(toml, line, column, fragment);
    }

    [Fact]
    public void CollectsAllErrorsSortedByPosition()
    {
        const string toml = """
            [[device]]
            name = "a"
            address = "127.0.0.999"
            speed = 3

            [[device.publish]]
            com-id = 1
            cycle = "fast"
            destination = "127.0.0.3"

            [extra]
            x = 1

            [network]
            pd-port = 0
            """;

        PlanLoadResult result = TomlPlanLoader.Load(toml, "multi.toml").Validated();

        Assert.False(result.Success);
        Assert.Collection(
            result.Errors,
            e => Assert.Equal((3, 11), (e.Location.Line, e.Location.Column)),
            e => Assert.Equal((4, 1), (e.Location.Line, e.Location.Column)),
            e => Assert.Equal((8, 9), (e.Location.Line, e.Location.Column)),
            e => Assert.Equal((11, 2), (e.Location.Line, e.Location.Column)),
            e => Assert.Equal((15, 11), (e.Location.Line, e.Location.Column)));
        Assert.StartsWith("multi.toml:3:11: error: 'address'", result.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AValueThatDoesNotParseIsReportedOnce()
    {
        PlanLoadResult result = TomlPlanLoader.Load("[[device]]\nname = \naddress = \"127.0.0.2\"\n", "t.toml");

        PlanError error = Assert.Single(result.Errors);
        Assert.Equal(new SourceLocation("t.toml", 2, 8), error.Location);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ValuesNestedPastTheParsersDepthAreAnErrorNotAnException(bool arrays)
    {
        // Tomlyn throws (not a diagnostic) past 64 levels: `trdpsim validate` said "internal error" with a stack trace
        // and the daemon's POST /api/runs answered a bare 500.
        string value = arrays
            ? new string('[', 100) + new string(']', 100)
            : string.Concat(Enumerable.Repeat("{x=", 100)) + "1" + new string('}', 100);
        PlanLoadResult result = TomlPlanLoader.Load($"a = {value}\n", "deep.toml");

        PlanError error = Assert.Single(result.Errors);
        Assert.Equal("deep.toml", error.Location.File);
        Assert.Equal("arrays or inline tables nested too deep (at most 64 levels)", error.Message);
    }

    [Fact]
    public void ADeviceFileIsRefusedNotReadUntilMemoryRunsOut()
    {
        // /dev/zero has a length of 0 and never ends: File.ReadAllText read it until the process died.
        PlanLoadResult result = TomlPlanLoader.LoadFile("/dev/zero");

        PlanError error = Assert.Single(result.Errors);
        Assert.Equal(new SourceLocation("/dev/zero", 0, 0), error.Location);
        Assert.Equal("not a regular file (a character device): only a file that ends can be read", error.Message);
    }

    [Fact]
    public async Task AFifoIsRefusedWithoutWaitingForAWriter()
    {
        // Opening a FIFO for reading waits for a writer: `trdpsim validate`, and the daemon's POST /api/runs, hung.
        string folder = Directory.CreateTempSubdirectory("trdpsim-fifo-").FullName;
        string fifo = Path.Combine(folder, "plan.toml");
        try
        {
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
            {
                await mkfifo.WaitForExitAsync();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            Task<PlanLoadResult> load = Task.Run(() => TomlPlanLoader.LoadFile(fifo));
            bool answered = await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(10))) == load;
            if (!answered)
            {
                // A reader waits on the FIFO: opening it for writing returns at once, and closing it ends that read.
                using var release = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            }

            Assert.True(answered, "reading a FIFO as a plan file waited for a writer");
            PlanError error = Assert.Single((await load).Errors);
            Assert.Equal("not a regular file (a FIFO): only a file that ends can be read", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void MissingFileIsAnErrorNotAnException()
    {
        PlanLoadResult result = TomlPlanLoader.LoadFile("/nonexistent/run.toml");

        PlanError error = Assert.Single(result.Errors);
        Assert.Contains("cannot read the file", error.Message, StringComparison.Ordinal);
    }
}
