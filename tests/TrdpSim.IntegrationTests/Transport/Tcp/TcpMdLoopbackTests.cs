namespace TrdpSim.IntegrationTests.Transport.Tcp;

/// <summary>MD over TCP on 127.0.0.1 with ephemeral ports: request/reply, reuse, timeouts, limits, garbage, shutdown.</summary>
[Collection(TcpSerialCollection.Name)]
public sealed class TcpMdLoopbackTests
{
    private static TcpMdServerOptions Loopback(Action<TcpMdServerOptions>? configure = null)
    {
        var options = new TcpMdServerOptions { BindAddress = Ip4Endpoint.LoopbackAddress, Port = 0 };
        configure?.Invoke(options);
        return options;
    }

    internal static byte[] Request(uint comId, int datasetLength, byte sessionByte = 1)
    {
        byte[] session = new byte[16];
        session.AsSpan().Fill(sessionByte);
        var header = new MdHeader
        {
            MessageType = TrdpMessageType.Mr,
            ComId = comId,
            SessionId = SessionId.FromBytes(session),
            ReplyTimeoutMicros = 2_000_000,
        };
        byte[] frame = new byte[MdFrame.FrameLength(datasetLength)];
        MdFrame.Encode(frame, header, new byte[datasetLength]);
        return frame;
    }

    [Fact]
    public void RequestOverPoolGetsReplyOnTheSameConnection()
    {
        var serverHandler = new TcpTestHandler(reply: true);
        var clientHandler = new TcpTestHandler();
        using var server = new TcpMdServer(serverHandler, Loopback());
        using var pool = new TcpMdClientPool(clientHandler);
        Assert.Equal(Ip4Endpoint.LoopbackAddress, server.LocalEndpoint.Address);
        Assert.NotEqual(0, server.LocalEndpoint.Port);

        TcpSendResult sent = pool.Send(server.LocalEndpoint, Request(1001, 13, sessionByte: 7));
        Assert.True(sent is TcpSendResult.QueuedUntilConnected or TcpSendResult.Accepted, sent.ToString());
        Assert.True(clientHandler.WaitFrame(), "no reply");

        Assert.True(serverHandler.Frames.TryDequeue(out var request));
        Assert.Equal(TrdpMessageType.Mr, request.Header.MessageType);
        Assert.True(clientHandler.Frames.TryDequeue(out var reply));
        Assert.Equal(TrdpMessageType.Mp, reply.Header.MessageType);
        Assert.Equal(1001u, reply.Header.ComId);
        Assert.Equal(13u, reply.Header.DatasetLength);
        Assert.Equal(request.Header.SessionId, reply.Header.SessionId);
        Assert.True(reply.Nanoseconds > request.Nanoseconds);
        Assert.True(pool.TryGetConnection(server.LocalEndpoint, out TcpMdConnection? connection));
        Assert.True(connection.IsOpen);
        Assert.Equal(server.LocalEndpoint, connection.RemoteEndpoint);
        Assert.Equal(1, server.Stats.FramesIn);
        Assert.Equal(1, server.Stats.FramesOut);
        Assert.Equal(132, server.Stats.BytesIn);
        Assert.True(TcpTestHandler.WaitUntil(() => server.Stats.BytesOut == 132));
    }

    [Fact]
    public void SecondRequestReusesTheConnection()
    {
        var serverHandler = new TcpTestHandler(reply: true);
        var clientHandler = new TcpTestHandler();
        using var server = new TcpMdServer(serverHandler, Loopback());
        using var pool = new TcpMdClientPool(clientHandler);

        pool.Send(server.LocalEndpoint, Request(1, 8));
        Assert.True(clientHandler.WaitFrame());
        Assert.Equal(TcpSendResult.Accepted, pool.Send(server.LocalEndpoint, Request(2, 4000)));
        Assert.True(clientHandler.WaitFrame());

        Assert.Equal(1, server.Stats.Accepted);
        Assert.Equal(1, pool.Stats.ConnectAttempts);
        Assert.Equal(1, pool.ConnectionCount);
        long[] ids = [.. serverHandler.Frames.Select(f => f.ConnectionId).Distinct()];
        Assert.Single(ids);
        Assert.Equal(2, clientHandler.Frames.Count);
    }

    [Fact]
    public void IdleConnectionIsClosedAndTheNextSendReconnects()
    {
        var serverHandler = new TcpTestHandler(reply: true);
        var clientHandler = new TcpTestHandler();
        using var server = new TcpMdServer(serverHandler, Loopback(o => o.IdleTimeout = TimeSpan.FromMilliseconds(200)));
        using var pool = new TcpMdClientPool(clientHandler, new TcpMdClientOptions { IdleTimeout = Timeout.InfiniteTimeSpan });

        pool.Send(server.LocalEndpoint, Request(1, 8));
        Assert.True(clientHandler.WaitFrame());
        Assert.True(TcpTestHandler.WaitUntil(() => server.Stats.ClosedBy(TcpCloseReason.IdleTimeout) == 1), "server did not time out");
        Assert.True(TcpTestHandler.WaitUntil(() => pool.Stats.ClosedBy(TcpCloseReason.PeerClosed) == 1), "client did not see the close");
        Assert.Contains(clientHandler.Closes, c => c.Reason == TcpCloseReason.PeerClosed);
        Assert.Equal(0, pool.ConnectionCount);

        pool.Send(server.LocalEndpoint, Request(2, 8));
        Assert.True(clientHandler.WaitFrame());
        Assert.Equal(2, server.Stats.Accepted);
    }

    [Fact]
    public void ClientIdleTimeoutClosesUnusedConnections()
    {
        var clientHandler = new TcpTestHandler();
        using var server = new TcpMdServer(new TcpTestHandler(reply: true), Loopback());
        using var pool = new TcpMdClientPool(clientHandler, new TcpMdClientOptions { IdleTimeout = TimeSpan.FromMilliseconds(150) });

        pool.Send(server.LocalEndpoint, Request(1, 8));
        Assert.True(clientHandler.WaitFrame());
        Assert.True(TcpTestHandler.WaitUntil(() => pool.Stats.ClosedBy(TcpCloseReason.IdleTimeout) == 1));
        Assert.True(TcpTestHandler.WaitUntil(() => server.Stats.ClosedBy(TcpCloseReason.PeerClosed) == 1));
        Assert.False(pool.TryGetConnection(server.LocalEndpoint, out _));
    }

    [Fact]
    public void ServerRefusesConnectionsOverItsMaximum()
    {
        using var server = new TcpMdServer(new TcpTestHandler(), Loopback(o => o.MaxConnections = 1));
        var target = new IPEndPoint(IPAddress.Loopback, server.LocalEndpoint.Port);
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        first.Connect(target);
        Assert.True(TcpTestHandler.WaitUntil(() => server.Stats.Accepted == 1));
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        second.Connect(target);
        Assert.True(TcpTestHandler.WaitUntil(() => server.Stats.Refused == 1));

        second.ReceiveTimeout = 2000;
        Assert.Equal(0, ReceiveOrReset(second));
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public void PeerSendingGarbageIsDisconnectedAndCounted()
    {
        var handler = new TcpTestHandler();
        using var server = new TcpMdServer(handler, Loopback());
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        peer.Connect(new IPEndPoint(IPAddress.Loopback, server.LocalEndpoint.Port));
        byte[] good = Request(5, 12);
        byte[] garbage = new byte[MdFrame.HeaderSize];
        garbage.AsSpan().Fill(0x5A);
        peer.Send([.. good, .. garbage]);

        peer.ReceiveTimeout = 2000;
        Assert.Equal(0, ReceiveOrReset(peer));
        Assert.True(TcpTestHandler.WaitUntil(() => server.Stats.ClosedBy(TcpCloseReason.FramingError) == 1));
        Assert.Equal(1, server.Stats.FramingErrors);
        Assert.Equal(FrameCheck.BadFcs, server.Stats.LastFramingError);
        Assert.Equal(1, server.Stats.FramesIn);
        Assert.Contains(handler.Closes, c => c.Reason == TcpCloseReason.FramingError);
    }

    [Fact]
    public void ConnectToAClosedPortIsReportedNotThrown()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var handler = new TcpTestHandler();
        using var pool = new TcpMdClientPool(handler);
        var destination = new Ip4Endpoint(Ip4Endpoint.LoopbackAddress, (ushort)port);
        TcpSendResult result = pool.Send(destination, Request(1, 8));
        Assert.True(result is TcpSendResult.QueuedUntilConnected or TcpSendResult.Closed, result.ToString());
        Assert.True(TcpTestHandler.WaitUntil(() => pool.Stats.ClosedBy(TcpCloseReason.ConnectFailed) == 1));
        Assert.Contains(handler.Closes, c => c.Reason == TcpCloseReason.ConnectFailed);
        Assert.Equal(0, pool.ConnectionCount);
        Assert.Equal(0, pool.Stats.Connected);
    }

    [Fact]
    public void ClientCanBindToADeviceAddress()
    {
        var serverHandler = new TcpTestHandler(reply: true);
        var clientHandler = new TcpTestHandler();
        using var server = new TcpMdServer(serverHandler, Loopback());
        uint device = Ip4Endpoint.ParseAddress("127.0.0.2");
        using var pool = new TcpMdClientPool(clientHandler, new TcpMdClientOptions { BindAddress = device });
        pool.Send(server.LocalEndpoint, Request(1, 8));
        Assert.True(clientHandler.WaitFrame());
        Assert.True(pool.TryGetConnection(server.LocalEndpoint, out TcpMdConnection? connection));
        Assert.True(connection.IsOpen);
        Assert.Equal(1, server.Stats.Accepted);
        Assert.Single(serverHandler.Frames);
        Assert.Equal(device, serverHandler.LastConnection!.RemoteEndpoint.Address);
    }

    [Fact]
    public void DisposeClosesEverythingPromptly()
    {
        var serverHandler = new TcpTestHandler(reply: true);
        var clientHandler = new TcpTestHandler();
        var server = new TcpMdServer(serverHandler, Loopback());
        var pool = new TcpMdClientPool(clientHandler);
        pool.Send(server.LocalEndpoint, Request(1, 8));
        Assert.True(clientHandler.WaitFrame());

        var watch = Stopwatch.StartNew();
        server.Dispose();
        pool.Dispose();
        watch.Stop();
        // Below the 5 s send timeout, so waiting out a timeout fails; above what a stalled CI machine adds.
        Assert.True(watch.ElapsedMilliseconds < 4000, $"Dispose took {watch.ElapsedMilliseconds} ms");
        Assert.Contains(serverHandler.Closes, c => c.Reason == TcpCloseReason.Disposed);
        Assert.True(TcpTestHandler.WaitUntil(() => !clientHandler.Closes.IsEmpty));
        Assert.Equal(TcpSendResult.Disposed, pool.Send(server.LocalEndpoint, Request(2, 8)));
        Assert.Equal(0, server.ConnectionCount);
        Assert.Equal(0, server.Stats.ActiveConnections);
        Assert.Equal(0, pool.Stats.ActiveConnections);

        using var refused = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Throws<SocketException>(() => refused.Connect(new IPEndPoint(IPAddress.Loopback, server.LocalEndpoint.Port)));
    }

    /// <summary>0 on an orderly close, also 0 on a reset (both mean "disconnected").</summary>
    private static int ReceiveOrReset(Socket socket)
    {
        byte[] buffer = new byte[1024];
        try
        {
            int total = 0;
            int n;
            while ((n = socket.Receive(buffer)) > 0)
            {
                total += n;
            }

            return total;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return 0;
        }
    }
}
