namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>A second trdpsim on a device's address and port is refused (it would split the device's
/// unicast traffic with the first, which then reports losses that never happened on the wire); a TRDP
/// stack bound to the wildcard address on the same port still runs beside trdpsim.</summary>
/// <remarks>On the real PD port 17224, as the stacks meet in practice, but on a random 127.x.y.0/24 block
/// so runs of other checkouts on this machine (which use 127.0.0.x) are not in the way.</remarks>
public sealed class PortSharingTests
{
    private const ushort PdPort = 17224;
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;
    private const int SoReusePort = 15;
    private static readonly RunHostOptions NoMetrics = new();

    [Fact]
    public async Task ASecondRunOnTheSameDeviceAddressIsRefusedNamingDeviceAddressAndPort()
    {
        uint address = RandomBlock() | 2;
        await using var first = RunHost.Create(OneDevice("A", address), NoMetrics);

        var error = Assert.ThrowsAny<IOException>(() => RunHost.Create(OneDevice("A2", address), NoMetrics));
        Assert.Contains("'A2'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{Ip4Endpoint.FormatAddress(address)}:{PdPort}", error.Message, StringComparison.Ordinal);
        Assert.Contains("errno 98", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWildcardBoundStackOnThePdPortRunsBeside(bool reusePort)
    {
        // Such a stack binds 0.0.0.0:17224 with SO_REUSEADDR (TCNopen also sets SO_REUSEPORT): before
        // trdpsim starts, and after it.
        using var before = WildcardSocket(reusePort);
        await using var host = RunHost.Create(OneDevice("A", RandomBlock() | 2), NoMetrics);
        using var after = WildcardSocket(reusePort);
    }

    private static Socket WildcardSocket(bool reusePort)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        // Raw options: .NET's ReuseAddress sets SO_REUSEPORT too on Linux.
        socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        if (reusePort)
        {
            socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
        }

        socket.Bind(new IPEndPoint(IPAddress.Any, PdPort));
        return socket;
    }

    private static uint RandomBlock() =>
        0x7F000000u | ((uint)Random.Shared.Next(100, 250) << 16) | ((uint)Random.Shared.Next(1, 250) << 8);

    private static RunPlan OneDevice(string name, uint address)
    {
        var plan = new RunPlan { Name = "sharing" };
        plan.Network.PdPort = PdPort;
        plan.Metrics.Enabled = false;
        plan.Devices.Add(new DevicePlan { Name = name, Address = address });
        return plan;
    }
}
