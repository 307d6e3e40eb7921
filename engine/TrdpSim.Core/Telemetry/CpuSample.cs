using System.Globalization;
using TrdpSim.Scheduling;

namespace TrdpSim.Telemetry;

/// <summary>Which of the process's threads used the CPU.</summary>
public enum CpuConsumer
{
    /// <summary>The timing-wheel thread (all sends, MD sessions).</summary>
    Wheel,

    /// <summary>PD and MD receive loops.</summary>
    Receive,

    /// <summary>The scenario worker (JavaScript hooks).</summary>
    Scripts,

    /// <summary>The .NET thread pool and socket engine: the HTTP <c>/metrics</c> server, TCP MD I/O, the run loop.</summary>
    Http,

    /// <summary>Everything else: the runtime (GC, finalizer), the threshold checks, the main thread, and threads that
    /// have ended (the process total minus the live named threads).</summary>
    Other,

    /// <summary>The writer of a frame recording (<c>--record</c>: pcapng blocks and file writes; the taps that copy each
    /// frame for it run on the wheel and receive threads). Last, so the other kinds keep their numbers.</summary>
    Capture,
}

/// <summary>CPU time of this process (total and per kind of thread) and of the whole machine at one moment;
/// two samples give the CPU used between them (<see cref="CpuUsage.Between"/>).</summary>
/// <remarks>
/// Per thread: <c>/proc/self/task/*/schedstat</c> (ns on the CPU, ns runnable but waiting for one), each thread
/// classified by its name (<c>trdpsim-wheel</c>, <c>trdpsim-rx-*</c> …). Process: <see cref="Environment.CpuUsage"/>.
/// Machine: <c>/proc/stat</c> (busy and steal time of every CPU). Linux only for threads and machine; elsewhere
/// those figures are 0. /proc is read without allocating (<see cref="ThreadCpuReader"/>, <see cref="ProcFs"/>), so a
/// sample allocates only itself and its two arrays, however many threads the process has; not for hot paths.
/// </remarks>
public sealed record CpuSample(long TimestampNanoseconds, long UserNanoseconds, long SystemNanoseconds,
    long[] ConsumerCpuNanoseconds, long[] ConsumerWaitNanoseconds, long MachineBusyNanoseconds, long MachineStealNanoseconds,
    long MachineTotalNanoseconds, int Cpus)
{
    /// <summary>Kinds of thread (<see cref="CpuConsumer"/> values).</summary>
    public const int Consumers = 6;

    /// <summary>USER_HZ: the unit of /proc/stat (100 on every Linux architecture trdpsim runs on).</summary>
    private const long NanosecondsPerUserTick = 10_000_000;

    /// <summary>User + system CPU time of the process.</summary>
    public long ProcessNanoseconds => UserNanoseconds + SystemNanoseconds;

    /// <summary>Takes a sample now.</summary>
    public static CpuSample Take()
    {
        var usage = Environment.CpuUsage;
        long[] cpu = new long[Consumers];
        long[] wait = new long[Consumers];
        _ = ThreadCpuReader.Read(cpu, wait); // elsewhere than Linux the threads' figures stay 0
        long user = usage.UserTime.ToNanoseconds();
        long system = usage.PrivilegedTime.ToNanoseconds();
        // "Other" is what the named live threads do not explain: runtime threads and threads that have ended.
        long named = 0;
        for (int kind = 0; kind < Consumers; kind++)
        {
            named += kind == (int)CpuConsumer.Other ? 0 : cpu[kind];
        }

        cpu[(int)CpuConsumer.Other] = Math.Max(cpu[(int)CpuConsumer.Other], user + system - named);
        var (busy, steal, total) = ReadMachine();
        return new CpuSample(MonotonicClock.NowNanoseconds(), user, system, cpu, wait, busy, steal, total, Environment.ProcessorCount);
    }

    /// <summary>The kind of thread a thread name (as in <c>/proc/*/comm</c>, cut at 15 characters) belongs to.</summary>
    public static CpuConsumer Classify(ReadOnlySpan<char> name)
    {
        if (name.StartsWith("trdpsim-wheel", StringComparison.Ordinal))
        {
            return CpuConsumer.Wheel;
        }

        if (name.StartsWith("trdpsim-rx-", StringComparison.Ordinal) || name.StartsWith("trdpsim-md-", StringComparison.Ordinal))
        {
            return CpuConsumer.Receive;
        }

        if (name.StartsWith("trdpsim-capture", StringComparison.Ordinal))
        {
            return CpuConsumer.Capture;
        }

        if (name.StartsWith("trdpsim-scenari", StringComparison.Ordinal))
        {
            return CpuConsumer.Scripts;
        }

        if (name.StartsWith(".NET TP ", StringComparison.Ordinal) || name.StartsWith(".NET Sockets", StringComparison.Ordinal) ||
            name.StartsWith(".NET Long", StringComparison.Ordinal))
        {
            return CpuConsumer.Http;
        }

        return CpuConsumer.Other;
    }

    /// <summary>Parses a <c>schedstat</c> line: ns on the CPU, ns waiting on a run queue, time slices.</summary>
    public static bool TryParseSchedstat(ReadOnlySpan<char> text, out long onCpu, out long waiting)
    {
        onCpu = waiting = 0;
        text = text.Trim();
        int space = text.IndexOf(' ');
        if (space <= 0 || !long.TryParse(text[..space], NumberStyles.None, CultureInfo.InvariantCulture, out onCpu))
        {
            return false;
        }

        text = text[(space + 1)..];
        space = text.IndexOf(' ');
        return long.TryParse(space < 0 ? text : text[..space], NumberStyles.None, CultureInfo.InvariantCulture, out waiting);
    }

    /// <summary>Parses the aggregate <c>cpu</c> line of <c>/proc/stat</c> into busy, steal and total time (ns).</summary>
    public static bool TryParseProcStat(ReadOnlySpan<char> line, out long busy, out long steal, out long total)
    {
        busy = steal = total = 0;
        if (!line.StartsWith("cpu ", StringComparison.Ordinal))
        {
            return false;
        }

        // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user/nice]
        Span<long> fields = stackalloc long[8];
        int n = 0;
        foreach (var range in line[4..].Split(' '))
        {
            var part = line[4..][range];
            if (part.IsEmpty)
            {
                continue;
            }

            if (n == fields.Length || !long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out fields[n]))
            {
                break;
            }

            n++;
        }

        if (n < 8)
        {
            return false;
        }

        long idle = fields[3] + fields[4];
        steal = fields[7] * NanosecondsPerUserTick;
        total = (fields[0] + fields[1] + fields[2] + idle + fields[5] + fields[6] + fields[7]) * NanosecondsPerUserTick;
        busy = total - (idle * NanosecondsPerUserTick) - steal;
        return true;
    }

    /// <summary>/proc text (ASCII) as characters, in <paramref name="chars"/>.</summary>
    internal static ReadOnlySpan<char> Ascii(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        int n = Math.Min(bytes.Length, chars.Length);
        for (int i = 0; i < n; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return chars[..n];
    }

    private static (long Busy, long Steal, long Total) ReadMachine()
    {
        if (!OperatingSystem.IsLinux())
        {
            return default;
        }

        // The aggregate "cpu" line comes first and fits in 256 bytes.
        Span<byte> buffer = stackalloc byte[256];
        Span<char> text = stackalloc char[256];
        int length = ProcFs.ReadFile("/proc/stat", buffer);
        if (length <= 0)
        {
            return default;
        }

        var line = Ascii(buffer[..length], text);
        int end = line.IndexOf('\n');
        return TryParseProcStat(end < 0 ? line : line[..end], out long busy, out long steal, out long total) ? (busy, steal, total) : default;
    }
}

/// <summary>CPU used between two <see cref="CpuSample"/>s.</summary>
/// <param name="Seconds">Wall time between the samples.</param>
/// <param name="ProcessNanoseconds">CPU time of the process (user + system).</param>
/// <param name="UserNanoseconds">User CPU time of the process.</param>
/// <param name="SystemNanoseconds">System (kernel) CPU time of the process: for trdpsim mostly the network stack.</param>
/// <param name="ConsumerNanoseconds">CPU time per <see cref="CpuConsumer"/>.</param>
/// <param name="ConsumerWaitNanoseconds">Time the threads of each kind were runnable but waited for a CPU.</param>
/// <param name="MachineBusyNanoseconds">CPU time the whole machine was busy (every process), steal excluded.</param>
/// <param name="MachineStealNanoseconds">CPU time the hypervisor took from this machine (steal).</param>
/// <param name="MachineTotalNanoseconds">CPU time the machine had (CPUs × wall time, as /proc/stat counts it).</param>
/// <param name="Cpus">CPUs of the machine.</param>
internal sealed record CpuUsage(double Seconds, long ProcessNanoseconds, long UserNanoseconds, long SystemNanoseconds,
    long[] ConsumerNanoseconds, long[] ConsumerWaitNanoseconds, long MachineBusyNanoseconds, long MachineStealNanoseconds,
    long MachineTotalNanoseconds, int Cpus)
{
    /// <summary>The CPU used from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static CpuUsage Between(CpuSample start, CpuSample end)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        var cpu = new long[CpuSample.Consumers];
        var wait = new long[CpuSample.Consumers];
        for (int i = 0; i < CpuSample.Consumers; i++)
        {
            cpu[i] = Math.Max(0, end.ConsumerCpuNanoseconds[i] - start.ConsumerCpuNanoseconds[i]);
            wait[i] = Math.Max(0, end.ConsumerWaitNanoseconds[i] - start.ConsumerWaitNanoseconds[i]);
        }

        return new CpuUsage((end.TimestampNanoseconds - start.TimestampNanoseconds) / 1e9, end.ProcessNanoseconds - start.ProcessNanoseconds,
            end.UserNanoseconds - start.UserNanoseconds, end.SystemNanoseconds - start.SystemNanoseconds, cpu, wait,
            end.MachineBusyNanoseconds - start.MachineBusyNanoseconds, end.MachineStealNanoseconds - start.MachineStealNanoseconds,
            end.MachineTotalNanoseconds - start.MachineTotalNanoseconds, end.Cpus);
    }

    /// <summary>Process CPU as a percentage of one core.</summary>
    public double ProcessPercentOfCore => Percent(ProcessNanoseconds);

    /// <summary>A CPU time as a percentage of one core over this window.</summary>
    public double Percent(long nanoseconds) => Seconds > 0 ? nanoseconds / (Seconds * 1e7) : 0;

    /// <summary>What the other processes used, in cores (machine busy minus this process), never negative.</summary>
    public double OtherProcessesCores => Seconds > 0 ? Math.Max(0, MachineBusyNanoseconds - ProcessNanoseconds) / (Seconds * 1e9) : 0;

    /// <summary>Share of the machine's CPU time the hypervisor took (0–1).</summary>
    public double StealShare => MachineTotalNanoseconds > 0 ? (double)MachineStealNanoseconds / MachineTotalNanoseconds : 0;
}
