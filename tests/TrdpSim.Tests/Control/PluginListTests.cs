using static TrdpSim.Tests.Control.ControlServerHarness;

namespace TrdpSim.Tests.Control;

/// <summary><c>GET /api/plugins</c> lists each installed pack with the parameters its manifest declares (name, type,
/// default as <c>--param</c> text, description), the form a client fills to start a run of the pack.</summary>
public sealed class PluginListTests
{
    private const string Manifest = """
        name = "door-check"
        version = "1.2.0"
        api-version = 2
        description = "Doors open and close"

        [[parameter]]
        name = "duration"
        type = "duration"
        default = "60s"
        description = "Length of the run"

        [[parameter]]
        name = "rateFactor"
        type = "number"
        default = 2.5

        [[parameter]]
        name = "doors"
        type = "number"
        default = 8
        description = "Doors per car"

        [[parameter]]
        name = "dut"
        type = "string"
        default = "127.0.11.2"
        description = "Address of the device under test"

        [[parameter]]
        name = "embeddedDut"
        type = "boolean"
        default = true
        description = "Play the DUT on loopback"
        """;

    [Fact]
    public async Task EachPackComesWithItsDeclaredParametersInManifestOrder()
    {
        await using var h = await StartAsync();
        var folder = Path.Combine(h.PluginDirectory, "door-check");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "plugin.toml"), Manifest);
        await File.WriteAllTextAsync(Path.Combine(folder, "scenario.js"), "// the list never runs it\n");
        var broken = Path.Combine(h.PluginDirectory, "broken");
        Directory.CreateDirectory(broken);
        await File.WriteAllTextAsync(Path.Combine(broken, "plugin.toml"), "name = \"broken\"\n");

        var (status, body) = await ReadAsync(h.Anonymous.GetAsync("/api/plugins"));
        Assert.Equal(200, status);
        Assert.Equal(2, body.GetArrayLength());
        var bad = body[0];
        Assert.Equal("broken", bad.GetProperty("folder").GetString());
        Assert.NotNull(bad.GetProperty("problem").GetString());
        Assert.Equal(0, bad.GetProperty("parameters").GetArrayLength());

        var pack = body[1];
        Assert.Equal("door-check", pack.GetProperty("name").GetString());
        var parameters = pack.GetProperty("parameters").EnumerateArray()
            .Select(p => string.Join("|", p.GetProperty("name").GetString(), p.GetProperty("type").GetString(),
                p.GetProperty("default").GetString(), p.GetProperty("description").GetString()))
            .ToList();
        Assert.Equal(
        [
            "duration|duration|60s|Length of the run",
            "rateFactor|number|2.5|",
            "doors|number|8|Doors per car",
            "dut|string|127.0.11.2|Address of the device under test",
            "embeddedDut|boolean|true|Play the DUT on loopback",
        ], parameters);
    }
}
