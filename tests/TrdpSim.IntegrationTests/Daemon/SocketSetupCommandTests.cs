using TrdpSim.Cli;
using TrdpSim.Cli.Commands;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>Socket set-up problems through the command line: an address this host does not have fails
/// <c>validate</c>, and a device port already bound by another process is a configuration error (2).</summary>
public sealed class SocketSetupCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trdpsim-socket-setup-").FullName;

    [Fact]
    public async Task ValidateRejectsADeviceAddressThisHostDoesNotHave()
    {
        // TEST-NET-1 (RFC 5737): never a real host; validate sends nothing.
        string config = Write(Device("b", "192.0.2.123", 17224));
        Assert.Equal(ExitCodes.Usage, await CommandLine.InvokeAsync(["validate", config]));
    }

    [Fact]
    public async Task ValidateAcceptsAnyLoopbackAddressWithoutAnAlias()
    {
        // All of 127.0.0.0/8 reaches lo on Linux, though only 127.0.0.1 is listed on the interface.
        string config = Write(Device("b", "127.201.7.9", 17224));
        Assert.Equal(ExitCodes.Ok, await CommandLine.InvokeAsync(["validate", config]));
    }

    [Fact]
    public async Task ARunWhosePdPortIsAlreadyBoundExitsWithTwo()
    {
        var (block, port) = LoopbackPlans.Allocate();
        string address = Ip4Endpoint.FormatAddress(block | 2);
        // Another process bound exactly to the device's address and port, as an earlier trdpsim would be.
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        holder.Bind(new IPEndPoint(IPAddress.Parse(address), port));

        string config = Write(Device("b", address, port));
        int code = await CommandLine.InvokeAsync(["run", config, "--duration", "1s", "--no-progress", "--metrics", "off"]);
        Assert.Equal(ExitCodes.Usage, code);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Device(string name, string address, int pdPort) => $"""
        [network]
        pd-port = {pdPort}

        [[device]]
        name = "{name}"
        address = "{address}"

        [[device.subscribe]]
        name = "in"
        com-id = 1000
        timeout = "1s"
        """;

    private string Write(string toml)
    {
        string path = Path.Combine(_dir, "run.toml");
        File.WriteAllText(path, toml);
        return path;
    }
}
