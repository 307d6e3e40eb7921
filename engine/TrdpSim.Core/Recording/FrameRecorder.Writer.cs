using System.Globalization;
using TrdpSim.Pipeline;
using TrdpSim.Recording.Internal;
using TrdpSim.Recording.Pcapng;
using TrdpSim.Scheduling;

namespace TrdpSim.Recording;

/// <summary>The writer thread: ring → packets → pcapng, with rotation.</summary>
internal sealed partial class FrameRecorder
{
    private const int DrainBatch = 4096;

    /// <summary>How long the writer sleeps once the ring is empty. PERF: every wake-up is a futex wait and a
    /// rescheduling (≈ 1 % of the process's CPU at one a millisecond on the project VM); the seams stamp each frame
    /// themselves, so a longer sleep changes no timestamp, and the default ring (16 MiB) holds about 0.8 s of 200k
    /// frames/s, 80 times what accumulates in one sleep.</summary>
    private const int SleepMilliseconds = 10;
    private const long FlushEveryNanoseconds = 500_000_000;

    private readonly List<string> _files = [];
    private readonly TcpStreams _tcp = new();
    private SeamInfo[] _seamCache = [];
    private int[] _interfaceOfDevice = [];
    private FileStream? _stream;
    private PcapngWriter? _pcap;
    private long _fileOpenedAt;
    private long _lastFlush;
    private int _fileNumber;
    private ushort _ipIdentification;
    private long _frames;
    private long _bytesClosed;
    private long _bytesOpen;
    private long _droppedWriteError;
    private volatile string? _error;

    private void WriteLoop()
    {
        while (true)
        {
            var stopping = _stopping;
            var written = DrainOnce();
            if (written > 0)
            {
                continue;
            }

            if (stopping)
            {
                return; // the ring was empty after the stop was seen: every frame tapped before it is written
            }

            var now = MonotonicClock.NowNanoseconds();
            if (_options.Rotation.Period is { } period && now - _fileOpenedAt >= period.ToNanoseconds() && _pcap is not null)
            {
                Rotate();
            }
            else if (now - _lastFlush >= FlushEveryNanoseconds)
            {
                Flush(now);
            }

            Thread.Sleep(SleepMilliseconds);
        }
    }

    private void DrainAll()
    {
        while (DrainOnce() > 0)
        {
        }
    }

    private int DrainOnce()
    {
        var reader = new Writer(this);
        return _ring.Drain(ref reader, DrainBatch);
    }

    private void Write(in FrameRecord record, ReadOnlySpan<byte> payload)
    {
        if (_error is not null)
        {
            _droppedWriteError++;
            return;
        }

        try
        {
            var seam = Seam(record.Point);
            if (_pcap is null)
            {
                OpenNextFile();
            }

            var pcap = _pcap!;
            var iface = _interfaceOfDevice[seam.Device];
            if (iface < 0)
            {
                var device = _devices[seam.Device];
                iface = pcap.WriteInterface("trdpsim:" + device, $"trdpsim device '{device}'");
                _interfaceOfDevice[seam.Device] = iface;
            }

            var tcp = seam.Point.Transport == FrameTransport.Tcp;
            var direction = seam.Point.Direction == FrameDirection.Received ? 1 : 2;
            var time = record.Timestamp + _wallOffset;
            do
            {
                // An MD frame over 65,495 bytes does not fit one IPv4 packet with a TCP header: two segments.
                var chunk = tcp ? payload[..Math.Min(payload.Length, PacketHeaders.MaxPayload)] : payload;
                var (sequence, acknowledgement) = tcp ? _tcp.Next(record.Source, record.Destination, chunk.Length, direction == 1) : default;
                // Headers and payload go straight into the writer's buffer: one copy of the frame on this side.
                var space = pcap.PacketSpace(PacketHeaders.LengthOf(chunk.Length, tcp));
                var length = PacketHeaders.Write(space, chunk, record.Source, record.Destination, tcp, seam.Point.Tos, seam.Point.Ttl,
                    _ipIdentification++, sequence, acknowledgement);
                pcap.CommitPacket(iface, time, length, direction);
                payload = payload[chunk.Length..];
            }
            while (payload.Length > 0);

            Volatile.Write(ref _frames, _frames + 1);
            Volatile.Write(ref _bytesOpen, pcap.Length);
            if (_options.Rotation.Bytes is { } limit && pcap.Length >= limit)
            {
                Rotate();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
        }
    }

    private SeamInfo Seam(ushort point)
    {
        if (point >= _seamCache.Length)
        {
            lock (_seams)
            {
                _seamCache = [.. _seams];
            }
        }

        if (_interfaceOfDevice.Length < _devices.Count)
        {
            lock (_seams)
            {
                var grown = new int[_devices.Count];
                Array.Fill(grown, -1);
                _interfaceOfDevice.CopyTo(grown, 0);
                _interfaceOfDevice = grown;
            }
        }

        return _seamCache[point];
    }

    private void Rotate()
    {
        try
        {
            CloseFile();
            OpenNextFile();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
        }
    }

    private void Flush(long now)
    {
        _lastFlush = now;
        try
        {
            _pcap?.Flush();
            _stream?.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
        }
    }

    /// <summary>Creates the next file and writes its section header (interfaces follow with their first frame).</summary>
    private void OpenNextFile()
    {
        _fileNumber++;
        var path = _options.Rotation.Rotates ? NumberedPath(_options.Path, _fileNumber) : _options.Path;
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0); // the writer buffers
        var pcap = new PcapngWriter(stream);
        pcap.WriteSectionHeader(_options.Application);
        _stream = stream;
        _pcap = pcap;
        _tcp.Clear();
        var interfaces = new int[Math.Max(_devices.Count, _interfaceOfDevice.Length)];
        Array.Fill(interfaces, -1);
        _interfaceOfDevice = interfaces;
        _fileOpenedAt = MonotonicClock.NowNanoseconds();
        _lastFlush = _fileOpenedAt;
        lock (_files)
        {
            _files.Add(path);
        }

        Volatile.Write(ref _bytesOpen, pcap.Length);
    }

    private void CloseFile()
    {
        if (_stream is not { } stream)
        {
            return;
        }

        _stream = null;
        var pcap = _pcap!;
        var length = pcap.Length;
        _pcap = null;
        Volatile.Write(ref _bytesClosed, _bytesClosed + length);
        Volatile.Write(ref _bytesOpen, 0);
        try
        {
            pcap.Flush();
            stream.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
            stream.Dispose(); // unbuffered: nothing more to write, only the handle to close
        }
    }

    private void Fail(Exception e)
    {
        _error ??= $"cannot write the recording {(_files.Count > 0 ? _files[^1] : _options.Path)}: {e.Message}";
        _droppedWriteError++;
        try
        {
            _stream?.Dispose();
        }
        catch (Exception)
        {
            // Already failing: the first error is the one reported.
        }

        _stream = null;
        _pcap = null;
    }

    /// <summary><c>dir/run.pcapng</c> → <c>dir/run-0001.pcapng</c> (the extension stays last).</summary>
    public static string NumberedPath(string path, int number)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        var stem = path[..^extension.Length];
        return stem + "-" + number.ToString("D4", CultureInfo.InvariantCulture) + extension;
    }

    private readonly struct Writer(FrameRecorder recorder) : IFrameRecordReader
    {
        public void Read(in FrameRecord record, ReadOnlySpan<byte> payload) => recorder.Write(record, payload);
    }
}
