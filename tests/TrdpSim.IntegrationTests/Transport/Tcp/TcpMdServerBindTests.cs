namespace TrdpSim.IntegrationTests.Transport.Tcp;

/// <summary>A device's TCP MD listener is its own: a second listener on exactly its address and port (which
/// SO_REUSEPORT would let in, sharing the connections) is refused; a wildcard listener beside it is not.</summary>
[Collection(TcpSerialCollection.Name)]
public sealed class TcpMdServerBindTests
{
    private const uint Loopback = Ip4Endpoint.LoopbackAddress;

    [Fact]
    public void ASecondListenerOnExactlyTheSameAddressAndPortIsRefused()
    {
        using var first = new TcpMdServer(new TcpTestHandler(), new TcpMdServerOptions { BindAddress = Loopback, Port = 0 });
        var error = Assert.Throws<SocketSetupException>(() => new TcpMdServer(new TcpTestHandler(),
            new TcpMdServerOptions { BindAddress = Loopback, Port = first.LocalEndpoint.Port, ExclusiveBind = true }));
        Assert.Equal("listen", error.Step);
        Assert.True(error.IsConfigurationError);
        Assert.Contains($"{first.LocalEndpoint}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExclusiveListenerRunsBesideAWildcardOne()
    {
        // As TCNopen listens: 0.0.0.0 with SO_REUSEADDR and SO_REUSEPORT (.NET's ReuseAddress sets both on Linux).
        using var wildcard = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        wildcard.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        wildcard.Bind(new IPEndPoint(IPAddress.Any, 0));
        wildcard.Listen();
        var port = (ushort)((IPEndPoint)wildcard.LocalEndPoint!).Port;

        using var server = new TcpMdServer(new TcpTestHandler(), new TcpMdServerOptions { BindAddress = Loopback + 5, Port = port, ExclusiveBind = true });
        Assert.Equal(new Ip4Endpoint(Loopback + 5, port), server.LocalEndpoint);
    }
}
