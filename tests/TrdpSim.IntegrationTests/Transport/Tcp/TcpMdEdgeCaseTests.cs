namespace TrdpSim.IntegrationTests.Transport.Tcp;

/// <summary>Stream splitting by a real peer, pool limits, invalid frames and connect timeouts.</summary>
[Collection(TcpSerialCollection.Name)]
public sealed class TcpMdEdgeCaseTests
{
    private static TcpMdServerOptions Loopback() => new() { BindAddress = Ip4Endpoint.LoopbackAddress, Port = 0 };

    [Fact]
    public void FramesWrittenByteByByteAndBackToBackAreEachDeliveredOnce()
    {
        var handler = new TcpTestHandler();
        using var server = new TcpMdServer(handler, Loopback());
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        peer.Connect(new IPEndPoint(IPAddress.Loopback, server.LocalEndpoint.Port));

        byte[] first = TcpMdLoopbackTests.Request(1, 13);
        foreach (byte b in first)
        {
            peer.Send([b]);
        }

        byte[] burst = [.. TcpMdLoopbackTests.Request(2, 0), .. TcpMdLoopbackTests.Request(3, 5000), .. TcpMdLoopbackTests.Request(4, 1)];
        peer.Send(burst);

        Assert.True(handler.SpinUntilFrameCount(4));
        uint[] comIds = [.. handler.Frames.Select(f => f.Header.ComId)];
        Assert.Equal([1u, 2u, 3u, 4u], comIds);
        Assert.Equal(first.Length + burst.Length, server.Stats.BytesIn);
        Assert.Equal(0, server.Stats.FramingErrors);
    }

    [Fact]
    public void PoolRefusesNewDestinationsOverItsMaximumAndInvalidFrames()
    {
        using var serverA = new TcpMdServer(new TcpTestHandler(reply: true), Loopback());
        using var serverB = new TcpMdServer(new TcpTestHandler(reply: true), Loopback());
        var handler = new TcpTestHandler();
        using var pool = new TcpMdClientPool(handler, new TcpMdClientOptions { MaxConnections = 1 });

        Assert.NotEqual(TcpSendResult.Closed, pool.Send(serverA.LocalEndpoint, TcpMdLoopbackTests.Request(1, 8)));
        Assert.Equal(TcpSendResult.Closed, pool.Send(serverB.LocalEndpoint, TcpMdLoopbackTests.Request(2, 8)));
        Assert.Equal(TcpSendResult.InvalidFrame, pool.Send(serverA.LocalEndpoint, new byte[MdFrame.HeaderSize - 1]));
        Assert.Equal(TcpSendResult.InvalidFrame, pool.Send(serverA.LocalEndpoint, new byte[MdFrame.MaxFrameSize + 1]));
        Assert.True(handler.WaitFrame());
        Assert.Equal(1, pool.ConnectionCount);
        Assert.Equal(1, pool.Stats.SendRejectedClosed);
        Assert.Equal(2, pool.Stats.SendRejectedInvalid);
    }

    [Fact]
    public void ConnectThatNeverCompletesTimesOutAndDropsTheQueuedFrame()
    {
        // A listener that never accepts, with its backlog filled: the kernel then drops further SYNs, so
        // the pool's connect stays pending (Linux retries the SYN after 1 s, 3 s, …).
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var target = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            for (int i = 0; i < 4; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                fillers.Add(filler);
                try
                {
                    filler.Connect(target);
                }
                catch (SocketException)
                {
                    // EINPROGRESS: the handshake is pending, which is what fills the queue.
                }
            }

            Thread.Sleep(100);
            var handler = new TcpTestHandler();
            using var pool = new TcpMdClientPool(handler, new TcpMdClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) });
            var destination = new Ip4Endpoint(Ip4Endpoint.LoopbackAddress, (ushort)target.Port);
            TcpSendResult result = pool.Send(destination, TcpMdLoopbackTests.Request(1, 8));
            if (result == TcpSendResult.Accepted)
            {
                return; // The kernel completed the handshake anyway; nothing to time out on this host.
            }

            Assert.Equal(TcpSendResult.QueuedUntilConnected, result);
            Assert.True(TcpTestHandler.WaitUntil(() => pool.Stats.Closed == 1, 3000));
            Assert.Equal(1, pool.Stats.ClosedBy(TcpCloseReason.ConnectTimeout));
            Assert.Equal(MdFrame.FrameLength(8), pool.Stats.BytesDroppedOnClose);
            Assert.Contains(handler.Closes, c => c.Reason == TcpCloseReason.ConnectTimeout);
        }
        finally
        {
            foreach (Socket filler in fillers)
            {
                filler.Dispose();
            }
        }
    }
}
