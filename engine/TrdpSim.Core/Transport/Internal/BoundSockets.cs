using System.Buffers.Binary;
using System.Globalization;

namespace TrdpSim.Transport.Internal;

/// <summary>Finds other sockets bound to exactly an address and port, from the kernel's socket tables
/// (<c>/proc/net/udp</c>, <c>/proc/net/tcp</c>), and who holds them.</summary>
/// <remarks>
/// <para>Why not let <c>bind()</c> refuse: a device's sockets need <c>SO_REUSEADDR</c> so that a TRDP stack
/// bound to the wildcard address on the same port (TCNopen sets it for its multicast sockets) can run beside
/// trdpsim, before or after it; but with <c>SO_REUSEADDR</c> on both, Linux lets a second UDP socket bind
/// the very same address and port, and the two then share the address's unicast datagrams (with
/// <c>SO_REUSEPORT</c> the kernel even balances them evenly). A TCP listener needs <c>SO_REUSEPORT</c> beside a
/// wildcard listener, which lets a second listener in the same way. So the check reads the table instead.</para>
/// <para>It runs <em>after</em> our own bind and skips our own socket (by inode), so two processes starting
/// together both see each other and both refuse, rather than both passing a check made before binding.
/// It sees every socket of this network namespace, of every user. Set-up only: it reads a whole table.</para>
/// </remarks>
internal static class BoundSockets
{
    /// <summary>TCP_LISTEN in the <c>st</c> column.</summary>
    private const int TcpListen = 0x0A;

    /// <summary>Throws <see cref="SocketSetupException"/> (EADDRINUSE, naming the holder) when a socket other than
    /// <paramref name="ownDescriptor"/>'s is bound to exactly <paramref name="endpoint"/>. A wildcard-bound socket
    /// on the same port is not a conflict. Does nothing where the tables cannot be read (not Linux).</summary>
    /// <param name="ownDescriptor">Our socket's file descriptor, already bound.</param>
    /// <param name="endpoint">Our bound address and port.</param>
    /// <param name="tcp">Look at TCP listeners instead of UDP sockets.</param>
    public static void EnsureSole(int ownDescriptor, Ip4Endpoint endpoint, bool tcp)
    {
        string table = tcp ? "/proc/net/tcp" : "/proc/net/udp";
        if (!OperatingSystem.IsLinux() || !File.Exists(table))
        {
            return;
        }

        long own = InodeOf(ownDescriptor);
        long other = FindOther(File.ReadLines(table), endpoint, own, tcp ? TcpListen : -1);
        if (other != 0)
        {
            throw new SocketSetupException(tcp ? "listen" : "bind", endpoint, SocketSetupException.AddressInUse,
                $"another socket ({Holder(other)}) is bound to exactly this address and port, and two stacks on one address split its " +
                "unicast traffic between them; stop the other one or give this device another address");
        }
    }

    /// <summary>The inode of the first socket in <paramref name="lines"/> (a <c>/proc/net/udp</c> or <c>tcp</c>
    /// table) bound to exactly <paramref name="endpoint"/>, other than <paramref name="ownInode"/>, in state
    /// <paramref name="state"/> (-1: any); 0 when there is none.</summary>
    internal static long FindOther(IEnumerable<string> lines, Ip4Endpoint endpoint, long ownInode, int state)
    {
        // The table prints the local address as "%08X:%04X"; most lines are other sockets, skipped unsplit.
        string key = FormatLocal(endpoint);
        foreach (string line in lines)
        {
            if (!line.Contains(key, StringComparison.Ordinal))
            {
                continue;
            }

            // "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode …"
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || !TryParseLocal(fields[1], out Ip4Endpoint local) || local != endpoint
                || !long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out long inode) || inode == ownInode)
            {
                continue;
            }

            if (state < 0 || (int.TryParse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int st) && st == state))
            {
                return inode;
            }
        }

        return 0;
    }

    /// <summary>Parses <c>0100007F:4348</c>: the address as the kernel's 32-bit word in network byte order,
    /// printed as a native integer (so byte-swapped on little-endian machines), then the port in hex.</summary>
    internal static bool TryParseLocal(string text, out Ip4Endpoint endpoint)
    {
        endpoint = default;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon != 8
            || !uint.TryParse(text.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint word)
            || !ushort.TryParse(text.AsSpan(9), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ushort port))
        {
            return false;
        }

        endpoint = new Ip4Endpoint(BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(word) : word, port);
        return true;
    }

    /// <summary>The local-address column for <paramref name="endpoint"/>, as the kernel prints it.</summary>
    internal static string FormatLocal(Ip4Endpoint endpoint)
    {
        uint word = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(endpoint.Address) : endpoint.Address;
        return string.Create(CultureInfo.InvariantCulture, $"{word:X8}:{endpoint.Port:X4}");
    }

    /// <summary>The socket inode behind a descriptor (<c>/proc/self/fd/N</c> → <c>socket:[inode]</c>); 0 if unknown.</summary>
    private static long InodeOf(int descriptor)
    {
        string? target = new FileInfo($"/proc/self/fd/{descriptor}").LinkTarget;
        return SocketInode(target);
    }

    private static long SocketInode(string? linkTarget) =>
        linkTarget is not null && linkTarget.StartsWith("socket:[", StringComparison.Ordinal) && linkTarget.EndsWith(']')
        && long.TryParse(linkTarget.AsSpan(8, linkTarget.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out long inode)
            ? inode : 0;

    /// <summary>"pid 1234 trdpsim" for the process holding socket <paramref name="inode"/>, found through
    /// <c>/proc/*/fd</c>; processes of other users cannot be looked into, then only the inode is named.</summary>
    private static string Holder(long inode)
    {
        int self = Environment.ProcessId;
        foreach (string process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                foreach (string fd in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                {
                    if (SocketInode(new FileInfo(fd).LinkTarget) == inode)
                    {
                        string name = File.ReadAllText(Path.Combine(process, "comm")).Trim();
                        return pid == self ? $"this process, pid {pid} {name}" : $"pid {pid} {name}";
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that just ended.
            }
        }

        return $"socket inode {inode}, held by a process this user cannot see";
    }
}
