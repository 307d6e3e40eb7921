using System.Text;

namespace TrdpSim.Tests.Telemetry;

/// <summary>Receive-buffer drops of the process's own UDP sockets, from the kernel's table.</summary>
public sealed class UdpReceiveDropsTests
{
    private const string Header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops";
    private const string Ours = "  112: 0100007F:4348 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0000000000000000 17";
    private const string Theirs = "  113: 0100007F:4349 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 9999 2 0000000000000000 99";

    [Fact]
    public void OnlyTheLinesOfOurSocketsCount()
    {
        var table = Encoding.ASCII.GetBytes($"{Header}\n{Ours}\n{Theirs}\n{Ours.Replace("4242", "4243", StringComparison.Ordinal)}\n");
        Assert.Equal(17, UdpReceiveDrops.Sum(table, [4242]));
        Assert.Equal(34, UdpReceiveDrops.Sum(table, [4242, 4243]));
        Assert.Equal(133, UdpReceiveDrops.Sum(table, [4242, 9999, 4243]));
        Assert.Equal(0, UdpReceiveDrops.Parse(Encoding.ASCII.GetBytes(Header), [4242]));
        Assert.Equal(0, UdpReceiveDrops.Parse(Encoding.ASCII.GetBytes(Ours[..40]), [4242])); // cut short
    }

    [Fact]
    public void DatagramsTheKernelDroppedAtAFullSocketAreCounted()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A socket nobody reads, with the smallest receive buffer, flooded over loopback: the kernel drops most.
        using var full = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 1 };
        full.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        long before = UdpReceiveDrops.Read() ?? -1;
        Assert.True(before >= 0);
        var datagram = new byte[1000];
        for (int i = 0; i < 200; i++)
        {
            sender.SendTo(datagram, full.LocalEndPoint!);
        }

        long after = UdpReceiveDrops.Read() ?? -1;
        Assert.True(after - before >= 100, $"drops {before} → {after}");
    }
}
