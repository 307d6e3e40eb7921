using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TrdpSim.Hosting;
using TrdpSim.IntegrationTests.MessageData;
using TrdpSim.Plan;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>MD over TCP from a multi-homed caller on loopback aliases (127.0.98.x, 127.0.99.x): a caller scoped to
/// interface b connects from b's address, so the device under test sees that address as the peer (trdp-wire.md §8.9:
/// the caller opens the connection and the reply comes back on it); the client pool keeps one connection per (local
/// address, remote address), and a single-homed device still opens one connection per destination, shared by its
/// callers.</summary>
public sealed class MultiHomedTcpCallerLoopbackTests
{
    private const uint First = 0x7F006202, Second = 0x7F006302; // 127.0.98.2, 127.0.99.2: the caller's interfaces a, b

    /// <summary>A plan of one device calling <paramref name="destination"/> over TCP with two callers, the second scoped
    /// to <paramref name="secondScope"/> (null = both unscoped).</summary>
    private static RunPlan TwoTcpCallers(uint[] interfaces, uint destination, string? secondScope, out ushort mdPort)
    {
        var (_, port) = LoopbackPlans.Allocate();
        mdPort = (ushort)(port + 1);
        var plan = new RunPlan { Name = "tcp-faces" };
        plan.Network.PdPort = port;
        plan.Network.MdPort = mdPort;
        plan.Metrics.Enabled = false;
        var device = new DevicePlan { Name = "A", Address = interfaces[0] };
        if (interfaces.Length > 1)
        {
            device.Interfaces.AddRange(interfaces);
        }

        device.MdCallers.Add(Caller("via-a", 9801, destination));
        var second = Caller("via-b", 9802, destination);
        if (secondScope is not null)
        {
            second.InterfaceScope.Add(secondScope);
        }

        device.MdCallers.Add(second);
        plan.Devices.Add(device);
        return plan;
    }

    private static MdCallerPlan Caller(string name, uint comId, uint destination) => new()
    {
        Name = name, ComId = comId, Protocol = MdProtocol.Tcp, Destination = destination, Rate = 50, PayloadLength = 4,
        ReplyTimeout = TimeSpan.FromMilliseconds(500),
    };

    [Fact]
    public async Task ATcpCallerScopedToTheSecondInterfaceConnectsFromItsAddress()
    {
        const uint dut = 0x7F006203; // 127.0.98.3
        RunPlan plan = TwoTcpCallers([First, Second], dut, "b", out ushort mdPort);
        using var listener = new PeerListener(dut, mdPort);
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        Assert.True(SpinWait.SpinUntil(() => listener.Peers.Count >= 2, 10_000), $"peers {string.Join(", ", listener.Peers)}");
        await Task.Delay(300); // a third connection would show by now
        await host.StopAsync();

        Assert.Equal(["127.0.98.2", "127.0.99.2"], listener.Peers.Order(StringComparer.Ordinal));
        var pool = host.Run.MdStations[0].TcpClients!;
        Assert.Equal(2, pool.Stats.ConnectAttempts);
    }

    [Fact]
    public async Task ASingleHomedDeviceOpensOneConnectionPerDestinationForAllItsCallers()
    {
        const uint device = 0x7F00620C, dut = 0x7F00620D; // 127.0.98.12, 127.0.98.13
        RunPlan plan = TwoTcpCallers([device], dut, null, out ushort mdPort);
        using var listener = new PeerListener(dut, mdPort);
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        Assert.True(SpinWait.SpinUntil(() => listener.Peers.Count >= 1, 10_000), "no connection");
        await Task.Delay(500); // both callers sent several requests by now
        await host.StopAsync();

        Assert.Equal(["127.0.98.12"], listener.Peers);
        Assert.Equal(1, host.Run.MdStations[0].TcpClients!.Stats.ConnectAttempts);
    }

    [Fact]
    public async Task RepliesComeBackOnTheConnectionOfEachInterface()
    {
        const uint replier = 0x7F006216; // 127.0.98.22
        RunPlan plan = TwoTcpCallers([First + 0x10, Second + 0x10], replier, "b", out _); // 127.0.98.18, 127.0.99.18
        var b = new DevicePlan { Name = "B", Address = replier };
        b.MdRepliers.Add(new MdReplierPlan { Name = "answer-a", ComId = 9801, Protocol = MdProtocol.Tcp, PayloadLength = 4 });
        b.MdRepliers.Add(new MdReplierPlan { Name = "answer-b", ComId = 9802, Protocol = MdProtocol.Tcp, PayloadLength = 4 });
        plan.Devices.Add(b);
        await using var host = await MdPlans.RunAsync(plan, 400,
            h => MdPlans.Counters(h, "via-a", MdRole.Caller).Ok >= 10 && MdPlans.Counters(h, "via-b", MdRole.Caller).Ok >= 10);

        Assert.True(MdPlans.Counters(host, "via-b", MdRole.Caller).Ok >= 10, $"ok {MdPlans.Counters(host, "via-b", MdRole.Caller).Ok}");
        Assert.True(MdPlans.Counters(host, "via-a", MdRole.Caller).Ok >= 10, $"ok {MdPlans.Counters(host, "via-a", MdRole.Caller).Ok}");
        Assert.Equal(0, MdPlans.Counters(host, "via-b", MdRole.Caller).Timeouts);
        Assert.Equal(2, host.Run.MdStations[1].TcpServer!.Stats.Accepted); // one connection from each interface
    }

    /// <summary>The device under test's side: a TCP listener that accepts every connection, keeps the peer's address
    /// and reads what arrives (no replies).</summary>
    private sealed class PeerListener : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentBag<TcpClient> _clients = [];
        private readonly ConcurrentQueue<string> _peers = new();

        public PeerListener(uint address, ushort port)
        {
            _listener = new TcpListener(new IPAddress([(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address]), port);
            _listener.Start();
            _ = AcceptAsync();
        }

        public IReadOnlyCollection<string> Peers => [.. _peers];

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _clients.Add(client);
                    _peers.Enqueue(((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString());
                    _ = DrainAsync(client);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // stopped
            }
        }

        private async Task DrainAsync(TcpClient client)
        {
            var buffer = new byte[4096];
            try
            {
                while (await client.GetStream().ReadAsync(buffer, _stop.Token) > 0)
                {
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
            {
                // closed
            }
        }
    }
}
