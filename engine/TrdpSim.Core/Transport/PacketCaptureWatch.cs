using Microsoft.Win32.SafeHandles;

namespace TrdpSim.Transport;

/// <summary>Tells whether a packet capture (an AF_PACKET socket: tcpdump, dumpcap, Wireshark) is open in this network
/// namespace, from <c>/proc/net/packet</c> read every <see cref="Period"/>.</summary>
/// <remarks>
/// <para>Why: a capture on the sending host sees a segmented send as one large datagram, not the frames it carries.
/// While any packet socket is open, sends go datagram by datagram, so what a capture shows is one frame per datagram.
/// A capture opened during a run may see segmented sends of its first <see cref="Period"/> at most.</para>
/// <para>Any packet socket counts, a DHCP client's too: the watch errs towards exact captures. Where the file cannot
/// be read the host is taken as captured; where it does not exist the kernel has no packet sockets.</para>
/// <para>The file stays open and is read again from offset 0 (a fresh listing each time), into one buffer: a read
/// allocates nothing.</para>
/// </remarks>
internal sealed class PacketCaptureWatch : IDisposable
{
    /// <summary>How often the file is read again.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);

    private static readonly Lazy<PacketCaptureWatch> SharedWatch = new(() => new PacketCaptureWatch("/proc/net/packet", Period));

    private readonly string _path;
    private readonly byte[] _buffer = new byte[512];
    private readonly Timer? _timer;
    private readonly Lock _reading = new();
    private SafeFileHandle? _file;
    private volatile bool _captured;
    private long _capturedChecks;
    private bool _disposed;

    /// <summary>Watches <paramref name="path"/> (a file in the format of <c>/proc/net/packet</c>): at once, then every
    /// <paramref name="period"/>; with <see cref="Timeout.InfiniteTimeSpan"/> only when <see cref="Refresh"/> is called.</summary>
    internal PacketCaptureWatch(string path, TimeSpan period)
    {
        _path = path;
        Refresh();
        if (period != Timeout.InfiniteTimeSpan)
        {
            _timer = new Timer(static state => ((PacketCaptureWatch)state!).Refresh(), this, period, period);
        }
    }

    /// <summary>The process's watch of its own network namespace, started on first use.</summary>
    public static PacketCaptureWatch Shared => SharedWatch.Value;

    /// <summary>Whether a packet socket was open at the latest read.</summary>
    public bool Captured => _captured;

    /// <summary>Reads that found a packet socket open, since the watch started (a run compares two readings).</summary>
    public long CapturedChecks => Interlocked.Read(ref _capturedChecks);

    /// <summary>Reads the listing again.</summary>
    public void Refresh()
    {
        lock (_reading)
        {
            if (_disposed)
            {
                return;
            }

            bool captured = Read();
            _captured = captured;
            if (captured)
            {
                Interlocked.Increment(ref _capturedChecks);
            }
        }
    }

    public void Dispose()
    {
        lock (_reading)
        {
            _disposed = true;
            _timer?.Dispose();
            _file?.Dispose();
        }
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
