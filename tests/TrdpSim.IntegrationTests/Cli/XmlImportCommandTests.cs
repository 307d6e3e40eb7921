using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary>Issues 12.1 and 12.5 from the command line: <c>import</c> turns TCNopen device files into a TOML
/// configuration, <c>run</c> refuses to leave loopback unless told, <c>validate</c> and <c>import</c> only warn
/// (they never send). Every address here is either mapped onto loopback or refused before a socket opens.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class XmlImportCommandTests : IDisposable
{
    private const string Map = "10.0.0.0/16=127.77.0.0/16";

    private readonly CliFiles _files = new();

    [Fact]
    public async Task ImportWritesAConfigurationThatValidatesAndKeepsTheVehiclesAddresses()
    {
        string output = _files.PathOf("train.toml");

        TrdpSimResult import = await TrdpSimProcess.RunAsync(["import", .. Train(), "--address-map", Map, "-o", output]);

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("<sdt-parameter> ignored", import.Stderr, StringComparison.Ordinal);
        Assert.Contains("train.toml: 4 devices, 6 publications, 6 subscriptions, 7 datasets from ", import.Stderr, StringComparison.Ordinal);
        string toml = File.ReadAllText(output);
        Assert.Contains("interfaces = [\"10.0.1.10\", \"10.0.2.10\"] # play as 127.77.1.10, 127.77.2.10", toml, StringComparison.Ordinal);
        Assert.True(TomlPlanLoader.Load(toml, output).Success);

        TrdpSimResult validate = await TrdpSimProcess.RunAsync("validate", output);
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.DoesNotContain("outside the loopback range", validate.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportToStandardOutputWarnsWhatARunWouldRefuse()
    {
        TrdpSimResult import = await TrdpSimProcess.RunAsync(["import", .. Train()]);

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.StartsWith("# trdpsim configuration written by `trdpsim import`", import.Stdout, StringComparison.Ordinal);
        Assert.Contains("ccu-1.xml:14:6: warning: device 'ccu-1' address 10.0.1.10 is outside the loopback range 127.0.0.0/8", import.Stderr, StringComparison.Ordinal);
        Assert.Contains("(run refuses it)", import.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportOfABrokenFileWritesNothingAndNamesThePlace()
    {
        string broken = _files.Write("broken.xml", "<device host-name=\"a\">\n  <bus-interface-list>\n    <bus-interface name=\"e\" host-ip=\"127.0.0.2\">\n      <telegram com-id=\"x1\"/>\n");
        string output = _files.PathOf("never.toml");

        TrdpSimResult import = await TrdpSimProcess.RunAsync("import", broken, "-o", output);

        Assert.True(import.ExitCode == 2, import.ToString());
        Assert.Contains("broken.xml:5:1: error:", import.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing written", import.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        TrdpSimResult notXml = await TrdpSimProcess.RunAsync("import", _files.Pair);
        Assert.True(notXml.ExitCode == 2, notXml.ToString());
        Assert.Contains("import reads TCNopen device configurations (.xml)", notXml.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunRefusesAVehiclesAddressesBeforeAnySocketAndSaysHowToMapThem()
    {
        TrdpSimResult run = await TrdpSimProcess.RunAsync(["run", .. Train(), "--duration", "1s", "--no-progress", "--metrics", "off"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("ccu-1.xml:22:10: error: device 'ccu-1' publication 'ccu-status' sends to the multicast group 239.1.0.1 from device address 10.0.1.10", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: refusing to send outside the loopback range (10.0.1.10, 10.0.1.11, 10.0.1.21, 10.0.1.31, 10.0.2.10, 10.0.2.31); map them onto loopback with --address-map", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not assigned to this host", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("trdpsim summary", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateWarnsOfADestinationOffLoopbackAndAllowNetworkSilencesIt()
    {
        string config = _files.Write("out.toml", """
            [[device]]
            name = "a"
            address = "127.0.0.2"

            [[device.publish]]
            name = "out"
            com-id = 1
            destination = "10.0.0.5"
            """);

        TrdpSimResult warned = await TrdpSimProcess.RunAsync("validate", config);
        TrdpSimResult allowed = await TrdpSimProcess.RunAsync("validate", config, "--allow-network");
        TrdpSimResult refused = await TrdpSimProcess.RunAsync("run", config, "--duration", "1s", "--no-progress", "--metrics", "off");

        Assert.True(warned.ExitCode == 0, warned.ToString());
        Assert.Contains("out.toml:5:1: warning: device 'a' publication 'out' destination 10.0.0.5 is outside the loopback range 127.0.0.0/8 (run refuses it)", warned.Stderr, StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.DoesNotContain("loopback", allowed.Stderr, StringComparison.Ordinal);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("out.toml:5:1: error: device 'a' publication 'out' destination 10.0.0.5 is outside the loopback range", refused.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.1", "must be from=to")]
    [InlineData("10.0.0.0/24=127.0.0.0/16", "same prefix length")]
    public async Task ABadAddressMapIsAUsageError(string rule, string expected)
    {
        TrdpSimResult result = await TrdpSimProcess.RunAsync("validate", _files.Pair, "--address-map", rule);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--address-map", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();

    private static string[] Train()
    {
        string xml = RepositoryRoot.Of("configs", "xml");
        return [.. new[] { "ccu-1.xml", "ccu-2.xml", "door-1.xml", "hmi-1.xml" }.Select(f => Path.Combine(xml, f))];
    }
}
