namespace TrdpSim.Tests.Composition;

/// <summary>Device addresses a socket cannot bind on this host are reported before anything is opened.</summary>
public sealed class HostAddressCheckTests
{
    // lo with 127.0.0.1/8 and one Ethernet address, as `ip addr` shows a typical host.
    private static readonly HostAddresses Host = new(
    [
        (Ip4Endpoint.ParseAddress("127.0.0.1"), 8, true),
        (Ip4Endpoint.ParseAddress("192.0.2.2"), 24, false),
    ]);

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.201.7.9", true)] // all of 127.0.0.0/8 reaches lo on Linux: no alias needed
    [InlineData("192.0.2.2", true)]
    [InlineData("192.0.2.3", false)]  // on the interface's subnet but not assigned
    [InlineData("10.0.0.5", false)]
    public void AnAddressIsLocalWhenAssignedOrInsideALoopbackPrefix(string address, bool local) =>
        Assert.Equal(local, Host.IsLocal(Ip4Endpoint.ParseAddress(address)));

    [Fact]
    public void EachMissingDeviceAddressIsAnErrorAtTheDeviceNamingHowToAddIt()
    {
        var plan = new RunPlan { Name = "hosts" };
        plan.Devices.Add(new DevicePlan { Name = "tcms", Address = Ip4Endpoint.ParseAddress("127.0.0.5") });
        plan.Devices.Add(new DevicePlan { Name = "door", Address = Ip4Endpoint.ParseAddress("10.0.0.5"), Origin = new SourceLocation("train.toml", 12, 1) });

        var error = Assert.Single(HostAddressCheck.Validate(plan, Host));
        var text = error.ToString();
        Assert.StartsWith("train.toml:12:1: error: device 'door': address 10.0.0.5 is not assigned to this host", text, StringComparison.Ordinal);
        Assert.Contains("ip addr add 10.0.0.5/24 dev eth0", text, StringComparison.Ordinal);
        Assert.Contains("127.x.y.z", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheInMemoryTransportNeedsNoHostAddress()
    {
        var plan = new RunPlan { Name = "in-memory" };
        plan.Network.Transport = TransportKind.InMemory;
        plan.Devices.Add(new DevicePlan { Name = "door", Address = Ip4Endpoint.ParseAddress("10.0.0.5") });
        Assert.Empty(HostAddressCheck.Validate(plan, Host));
    }
}
