namespace TrdpSim.Tests.Protocol;

/// <summary>One row of a PD table in shared/vectors/README.md (decoded header fields per captured frame).</summary>
public sealed record PdVectorRow(
    string File, int Frame, string Source, string Destination, TrdpMessageType Type, ushort Version, uint Sequence,
    uint ComId, uint EtbTopo, uint OpTopo, uint DatasetLength, int UdpLength, uint Reserved, uint ReplyComId,
    string ReplyIp, string FcsHex);

/// <summary>Expected values transcribed from the PD tables of shared/vectors/README.md.</summary>
public static class PdVectorTable
{
    public static readonly PdVectorRow[] Rows =
    [
        new("pd-publish.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 0u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "17d20f92"),
        new("pd-publish.pcap", 2, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 1u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "e442fda4"),
        new("pd-publish.pcap", 3, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 2u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "f1f3eaff"),
        new("pd-publish.pcap", 4, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 3u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "026318c9"),
        new("pd-publish-empty.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 0u, 1001, 0, 0, 0, 40, 0u, 0, "0.0.0.0", "ae3780d9"),
        new("pd-publish-empty.pcap", 2, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 1u, 1001, 0, 0, 0, 40, 0u, 0, "0.0.0.0", "5da772ef"),
        new("pd-publish-empty.pcap", 3, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 2u, 1001, 0, 0, 0, 40, 0u, 0, "0.0.0.0", "481665b4"),
        new("pd-pull.pcap", 1, "127.0.0.1", "127.0.0.1", TrdpMessageType.Pr, 0x0100, 0u, 2000, 0, 0, 0, 40, 0u, 2000, "127.0.0.2", "e008a6cc"),
        new("pd-pull.pcap", 2, "127.0.0.1", "127.0.0.2", TrdpMessageType.Pp, 0x0100, 0u, 2000, 0, 0, 128, 168, 0u, 0, "0.0.0.0", "b80161e3"),
        new("pd-pull-statistics.pcap", 1, "127.0.0.1", "127.0.0.1", TrdpMessageType.Pr, 0x0100, 0u, 31, 0, 0, 0, 40, 0u, 31, "127.0.0.2", "21f97996"),
        new("pd-pull-statistics.pcap", 2, "127.0.0.1", "127.0.0.2", TrdpMessageType.Pp, 0x0100, 0u, 31, 0, 0, 380, 420, 0u, 0, "0.0.0.0", "d5bed5d2"),
        new("pd-marshalled-dataset.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 0u, 3000, 0, 0, 78, 120, 0u, 0, "0.0.0.0", "90ab738d"),
        new("pd-marshalled-dataset.pcap", 2, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 1u, 3000, 0, 0, 78, 120, 0u, 0, "0.0.0.0", "633b81bb"),
        new("pd-receiver-checks.pcap", 1, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 10u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "28720f93"),
        new("pd-receiver-checks.pcap", 2, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 10u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "28720f93"),
        new("pd-receiver-checks.pcap", 3, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 9u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "3dc318c8"),
        new("pd-receiver-checks.pcap", 4, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 11u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "dbe2fda5"),
        new("pd-receiver-checks.pcap", 5, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 12u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "03102025"),
        new("pd-receiver-checks.pcap", 6, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0200, 13u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "4e88cdda"),
        new("pd-receiver-checks.pcap", 7, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x01FF, 14u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "6c3597ef"),
        new("pd-receiver-checks.pcap", 8, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pe, 0x0100, 15u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "3378301d"),
        new("pd-receiver-checks.pcap", 9, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 16u, 1000, 7, 0, 24, 64, 0u, 0, "0.0.0.0", "fd572322"),
        new("pd-receiver-checks.pcap", 10, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 17u, 1000, 0, 7, 24, 64, 0u, 0, "0.0.0.0", "1d3da45d"),
        new("pd-receiver-checks.pcap", 11, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 18u, 1000, 0, 0, 1433, 64, 0u, 0, "0.0.0.0", "bc627edf"),
        new("pd-receiver-checks.pcap", 12, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 19u, 1000, 0, 0, 5, 45, 0u, 0, "0.0.0.0", "14a6f8e3"),
        new("pd-receiver-checks.pcap", 13, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 20u, 1000, 0, 0, 24, 64, 305419896u, 0, "0.0.0.0", "564eef17"),
        new("pd-receiver-checks.pcap", 14, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 0u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "17d20f92"),
        new("pd-receiver-checks.pcap", 15, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 5u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "2801377f"),
        new("pd-receiver-checks.pcap", 16, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 1u, 1001, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "ead27601"),
        new("pd-receiver-checks.pcap", 17, "127.0.0.2", "127.0.0.1", 0, 0, 0u, 0, 0, 0, 0, 39, 0u, 0, "0.0.0.0", ""),
        new("pd-receiver-checks.pcap", 18, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 4294967295u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "3d9f4607"),
        new("pd-receiver-checks.pcap", 19, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 0u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "17d20f92"),
        new("pd-receiver-checks.pcap", 20, "127.0.0.3", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 1u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "e442fda4"),
        new("pd-receiver-checks.pcap", 21, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 1u, 1000, 0, 0, 24, 64, 0u, 0, "0.0.0.0", "e442fda4"),
        new("pd-receiver-checks.pcap", 22, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 2u, 1000, 0, 0, 24, 48, 0u, 0, "0.0.0.0", "f1f3eaff"),
        new("pd-receiver-checks.pcap", 23, "127.0.0.2", "127.0.0.1", TrdpMessageType.Pd, 0x0100, 3u, 1000, 0, 0, 24, 64, 0u, 99, "127.0.0.9", "f1660a5d"),
        new("pd-receiver-checks.pcap", 24, "127.0.0.1", "127.0.0.1", TrdpMessageType.Pr, 0x0100, 0u, 31, 0, 0, 0, 40, 0u, 31, "127.0.0.2", "21f97996"),
        new("pd-receiver-checks.pcap", 25, "127.0.0.1", "127.0.0.2", TrdpMessageType.Pp, 0x0100, 0u, 31, 0, 0, 380, 420, 0u, 0, "0.0.0.0", "d5bed5d2"),
    ];

    public static TheoryData<string, int> Keys()
    {
        var data = new TheoryData<string, int>();
        foreach (PdVectorRow row in Rows)
        {
            data.Add(row.File, row.Frame);
        }

        return data;
    }

    public static PdVectorRow Get(string file, int frame) => Rows.Single(r => r.File == file && r.Frame == frame);
}
