namespace TrdpSim.Recording.Replay;

/// <summary>What a replay sent and how close it kept to the capture's timing.</summary>
public sealed class ReplayResult
{
    /// <summary>Packet records in the capture.</summary>
    public int Records { get; init; }

    /// <summary>TRDP datagrams found (what the replay tried to send).</summary>
    public int Frames { get; init; }

    /// <summary>Datagrams the sockets took.</summary>
    public long Sent { get; init; }

    /// <summary>Datagrams a socket refused (counted by error in the socket's statistics).</summary>
    public long SendFailures { get; init; }

    /// <summary>Records not replayed, by reason.</summary>
    public IReadOnlyDictionary<string, long> Skipped { get; init; } = new Dictionary<string, long>();

    public ReplayRewrites Rewrites { get; init; } = new();

    /// <summary>The time scale (infinity: as fast as possible).</summary>
    public double Speed { get; init; }

    /// <summary>Sockets opened (one per source address, TOS and TTL).</summary>
    public int Sockets { get; init; }

    /// <summary>First to last frame in the capture, divided by the speed.</summary>
    public TimeSpan IntendedDuration { get; init; }

    /// <summary>First to last send call.</summary>
    public TimeSpan ActualDuration { get; init; }

    /// <summary>|actual − intended| gap between consecutive frames; empty at <c>--speed max</c>.</summary>
    public TimingFigures GapError { get; init; }

    /// <summary>Send time minus intended time per frame (≥ 0 but for clock noise); empty at <c>--speed max</c>.</summary>
    public TimingFigures Lateness { get; init; }

    /// <summary>Stopped by SIGINT/SIGTERM before the last frame.</summary>
    public bool Interrupted { get; init; }
}
