using Microsoft.Win32.SafeHandles;
using TrdpSim.Scheduling;

namespace TrdpSim.Transport;

/// <summary>Tells whether a packet capture (an AF_PACKET socket: tcpdump, dumpcap, Wireshark) is open in this network
/// namespace, from <c>/proc/net/packet</c>, read again at most every <see cref="Period"/> by the thread that asks.</summary>
/// <remarks>
/// <para>Why: a capture on the sending host sees a segmented send as one large datagram, not the frames it carries.
/// While any packet socket is open, sends go datagram by datagram, so what a capture shows is one frame per datagram.
/// A capture opened during a run may see segmented sends of its first <see cref="Period"/> at most.</para>
/// <para>Any packet socket counts, a DHCP client's too: the watch errs towards exact captures. Where the file cannot
/// be read the host is taken as captured; where it does not exist the kernel has no packet sockets.</para>
/// <para>Read by a sender, not by a timer: a read costs well under a microsecond (a timer's thread-pool wake-ups cost a
/// per cent of a core at this rate). The file stays open and is read again from offset 0 (a fresh listing each
/// time) into one buffer: a read allocates nothing.</para>
/// </remarks>
internal sealed class PacketCaptureWatch : IDisposable
{
    /// <summary>How old the latest read may be before a sender reads again.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(1);

    private static readonly Lazy<PacketCaptureWatch> SharedWatch = new(() => new PacketCaptureWatch("/proc/net/packet", Period));

    private readonly string _path;
    private readonly long _periodNanoseconds;
    private readonly byte[] _buffer = new byte[512];
    private readonly Lock _reading = new();
    private SafeFileHandle? _file;
    private volatile bool _captured;
    private long _nextReadAt;
    private long _capturedReads;
    private bool _disposed;

    /// <summary>Watches <paramref name="path"/> (a file in the format of <c>/proc/net/packet</c>): read at once, then
    /// again when asked and <paramref name="period"/> has passed; with <see cref="Timeout.InfiniteTimeSpan"/> only by
    /// <see cref="Refresh"/>.</summary>
    internal PacketCaptureWatch(string path, TimeSpan period)
    {
        _path = path;
        _periodNanoseconds = period == Timeout.InfiniteTimeSpan ? long.MaxValue : period.ToNanoseconds();
        Refresh();
    }

    /// <summary>The process's watch of its own network namespace, made on first use.</summary>
    public static PacketCaptureWatch Shared => SharedWatch.Value;

    /// <summary>Whether a packet socket was open at the latest read, without reading.</summary>
    public bool Captured => _captured;

    /// <summary>Reads that found a packet socket open, since the watch was made (a run compares two readings).</summary>
    public long CapturedReads => Interlocked.Read(ref _capturedReads);

    /// <summary>Whether a packet socket is open: the latest read, read again first where it is older than the period.
    /// One caller reads at a time; the others take the latest answer.</summary>
    public bool CapturedNow()
    {
        long next = Volatile.Read(ref _nextReadAt);
        if (next != long.MaxValue && MonotonicClock.NowNanoseconds() >= next && _reading.TryEnter())
        {
            try
            {
                ReadLocked();
            }
            finally
            {
                _reading.Exit();
            }
        }

        return _captured;
    }

    /// <summary>Reads the listing again.</summary>
    public void Refresh()
    {
        lock (_reading)
        {
            ReadLocked();
        }
    }

    public void Dispose()
    {
        lock (_reading)
        {
            _disposed = true;
            _file?.Dispose();
        }
    }

    private void ReadLocked()
    {
        if (_disposed)
        {
            return;
        }

        bool captured = Read();
        _captured = captured;
        if (captured)
        {
            Interlocked.Increment(ref _capturedReads);
        }

        long now = MonotonicClock.NowNanoseconds();
        Volatile.Write(ref _nextReadAt, _periodNanoseconds == long.MaxValue ? long.MaxValue : now + _periodNanoseconds);
    }

    /// <summary>The listing has a header line; any line after it is an open packet socket.</summary>
    private bool Read()
    {
        try
        {
            _file ??= File.OpenHandle(_path, FileMode.Open, FileAccess.Read);
            int length = RandomAccess.Read(_file, _buffer, 0);
            ReadOnlySpan<byte> text = _buffer.AsSpan(0, length);
            int endOfHeader = text.IndexOf((byte)'\n');
            return endOfHeader >= 0 && endOfHeader + 1 < length;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }
}
