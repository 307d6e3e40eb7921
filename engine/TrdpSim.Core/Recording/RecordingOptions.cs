namespace TrdpSim.Recording;

/// <summary>What a run records and where (<c>trdpsim run … --record file.pcapng</c>).</summary>
public sealed class RecordingOptions
{
    /// <summary>The pcapng file; with rotation the files are numbered (<c>name-0001.pcapng</c>, …).</summary>
    public required string Path { get; init; }

    public RecordingDirection Direction { get; init; } = RecordingDirection.Both;

    public RecordingFilter Filter { get; init; } = RecordingFilter.All;

    public RecordingRotation Rotation { get; init; }

    /// <summary>Bytes of the ring between the send/receive threads and the writer (a power of two, default 16 MiB:
    /// about 150,000 PD frames, over a second at 100,000 telegrams/s each way).</summary>
    public int RingBytes { get; init; } = 16 << 20;

    /// <summary>The writing application named in each file's section header.</summary>
    public string Application { get; init; } = "trdpsim";
}
