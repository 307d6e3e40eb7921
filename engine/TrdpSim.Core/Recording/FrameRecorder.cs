using TrdpSim.Pipeline;
using TrdpSim.Recording.Internal;
using TrdpSim.Scheduling;

namespace TrdpSim.Recording;

/// <summary>Records a run's telegrams into pcapng files: hands the run's seams their taps, and a background
/// thread writes what they copied into the ring.</summary>
/// <remarks>
/// <para>The send and receive threads only copy frames into a bounded lock-free ring (<see cref="FrameRing"/>);
/// the writer thread wakes every 10 ms, turns the records into Ethernet/IPv4/UDP or TCP packets and
/// writes them. When the writer falls behind, frames are dropped and counted, never waited for. Timestamps are
/// the seam's (after the send call, or the receive loop's); the wall clock is the monotonic clock shifted by
/// its offset to UTC when the recorder was created.</para>
/// <para>Life: create (opens the first file, so a bad path fails before the run), hand to composition as
/// <see cref="IFrameTaps"/>, <see cref="Start"/> before the first frame, <see cref="Stop"/> after the last
/// (drains the ring, closes the file).</para>
/// </remarks>
internal sealed partial class FrameRecorder : IFrameTaps, IDisposable
{
    private readonly RecordingOptions _options;
    private readonly FrameRing _ring;
    private readonly List<SeamInfo> _seams = [];
    private readonly List<string> _devices = [];
    private readonly Thread _writer;
    private readonly long _wallOffset;
    private volatile bool _stopping;
    private bool _started;

    /// <summary>Opens the first file.</summary>
    /// <exception cref="RecordingException">The file cannot be created (the message names it and why).</exception>
    public FrameRecorder(RecordingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _ring = new FrameRing(options.RingBytes);
        var unixNow = (DateTime.UtcNow - DateTime.UnixEpoch).ToNanoseconds();
        _wallOffset = unixNow - MonotonicClock.NowNanoseconds();
        // Named apart from the run store's trdpsim-recorder: its CPU is a figure of its own (CpuConsumer.Capture).
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "trdpsim-capture" };
        try
        {
            OpenNextFile();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var path = options.Rotation.Rotates ? NumberedPath(options.Path, 1) : options.Path;
            throw new RecordingException($"cannot create the recording {path}: {e.Message}", e);
        }
    }

    public RecordingOptions Options => _options;

    /// <inheritdoc/>
    public IFrameTap? For(in FrameTapPoint point)
    {
        var wanted = point.Direction == FrameDirection.Sent
            ? _options.Direction != RecordingDirection.Received
            : _options.Direction != RecordingDirection.Sent;
        if (!wanted || !_options.Filter.KeepsDevice(point.Device))
        {
            return null;
        }

        lock (_seams)
        {
            if (_seams.Count > ushort.MaxValue)
            {
                throw new InvalidOperationException("More than 65,536 recorded seams in one run.");
            }

            var device = _devices.IndexOf(point.Device);
            if (device < 0)
            {
                device = _devices.Count;
                _devices.Add(point.Device);
            }

            _seams.Add(new SeamInfo(point, device));
            return new RecordingTap(_ring, (ushort)(_seams.Count - 1), _options.Filter.ComIds);
        }
    }

    /// <summary>Starts the writer thread.</summary>
    public void Start()
    {
        if (!_started)
        {
            _started = true;
            _writer.Start();
        }
    }

    /// <summary>Writes what is left in the ring and closes the file; safe to call more than once.</summary>
    public void Stop()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        if (_started)
        {
            _writer.Join();
        }
        else
        {
            DrainAll();
        }

        CloseFile();
    }

    public void Dispose() => Stop();

    /// <summary>What was recorded and lost so far (any thread).</summary>
    public RecordingSummary Summary()
    {
        string[] files;
        lock (_files)
        {
            files = [.. _files];
        }

        return new RecordingSummary(files, _options.Direction, _options.Filter.ToString(), _options.Rotation.ToString(),
            Volatile.Read(ref _frames), Volatile.Read(ref _bytesClosed) + Volatile.Read(ref _bytesOpen),
            _ring.Dropped, Volatile.Read(ref _droppedWriteError), _error);
    }

    /// <summary>A seam as the writer needs it: its point and the index of its device.</summary>
    private readonly record struct SeamInfo(FrameTapPoint Point, int Device);
}
