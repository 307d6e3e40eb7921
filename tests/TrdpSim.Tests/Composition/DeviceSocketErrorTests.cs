namespace TrdpSim.Tests.Composition;

/// <summary>A socket that cannot be set up stops the build with an error naming the device, the socket's
/// address and port, and the OS error; the sockets opened before it are closed again.</summary>
public sealed class DeviceSocketErrorTests
{
    private static readonly uint Address = Ip4Endpoint.ParseAddress("10.0.0.5");

    [Fact]
    public void AFailedOpenNamesDeviceAddressPortAndTheOsError()
    {
        var transport = new FailingTransport(failAt: options => options.Port == 17224);
        var error = Assert.ThrowsAny<IOException>(() => RunBuilder.Build(Plan(), transport, new SendQueue(), 100_000));

        Assert.Contains("'door-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.0.5:17224", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cannot assign requested address (errno 99)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, transport.Open);
    }

    [Fact]
    public void AFailedSendSocketNamesItsEphemeralPort()
    {
        var transport = new FailingTransport(failAt: options => options.ConnectTo is not null);
        var error = Assert.ThrowsAny<IOException>(() => RunBuilder.Build(Plan(), transport, new SendQueue(), 100_000));

        Assert.Contains("'door-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.0.5:0", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, transport.Open);
    }

    [Fact]
    public void AnAddressThisHostDoesNotHaveIsAConfigurationError()
    {
        var transport = new FailingTransport(
            failAt: options => options.Port == 17224,
            error: options => new SocketSetupException("bind", new Ip4Endpoint(options.BindAddress, options.Port), SocketSetupException.AddressNotAvailable));
        var error = Assert.Throws<DeviceSocketException>(() => RunBuilder.Build(Plan(), transport, new SendQueue(), 100_000));

        Assert.Equal("door-1", error.Device);
        Assert.Equal(DeviceSockets.PdReceive, error.Socket);
        Assert.Equal(new Ip4Endpoint(Address, 17224), error.Endpoint);
        Assert.Equal(99, error.ErrorNumber);
        Assert.True(error.IsConfigurationError);
        Assert.Equal(
            "device 'door-1', pd-receive socket: bind failed on 10.0.0.5:17224: Cannot assign requested address (errno 99); " +
            "10.0.0.5 is not an address of this host (trdpsim validate lists such addresses)",
            error.Message);
    }

    [Fact]
    public void AnOtherOsErrorIsNotAConfigurationError()
    {
        var transport = new FailingTransport(
            failAt: options => options.Port == 17224,
            error: options => new SocketSetupException("socket", new Ip4Endpoint(options.BindAddress, options.Port), 24 /* EMFILE */));
        var error = Assert.Throws<DeviceSocketException>(() => RunBuilder.Build(Plan(), transport, new SendQueue(), 100_000));
        Assert.False(error.IsConfigurationError);
        Assert.Contains("(errno 24)", error.Message, StringComparison.Ordinal);
    }

    private static RunPlan Plan()
    {
        var plan = new RunPlan { Name = "errors" };
        var device = new DevicePlan { Name = "door-1", Address = Address };
        device.Publications.Add(new PublicationPlan
        {
            Name = "out", ComId = 1000, Cycle = TimeSpan.FromMilliseconds(10), Destination = Ip4Endpoint.ParseAddress("10.0.0.6"), PayloadLength = 8,
        });
        plan.Devices.Add(device);
        return plan;
    }

    /// <summary>The in-memory network, except that one open fails as the kernel fails it for an address
    /// this host does not have.</summary>
    private sealed class FailingTransport(Func<UdpEndpointOptions, bool> failAt, Func<UdpEndpointOptions, IOException>? error = null) : IUdpTransport
    {
        private readonly InMemoryUdpTransport _network = new();

        public int Open { get; private set; }

        public string Name => "failing";

        IUdpEndpoint IUdpTransport.Open(UdpEndpointOptions options)
        {
            if (failAt(options))
            {
                throw error?.Invoke(options) ?? new IOException("IP_MULTICAST_IF failed: Cannot assign requested address (errno 99)", 99);
            }

            Open++;
            return new Counted(_network.Open(options), this);
        }

        private sealed class Counted(IUdpEndpoint inner, FailingTransport owner) : IUdpEndpoint
        {
            public Ip4Endpoint LocalEndpoint => inner.LocalEndpoint;

            public UdpEndpointStats Stats => inner.Stats;

            public int Send(ReadOnlySpan<OutgoingDatagram> batch, Span<bool> accepted) => inner.Send(batch, accepted);

            public int Receive(Span<IncomingDatagram> slots, int timeoutMilliseconds) => inner.Receive(slots, timeoutMilliseconds);

            public void JoinGroup(uint group) => inner.JoinGroup(group);

            public void LeaveGroup(uint group) => inner.LeaveGroup(group);

            public void Dispose()
            {
                owner.Open--;
                inner.Dispose();
            }
        }
    }
}
