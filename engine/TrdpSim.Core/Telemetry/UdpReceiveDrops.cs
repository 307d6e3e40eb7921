using System.Buffers.Text;

namespace TrdpSim.Telemetry;

/// <summary>Datagrams the kernel dropped because a socket's receive buffer was full, summed over this process's
/// UDP sockets: the <c>drops</c> column of <c>/proc/self/net/udp</c> for the socket inodes found in
/// <c>/proc/self/fd</c>.</summary>
/// <remarks>Linux only (null elsewhere, or when /proc cannot be read). Read by the self-monitor every second for the
/// whole run, so it allocates nothing in steady state: the descriptors are listed without strings
/// (<see cref="ProcFs"/>), the tables are read into one buffer that grows only when the machine has more sockets than
/// ever before, and the lines are parsed as bytes. Readers on several threads take turns (one lock).</remarks>
internal static class UdpReceiveDrops
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<long> Inodes = [];
    private static byte[] s_table = new byte[16 * 1024];

    /// <summary>The drops so far, or null when the figure is not available here.</summary>
    public static long? Read()
    {
        lock (Gate)
        {
            if (!ProcFs.ReadSocketInodes(Inodes))
            {
                return null;
            }

            if (Inodes.Count == 0)
            {
                return 0;
            }

            long? udp = Sum("/proc/self/net/udp");
            return udp is { } drops ? drops + (Sum("/proc/self/net/udp6") ?? 0) : null;
        }
    }

    /// <summary>The drops column summed over the lines of <paramref name="table"/> (its header first) whose inode is
    /// one of <paramref name="inodes"/>.</summary>
    internal static long Sum(ReadOnlySpan<byte> table, HashSet<long> inodes)
    {
        long drops = 0;
        int end = table.IndexOf((byte)'\n');
        table = end < 0 ? default : table[(end + 1)..]; // the header
        while (!table.IsEmpty)
        {
            end = table.IndexOf((byte)'\n');
            drops += Parse(end < 0 ? table : table[..end], inodes);
            table = end < 0 ? default : table[(end + 1)..];
        }

        return drops;
    }

    /// <summary>One line of the table: its drops when its inode (10th column) is in <paramref name="inodes"/>, else 0.</summary>
    internal static long Parse(ReadOnlySpan<byte> line, HashSet<long> inodes)
    {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops
        long inode = -1;
        ReadOnlySpan<byte> last = default;
        int column = 0;
        while (true)
        {
            line = line.TrimStart((byte)' ');
            if (line.IsEmpty)
            {
                break;
            }

            int space = line.IndexOf((byte)' ');
            var value = space < 0 ? line : line[..space];
            if (column == 9 && !(Utf8Parser.TryParse(value, out inode, out int consumed) && consumed == value.Length))
            {
                return 0;
            }

            last = value;
            column++;
            line = space < 0 ? default : line[space..];
        }

        if (column < 13 || !inodes.Contains(inode))
        {
            return 0;
        }

        return Utf8Parser.TryParse(last, out long drops, out int used) && used == last.Length ? drops : 0;
    }

    /// <summary>The drops in one table; null when it cannot be read (an absent <c>udp6</c> on a host without IPv6 is 0).</summary>
    private static long? Sum(string path)
    {
        int length = ProcFs.ReadWholeFile(path, ref s_table);
        return length < 0 ? null : Sum(s_table.AsSpan(0, length), Inodes);
    }
}
