using TrdpSim.Telemetry.Internal;

namespace TrdpSim.Telemetry;

/// <summary>The CPU time of the process's threads by kind (<see cref="CpuConsumer"/>), read from
/// <c>/proc/self/task/*/comm</c> and <c>schedstat</c> without allocating.</summary>
/// <remarks>One listing of <c>/proc/self/task</c>, and for each thread its name (a thread may be named after it
/// started, so it is read every time) and its times, opened relative to the listing's descriptor with the file name
/// built on the stack (<see cref="ProcFs"/>). A scrape and the run store's intervals take this sample for every thread
/// of the process for the whole run, so it must leave no garbage.</remarks>
internal static unsafe class ThreadCpuReader
{
    /// <summary>Adds each live thread's time on the CPU and waiting for one (ns) to its kind's slot.</summary>
    /// <returns>False when <c>/proc/self/task</c> cannot be read (not Linux).</returns>
    public static bool Read(Span<long> cpu, Span<long> wait)
    {
        nint directory = ProcFs.OpenDirectory("/proc/self/task");
        if (directory == 0)
        {
            return false;
        }

        try
        {
            int descriptor = LinuxProc.DirectoryDescriptor(directory);
            Span<byte> buffer = stackalloc byte[128];
            Span<char> text = stackalloc char[128];
            byte* path = stackalloc byte[64]; // "<thread id>/schedstat\0"
            nint entry;
            while ((entry = LinuxProc.ReadDirectory(directory)) != 0)
            {
                ReadOnlySpan<byte> id = ProcFs.Name(entry);
                if (id.IsEmpty || id.Length > 20 || !IsDigits(id))
                {
                    continue; // "." and ".."
                }

                int nameLength = ProcFs.ReadFileAt(descriptor, FilePath(path, id, "/comm"u8), buffer);
                if (nameLength <= 0)
                {
                    continue; // ended since the listing
                }

                int kind = (int)CpuSample.Classify(CpuSample.Ascii(buffer[..nameLength], text).TrimEnd('\n'));
                int statLength = ProcFs.ReadFileAt(descriptor, FilePath(path, id, "/schedstat"u8), buffer);
                if (statLength > 0 && CpuSample.TryParseSchedstat(CpuSample.Ascii(buffer[..statLength], text), out long onCpu, out long waiting))
                {
                    cpu[kind] += onCpu;
                    wait[kind] += waiting;
                }
            }

            return true;
        }
        finally
        {
            LinuxProc.CloseDirectory(directory);
        }
    }

    /// <summary>Writes <c>&lt;id&gt;&lt;file&gt;\0</c> into <paramref name="path"/> (64 bytes: a thread id has at most 20
    /// digits, the longest file name 10 bytes).</summary>
    private static byte* FilePath(byte* path, ReadOnlySpan<byte> id, ReadOnlySpan<byte> file)
    {
        var target = new Span<byte>(path, 64);
        id.CopyTo(target);
        file.CopyTo(target[id.Length..]);
        target[id.Length + file.Length] = 0;
        return path;
    }

    private static bool IsDigits(ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }
}
