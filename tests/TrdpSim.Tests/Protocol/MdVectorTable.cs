namespace TrdpSim.Tests.Protocol;

/// <summary>One row of an MD table in shared/vectors/README.md.</summary>
public sealed record MdVectorRow(
    string File, int Frame, string Source, string Destination, TrdpMessageType Type, ushort Version, uint Sequence,
    uint ComId, uint DatasetLength, int Length, int ReplyStatus, uint ReplyTimeout, string SessionId,
    string SourceUri, string DestinationUri, string FcsHex);

/// <summary>Expected values transcribed from the MD tables of shared/vectors/README.md.</summary>
public static class MdVectorTable
{
    public static readonly MdVectorRow[] Rows =
    [
        new("md-notify.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mn, 0x0100, 0u, 1001u, 13, 132, 0, 0u, "00000000000000000000000000000000", "", "", "4c1fa472"),
        new("md-request-reply.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 13, 132, 0, 2000000u, "7171992ce7a411f1b7d6b57b23b6b089", "", "", "ceb5c655"),
        new("md-request-reply.pcap", 2, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mp, 0x0100, 0u, 1001u, 17, 136, 0, 0u, "7171992ce7a411f1b7d6b57b23b6b089", "test_mdSingle", "", "2cde65f0"),
        new("md-request-reply-confirm.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 13, 132, 0, 2000000u, "75af755ee7a411f1843903967e5bf75b", "", "", "ff42a381"),
        new("md-request-reply-confirm.pcap", 2, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mq, 0x0100, 0u, 1001u, 23, 140, 0, 10000000u, "75af755ee7a411f1843903967e5bf75b", "test_mdSingle", "", "a178e678"),
        new("md-request-reply-confirm.pcap", 3, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mc, 0x0100, 0u, 0u, 0, 116, 0, 0u, "75af755ee7a411f1843903967e5bf75b", "", "test_mdSingle", "cd2f540e"),
        new("md-error.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 4000u, 6, 124, 0, 1000000u, "9647f070e7a411f1bc451f5839751150", "", "", "5658c038"),
        new("md-error.pcap", 2, "127.0.0.1", "127.0.0.2", TrdpMessageType.Me, 0x0100, 0u, 0u, 0, 116, -3, 0u, "9647f070e7a411f1bc451f5839751150", "", "", "109d3cfa"),
        new("md-request-retry.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 4000u, 6, 124, 0, 1000000u, "fd19fa00e7a411f1bee0df1fa7335572", "", "", "94de88e9"),
        new("md-request-retry.pcap", 2, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 1u, 4000u, 6, 124, 0, 1000000u, "fd19fa00e7a411f1bee0df1fa7335572", "", "", "eaaff42c"),
        new("md-request-retry.pcap", 3, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 2u, 4000u, 6, 124, 0, 1000000u, "fd19fa00e7a411f1bee0df1fa7335572", "", "", "293a01b8"),
        new("md-request-retry.pcap", 4, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 4000u, 6, 124, 0, 1000000u, "fee3cd84e7a411f1bee0df1fa7335572", "", "", "b83662a1"),
        new("md-tcp-request-reply.pcap", 4, "127.0.0.1", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 13, 132, 0, 2000000u, "04621964e7a511f1a35cdff33661f904", "", "", "a724d6e0"),
        new("md-tcp-request-reply.pcap", 6, "127.0.0.1", "127.0.0.1", TrdpMessageType.Mp, 0x0100, 0u, 1001u, 17, 136, 0, 0u, "04621964e7a511f1a35cdff33661f904", "test_mdSingle", "", "454f7545"),
        new("md-reptest-round.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 2000u, 4096, 4212, 0, 1000000u, "9647e990e7a411f1bc451f5839751150", "", "", "27f27586"),
        new("md-reptest-round.pcap", 2, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 3000u, 4096, 4212, 0, 1000000u, "9647ed8ce7a411f1bc451f5839751150", "", "", "7982a0d4"),
        new("md-reptest-round.pcap", 3, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 4000u, 6, 124, 0, 1000000u, "9647f070e7a411f1bc451f5839751150", "", "", "5658c038"),
        new("md-reptest-round.pcap", 4, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 6000u, 10, 128, 0, 1000000u, "9647f30ee7a411f1bc451f5839751150", "", "", "5472a2fa"),
        new("md-reptest-round.pcap", 5, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 5000u, 6, 124, 0, 1000000u, "9647f548e7a411f1bc451f5839751150", "", "", "0267bac4"),
        new("md-reptest-round.pcap", 6, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mq, 0x0100, 0u, 2001u, 4096, 4212, 0, 1500000u, "9647e990e7a411f1bc451f5839751150", "", "", "5f558870"),
        new("md-reptest-round.pcap", 7, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mp, 0x0100, 0u, 3001u, 4096, 4212, 0, 0u, "9647ed8ce7a411f1bc451f5839751150", "", "", "13753a92"),
        new("md-reptest-round.pcap", 8, "127.0.0.1", "127.0.0.2", TrdpMessageType.Me, 0x0100, 0u, 0u, 0, 116, -3, 0u, "9647f070e7a411f1bc451f5839751150", "", "", "109d3cfa"),
        new("md-reptest-round.pcap", 9, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mq, 0x0100, 0u, 6001u, 4096, 4212, 0, 1500000u, "9647f30ee7a411f1bc451f5839751150", "", "", "062bddb8"),
        new("md-reptest-round.pcap", 10, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mp, 0x0100, 0u, 5001u, 4096, 4212, 0, 0u, "9647f548e7a411f1bc451f5839751150", "", "", "e1be23ea"),
        new("md-replier-checks.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 13, 132, 0, 2000000u, "01010101010101010101010101010101", "pyCaller", "anyone", "c50b9149"),
        new("md-replier-checks.pcap", 2, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mp, 0x0100, 0u, 1001u, 17, 136, 0, 0u, "01010101010101010101010101010101", "test_mdSingle", "pyCaller", "4e030eaa"),
        new("md-replier-checks.pcap", 3, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 5, 124, 0, 2000000u, "02020202020202020202020202020202", "", "", "00000000"),
        new("md-replier-checks.pcap", 4, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 5, 124, 0, 2000000u, "03030303030303030303030303030303", "", "", "e576f009"),
        new("md-replier-checks.pcap", 5, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0200, 0u, 1001u, 5, 124, 0, 2000000u, "04040404040404040404040404040404", "", "", "dfdacedc"),
        new("md-replier-checks.pcap", 6, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 13, 129, 0, 2000000u, "05050505050505050505050505050505", "", "", "750fe1d3"),
        new("md-replier-checks.pcap", 7, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mp, 0x0100, 0u, 1001u, 17, 136, 0, 0u, "05050505050505050505050505050505", "test_mdSingle", "", "97644276"),
        new("md-replier-checks.pcap", 8, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 100, 124, 0, 2000000u, "06060606060606060606060606060606", "", "", "418fe668"),
        new("md-replier-checks.pcap", 9, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mp, 0x0100, 0u, 1001u, 17, 136, 0, 0u, "06060606060606060606060606060606", "test_mdSingle", "", "b473c36c"),
        new("md-replier-checks.pcap", 10, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 5, 124, 0, 0u, "07070707070707070707070707070707", "", "", "080e0dd0"),
        new("md-replier-checks.pcap", 11, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mp, 0x0100, 0u, 1001u, 17, 136, 0, 0u, "07070707070707070707070707070707", "test_mdSingle", "", "55814365"),
        new("md-replier-checks.pcap", 12, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mn, 0x0100, 0u, 1001u, 12, 128, 0, 0u, "08080808080808080808080808080808", "", "", "cce59f5a"),
        new("md-replier-checks.pcap", 13, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mc, 0x0100, 0u, 0u, 0, 116, 0, 0u, "09090909090909090909090909090909", "", "", "c5374c99"),
        new("md-replier-checks.pcap", 14, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mp, 0x0100, 0u, 1001u, 6, 124, 0, 0u, "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a", "", "", "b650d279"),
        new("md-replier-checks.pcap", 15, "127.0.0.2", "127.0.0.1", (TrdpMessageType)0x4D78, 0x0100, 0u, 1001u, 6, 124, 0, 2000000u, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", "4739b2b4"),
        new("md-replier-checks.pcap", 16, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 4242u, 6, 124, 0, 2000000u, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "pyCaller", "", "9d80e6a7"),
        new("md-replier-checks.pcap", 17, "127.0.0.1", "127.0.0.2", TrdpMessageType.Me, 0x0100, 0u, 0u, 0, 116, -3, 0u, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "", "", "cdda500f"),
        new("md-replier-checks.pcap", 18, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mn, 0x0100, 0u, 4243u, 6, 124, 0, 0u, "fa1df0062dc54315b6095bee95041977", "", "", "839d9eea"),
        new("md-replier-checks.pcap", 19, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 7u, 1001u, 6, 124, 0, 2000000u, "0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e", "", "", "bd05c489"),
        new("md-replier-checks.pcap", 20, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mp, 0x0100, 7u, 1001u, 17, 136, 0, 0u, "0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e", "test_mdSingle", "", "05b82217"),
        new("md-replier-checks.pcap", 21, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 7u, 1001u, 6, 124, 0, 2000000u, "0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e", "", "", "bd05c489"),
        new("md-replier-checks.pcap", 22, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mp, 0x0100, 7u, 1001u, 17, 136, 0, 0u, "0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e", "test_mdSingle", "", "05b82217"),
        new("md-replier-checks.pcap", 23, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 8u, 1001u, 6, 124, 0, 2000000u, "0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e", "", "", "b1cd7423"),
        new("md-replier-checks.pcap", 24, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mp, 0x0100, 8u, 1001u, 17, 136, 0, 0u, "0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e", "test_mdSingle", "", "097092bd"),
        new("md-replier-checks.pcap", 25, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 6, 124, 5, 2000000u, "11111111111111111111111111111111", "", "", "3e922e73"),
        new("md-replier-checks.pcap", 26, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mp, 0x0100, 0u, 1001u, 17, 136, 0, 0u, "11111111111111111111111111111111", "test_mdSingle", "", "03814ec8"),
        new("md-confirm-checks.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 3, 120, 0, 2000000u, "21212121212121212121212121212121", "pyCaller", "", "3e07ad62"),
        new("md-confirm-checks.pcap", 2, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mq, 0x0100, 0u, 1001u, 23, 140, 0, 10000000u, "21212121212121212121212121212121", "test_mdSingle", "pyCaller", "9308871d"),
        new("md-confirm-checks.pcap", 3, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mc, 0x0100, 0u, 0u, 0, 116, 0, 0u, "21212121212121212121212121212121", "pyCaller", "test_mdSingle", "bf61a3f9"),
        new("md-confirm-checks.pcap", 4, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 0u, 1001u, 3, 120, 0, 2000000u, "22222222222222222222222222222222", "", "", "0082f510"),
        new("md-confirm-checks.pcap", 5, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mq, 0x0100, 0u, 1001u, 23, 140, 0, 10000000u, "22222222222222222222222222222222", "test_mdSingle", "", "edb349fd"),
        new("md-confirm-checks.pcap", 6, "127.0.0.2", "127.0.0.1", TrdpMessageType.Mr, 0x0100, 1u, 1001u, 3, 120, 0, 2000000u, "22222222222222222222222222222222", "", "", "7ef389d5"),
        new("md-confirm-checks.pcap", 7, "127.0.0.1", "127.0.0.2", TrdpMessageType.Mq, 0x0100, 1u, 1001u, 23, 140, 0, 10000000u, "22222222222222222222222222222222", "test_mdSingle", "", "93c23538"),
    ];

    public static TheoryData<string, int> Keys()
    {
        var data = new TheoryData<string, int>();
        foreach (MdVectorRow row in Rows)
        {
            data.Add(row.File, row.Frame);
        }

        return data;
    }

    public static MdVectorRow Get(string file, int frame) => Rows.Single(r => r.File == file && r.Frame == frame);
}
