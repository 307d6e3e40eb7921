namespace TrdpSim.Scenarios.Packs;

/// <summary>Size bounds for plugin packs, enforced when packing and, before anything is written, when installing.</summary>
/// <remarks>A scenario pack is a few kilobytes of script and text; the bounds are generous for that and
/// stop a hostile or broken archive (a gzip bomb, millions of entries) from filling memory or disk.
/// Installing reads the whole archive into memory, so these are also its memory bounds.</remarks>
internal sealed record PackLimits
{
    /// <summary>The limits used by the command line.</summary>
    public static PackLimits Default { get; } = new();

    /// <summary>Largest archive file (compressed). Default 16 MiB.</summary>
    public long MaxArchiveBytes { get; init; } = 16L << 20;

    /// <summary>Largest total size of all files once unpacked. Default 64 MiB.</summary>
    public long MaxUnpackedBytes { get; init; } = 64L << 20;

    /// <summary>Largest single file. Default 16 MiB.</summary>
    public long MaxFileBytes { get; init; } = 16L << 20;

    /// <summary>Most files in one pack. Default 1000.</summary>
    public int MaxFiles { get; init; } = 1000;
}
