using System.Buffers.Text;
using System.Runtime.InteropServices;
using TrdpSim.Telemetry.Internal;

namespace TrdpSim.Telemetry;

/// <summary>Reads <c>/proc</c> without allocating: a file into the caller's buffer, the entries of a directory (the
/// file descriptors in <c>/proc/self/fd</c> and the sockets behind them).</summary>
/// <remarks>The once-a-second readers (per-thread CPU, receive-buffer drops, resident memory, open files) read these for
/// the whole length of a run. Through .NET each file opened is a handle object and each directory entry a string, and
/// that garbage, promoted by the young-generation collections, made a soak's heap creep between the rare full
/// collections. No handle is kept between reads, so the process's open files are not inflated by its own monitoring.
/// Linux only: elsewhere every method reports that the file or directory cannot be read.</remarks>
internal static unsafe class ProcFs
{
    /// <summary>Reads the file <paramref name="path"/> into <paramref name="buffer"/> from its start, at most the
    /// buffer's length: the bytes read, or -1 when it cannot be read.</summary>
    public static int ReadFile(string path, Span<byte> buffer) =>
        OperatingSystem.IsLinux() ? ReadFile(LinuxProc.OpenAt(LinuxProc.CurrentDirectory, path, LinuxProc.ReadOnlyCloseOnExec), buffer) : -1;

    /// <summary>Reads the whole file <paramref name="path"/> into <paramref name="buffer"/>, which grows (doubling) when
    /// the file does not fit — a table such as <c>/proc/self/net/udp</c>, whose length follows the sockets of the
    /// machine. The bytes read, or -1 when it cannot be read.</summary>
    public static int ReadWholeFile(string path, ref byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        while (true)
        {
            int length = ReadFile(path, buffer);
            if (length < buffer.Length)
            {
                return length;
            }

            buffer = new byte[buffer.Length * 2];
        }
    }

    /// <summary>Reads the file <paramref name="name"/> (null-terminated, relative to the open directory
    /// <paramref name="directoryDescriptor"/>) into <paramref name="buffer"/>: the bytes read, or -1.</summary>
    internal static int ReadFileAt(int directoryDescriptor, byte* name, Span<byte> buffer) =>
        ReadFile(LinuxProc.OpenAt(directoryDescriptor, name, LinuxProc.ReadOnlyCloseOnExec), buffer);

    /// <summary>The entries of <paramref name="path"/> other than <c>.</c> and <c>..</c>; -1 when it cannot be read.</summary>
    /// <remarks>For <c>/proc/self/fd</c> the count includes the descriptor of the listing itself, as any listing of that
    /// directory does.</remarks>
    public static int CountEntries(string path)
    {
        nint directory = OpenDirectory(path);
        if (directory == 0)
        {
            return -1;
        }

        try
        {
            int count = 0;
            nint entry;
            while ((entry = LinuxProc.ReadDirectory(directory)) != 0)
            {
                if (!IsDots(Name(entry)))
                {
                    count++;
                }
            }

            return count;
        }
        finally
        {
            LinuxProc.CloseDirectory(directory);
        }
    }

    /// <summary>Replaces the contents of <paramref name="inodes"/> with the inode of every socket this process has
    /// open (the <c>socket:[inode]</c> targets of <c>/proc/self/fd</c>). False when the directory cannot be read.</summary>
    public static bool ReadSocketInodes(HashSet<long> inodes)
    {
        ArgumentNullException.ThrowIfNull(inodes);
        inodes.Clear();
        nint directory = OpenDirectory("/proc/self/fd");
        if (directory == 0)
        {
            return false;
        }

        try
        {
            int descriptor = LinuxProc.DirectoryDescriptor(directory);
            byte* target = stackalloc byte[64];
            nint entry;
            while ((entry = LinuxProc.ReadDirectory(directory)) != 0)
            {
                nint length = LinuxProc.ReadLinkAt(descriptor, (byte*)entry + LinuxProc.DirentNameOffset, target, 64);
                if (length > 0 && TryParseSocketInode(new ReadOnlySpan<byte>(target, (int)length), out long inode))
                {
                    inodes.Add(inode); // a descriptor closed while we looked simply has no target
                }
            }

            return true;
        }
        finally
        {
            LinuxProc.CloseDirectory(directory);
        }
    }

    /// <summary>The inode of a <c>socket:[12345]</c> link target; false for any other target.</summary>
    internal static bool TryParseSocketInode(ReadOnlySpan<byte> target, out long inode)
    {
        inode = 0;
        ReadOnlySpan<byte> prefix = "socket:["u8;
        if (target.Length <= prefix.Length + 1 || !target.StartsWith(prefix) || target[^1] != (byte)']')
        {
            return false;
        }

        var digits = target[prefix.Length..^1];
        if (!Utf8Parser.TryParse(digits, out long parsed, out int consumed) || consumed != digits.Length)
        {
            return false;
        }

        inode = parsed;
        return true;
    }

    /// <summary>Opens a directory stream (0 when it cannot be read or this is not Linux).</summary>
    internal static nint OpenDirectory(string path) => OperatingSystem.IsLinux() ? LinuxProc.OpenDirectory(path) : 0;

    /// <summary>The name of a directory entry returned by <see cref="LinuxProc.ReadDirectory"/>.</summary>
    internal static ReadOnlySpan<byte> Name(nint entry) =>
        MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)entry + LinuxProc.DirentNameOffset);

    /// <summary>Reads an open descriptor from its start into <paramref name="buffer"/> and closes it.</summary>
    private static int ReadFile(int descriptor, Span<byte> buffer)
    {
        if (descriptor < 0)
        {
            return -1;
        }

        try
        {
            int total = 0;
            fixed (byte* start = buffer)
            {
                while (total < buffer.Length)
                {
                    nint read = LinuxProc.Read(descriptor, start + total, (nuint)(buffer.Length - total));
                    if (read < 0)
                    {
                        return -1; // the thread of a /proc/self/task file has ended, say
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    total += (int)read;
                }
            }

            return total;
        }
        finally
        {
            LinuxProc.Close(descriptor);
        }
    }

    private static bool IsDots(ReadOnlySpan<byte> name) => name.SequenceEqual("."u8) || name.SequenceEqual(".."u8);
}
