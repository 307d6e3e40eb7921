using System.Globalization;

namespace TrdpSim.Telemetry;

/// <summary>Datagrams the kernel dropped because a socket's receive buffer was full, summed over this process's
/// UDP sockets: the <c>drops</c> column of <c>/proc/self/net/udp</c> for the socket inodes found in
/// <c>/proc/self/fd</c>.</summary>
/// <remarks>Linux only (null elsewhere, or when /proc cannot be read). Allocates (reads /proc): for the
/// self-monitor's once-a-second check, never for the hot path or a scrape.</remarks>
internal static class UdpReceiveDrops
{
    /// <summary>The drops so far, or null when the figure is not available here.</summary>
    public static long? Read()
    {
        try
        {
            var inodes = SocketInodes();
            if (inodes.Count == 0)
            {
                return 0;
            }

            return Sum("/proc/self/net/udp", inodes) + Sum("/proc/self/net/udp6", inodes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The drops column summed over the lines of <paramref name="table"/> whose inode is one of ours.</summary>
    internal static long Sum(string table, HashSet<long> inodes)
    {
        if (!File.Exists(table))
        {
            return 0;
        }

        long drops = 0;
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            drops += Parse(line, inodes);
        }

        return drops;
    }

    /// <summary>One line of the table: its drops when its inode (10th column) is in <paramref name="inodes"/>, else 0.</summary>
    internal static long Parse(string line, HashSet<long> inodes)
    {
        var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (columns.Length < 13 || !long.TryParse(columns[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode) || !inodes.Contains(inode))
        {
            return 0;
        }

        return long.TryParse(columns[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var drops) ? drops : 0;
    }

    private static HashSet<long> SocketInodes()
    {
        var inodes = new HashSet<long>();
        if (!Directory.Exists("/proc/self/fd"))
        {
            return inodes;
        }

        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed while we looked
            }

            // "socket:[12345]"
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && target.EndsWith(']') &&
                long.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
            {
                inodes.Add(inode);
            }
        }

        return inodes;
    }
}
