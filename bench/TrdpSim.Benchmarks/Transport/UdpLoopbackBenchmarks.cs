using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using TrdpSim.Transport;

namespace TrdpSim.Benchmarks.Transport;

/// <summary>
/// Loopback UDP send + receive of a batch of 64 × 64-byte datagrams on one thread, per datagram
/// (<c>OperationsPerInvoke = 64</c>; datagrams/s = 1e9 / Mean[ns]).
/// <c>SocketTransportBatch</c>: <see cref="SocketUdpTransport"/> (one sendmmsg + recvmmsg per 64).
/// <c>PerPacketSocket</c> (baseline): <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, SocketAddress)"/>
/// and <c>ReceiveFrom(Span, SocketFlags, SocketAddress)</c> per datagram with reused addresses.
/// Expected (tools/perf/RESULTS.md): batch ≈ 2.5–3× the baseline's rate, both 0 B allocated.
/// </summary>
[MemoryDiagnoser]
public class UdpLoopbackBenchmarks
{
    private const int Batch = 64;
    private const int Size = 64;

    private IUdpEndpoint _sender = null!;
    private IUdpEndpoint _receiver = null!;
    private OutgoingDatagram[] _outgoing = null!;
    private IncomingDatagram[] _slots = null!;

    private Socket _plainSender = null!;
    private Socket _plainReceiver = null!;
    private SocketAddress _plainDestination = null!;
    private SocketAddress _plainSource = null!;
    private byte[] _payload = null!;
    private byte[] _receiveBuffer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var transport = new SocketUdpTransport();
        _receiver = transport.Open(new UdpEndpointOptions { BindAddress = Ip4Endpoint.LoopbackAddress });
        _sender = transport.Open(new UdpEndpointOptions { BindAddress = Ip4Endpoint.LoopbackAddress });
        byte[] sendBlock = GC.AllocateArray<byte>(Batch * Size, pinned: true);
        byte[] receiveBlock = GC.AllocateArray<byte>(Batch * 2048, pinned: true);
        _outgoing = new OutgoingDatagram[Batch];
        _slots = new IncomingDatagram[Batch];
        for (int i = 0; i < Batch; i++)
        {
            _outgoing[i] = new OutgoingDatagram(sendBlock, i * Size, Size, _receiver.LocalEndpoint);
            _slots[i] = new IncomingDatagram(receiveBlock, i * 2048, 2048);
        }

        _plainReceiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
        _plainReceiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _plainSender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _plainSender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _plainDestination = _plainReceiver.LocalEndPoint!.Serialize();
        _plainSource = new SocketAddress(AddressFamily.InterNetwork);
        _payload = GC.AllocateArray<byte>(Size, pinned: true);
        _receiveBuffer = GC.AllocateArray<byte>(2048, pinned: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
        _plainSender.Dispose();
        _plainReceiver.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int PerPacketSocket()
    {
        for (int i = 0; i < Batch; i++)
        {
            _plainSender.SendTo(_payload, SocketFlags.None, _plainDestination);
        }

        int bytes = 0;
        for (int i = 0; i < Batch; i++)
        {
            bytes += _plainReceiver.ReceiveFrom(_receiveBuffer, SocketFlags.None, _plainSource);
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int SocketTransportBatch()
    {
        _sender.Send(_outgoing);
        int got = 0;
        while (got < Batch)
        {
            int n = _receiver.Receive(_slots.AsSpan(got), 1000);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        return got;
    }
}
