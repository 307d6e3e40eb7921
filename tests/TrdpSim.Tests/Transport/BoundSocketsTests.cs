using TrdpSim.Transport.Internal;

namespace TrdpSim.Tests.Transport;

/// <summary>Reading the kernel's socket tables to find another socket bound to exactly an address and port.</summary>
public sealed class BoundSocketsTests
{
    private const string Header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops";

    // 127.0.0.5:17224 as /proc/net/udp prints it on a little-endian machine.
    private static readonly Ip4Endpoint Device = new(Ip4Endpoint.ParseAddress("127.0.0.5"), 17224);

    [Fact]
    public void TheLocalAddressColumnParsesAsTheKernelPrintsIt()
    {
        Assert.True(BoundSockets.TryParseLocal("0500007F:4348", out var endpoint));
        Assert.Equal(Device, endpoint);
        Assert.Equal("0500007F:4348", BoundSockets.FormatLocal(Device));
        Assert.False(BoundSockets.TryParseLocal("00000000000000000000000000000000:4348", out _)); // an IPv6 row
    }

    [Fact]
    public void AnotherSocketOnExactlyTheAddressIsFoundButNotWildcardOrOwnOnes()
    {
        string[] table =
        [
            Header,
            "  1: 00000000:4348 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 111 2 0000000000000000 0",
            "  2: 0500007F:4348 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 222 2 0000000000000000 0",
            "  3: 0600007F:4348 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 333 2 0000000000000000 0",
            "  4: 0500007F:4349 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 444 2 0000000000000000 0",
            "  5: 0500007F:4348 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 555 2 0000000000000000 0",
        ];

        Assert.Equal(555, BoundSockets.FindOther(table, Device, ownInode: 222, state: -1));
        Assert.Equal(222, BoundSockets.FindOther(table, Device, ownInode: 555, state: -1));
        Assert.Equal(0, BoundSockets.FindOther(table[..3], Device, ownInode: 222, state: -1));
    }

    [Fact]
    public void ForTcpOnlyAListenerCounts()
    {
        string[] table =
        [
            Header,
            // An accepted connection on the device's port (state 01 ESTABLISHED), then a listener (0A).
            "  0: 0500007F:4349 0200007F:B2C4 01 00000000:00000000 00:00000000 00000000  1000        0 700 1 0000000000000000 20 4 30 10 -1",
            "  1: 0500007F:4349 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 701 1 0000000000000000 100 0 0 10 0",
        ];
        var device = Device with { Port = 17225 };

        Assert.Equal(701, BoundSockets.FindOther(table, device, ownInode: 1, state: 0x0A));
        Assert.Equal(0, BoundSockets.FindOther(table, device, ownInode: 701, state: 0x0A));
    }
}
