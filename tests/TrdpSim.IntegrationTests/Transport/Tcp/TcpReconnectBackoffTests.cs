namespace TrdpSim.IntegrationTests.Transport.Tcp;

/// <summary>The client pool's reconnect delay: a caller hammering a device that is down must not open a
/// socket per request, and a device that comes back is reached again.</summary>
[Collection(TcpSerialCollection.Name)]
public sealed class TcpReconnectBackoffTests
{
    private static readonly byte[] Frame = TcpMdLoopbackTests.Request(1, 8);

    private static Ip4Endpoint ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new Ip4Endpoint(Ip4Endpoint.LoopbackAddress, (ushort)((IPEndPoint)probe.LocalEndPoint!).Port);
    }

    /// <summary>Sends to <paramref name="destination"/> every millisecond for <paramref name="milliseconds"/>.</summary>
    private static Dictionary<TcpSendResult, int> Hammer(TcpMdClientPool pool, Ip4Endpoint destination, int milliseconds)
    {
        var results = new Dictionary<TcpSendResult, int>();
        long end = Environment.TickCount64 + milliseconds;
        while (Environment.TickCount64 < end)
        {
            TcpSendResult result = pool.Send(destination, Frame);
            results[result] = results.GetValueOrDefault(result) + 1;
            Thread.Sleep(1);
        }

        return results;
    }

    [Fact]
    public void SendsToADeadDestinationWaitOutADoublingDelayInsteadOfReconnectingEachTime()
    {
        var options = new TcpMdClientOptions { ReconnectDelay = TimeSpan.FromMilliseconds(50), MaxReconnectDelay = TimeSpan.FromMilliseconds(400) };
        using var pool = new TcpMdClientPool(new TcpTestHandler(), options);
        Ip4Endpoint destination = ClosedPort();

        Dictionary<TcpSendResult, int> results = Hammer(pool, destination, 1_500);

        // Delays 50, 100, 200, 400, 400, … ms: about 6 attempts in 1.5 s (plus connect round trips); a send per
        // millisecond would be hundreds. The bound is loose for a loaded machine, the ratio is what matters.
        long attempts = pool.Stats.ConnectAttempts;
        Assert.InRange(attempts, 2, 12);
        Assert.True(results.GetValueOrDefault(TcpSendResult.ReconnectWait) > 10 * attempts, string.Join(", ", results));
        Assert.Equal(results.GetValueOrDefault(TcpSendResult.ReconnectWait), pool.Stats.SendRejectedReconnectWait);
        Assert.True(TcpTestHandler.WaitUntil(() => pool.Stats.ClosedBy(TcpCloseReason.ConnectFailed) == pool.Stats.ConnectAttempts));
    }

    [Fact]
    public void WithoutADelayEverySendAfterAFailureTriesAgain()
    {
        var options = new TcpMdClientOptions { ReconnectDelay = TimeSpan.Zero };
        using var pool = new TcpMdClientPool(new TcpTestHandler(), options);
        Ip4Endpoint destination = ClosedPort();

        pool.Send(destination, Frame); // the first connect in a process is slow (socket engine start-up)
        Assert.True(TcpTestHandler.WaitUntil(() => pool.Stats.ClosedBy(TcpCloseReason.ConnectFailed) == 1));
        // Send until 21 connects were tried (a second or so when idle; a loaded test host completes failed connects
        // more slowly, so the budget is generous): none of the sends may have been held back by a reconnect delay.
        var results = new Dictionary<TcpSendResult, int>();
        long end = Environment.TickCount64 + 15_000;
        while (pool.Stats.ConnectAttempts <= 20 && Environment.TickCount64 < end)
        {
            foreach ((TcpSendResult result, int count) in Hammer(pool, destination, 100))
            {
                results[result] = results.GetValueOrDefault(result) + count;
            }
        }

        Assert.Equal(0, results.GetValueOrDefault(TcpSendResult.ReconnectWait));
        Assert.True(pool.Stats.ConnectAttempts > 20, $"{pool.Stats.ConnectAttempts} attempts for {string.Join(", ", results)}");
    }

    [Fact]
    public void ADeviceThatComesBackIsReachedAfterTheDelayAndALaterDropReconnectsAtOnce()
    {
        var clientHandler = new TcpTestHandler();
        var options = new TcpMdClientOptions { ReconnectDelay = TimeSpan.FromMilliseconds(100), MaxReconnectDelay = TimeSpan.FromMilliseconds(200) };
        using var pool = new TcpMdClientPool(clientHandler, options);
        Ip4Endpoint destination = ClosedPort();

        pool.Send(destination, Frame);
        Assert.True(TcpTestHandler.WaitUntil(() => pool.Stats.ClosedBy(TcpCloseReason.ConnectFailed) == 1));
        Assert.Equal(TcpSendResult.ReconnectWait, pool.Send(destination, Frame));

        // The device comes back on the same port and replies.
        var serverHandler = new TcpTestHandler(reply: true);
        using var server = new TcpMdServer(serverHandler, new TcpMdServerOptions { BindAddress = Ip4Endpoint.LoopbackAddress, Port = destination.Port });
        Assert.True(TcpTestHandler.WaitUntil(() =>
        {
            pool.Send(destination, Frame);
            Thread.Sleep(10);
            return clientHandler.FrameCount > 0;
        }), "the pool never reconnected");
        Assert.Equal(1, pool.Stats.Connected);

        // A connection that was established and then dropped is retried on the next send, without delay.
        Assert.True(pool.TryGetConnection(destination, out TcpMdConnection? connection));
        connection.Close();
        Assert.True(TcpTestHandler.WaitUntil(() => pool.ConnectionCount == 0));
        TcpSendResult again = pool.Send(destination, Frame);
        Assert.True(again is TcpSendResult.QueuedUntilConnected or TcpSendResult.Accepted, again.ToString());
    }
}
