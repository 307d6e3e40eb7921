namespace TrdpSim.DeviceXml;

/// <summary>Bounds on what the XML reader accepts, so that a hostile or broken file costs bounded time
/// and memory (entity expansion is refused outright: DTDs are prohibited).</summary>
/// <remarks>The defaults take a 100 000-telegram train with room to spare (a 10 000-telegram device file is
/// about 4 MB and 60 000 elements). A fuzz harness passes smaller limits to reach them quickly.</remarks>
public sealed record XmlReadLimits
{
    /// <summary>The defaults.</summary>
    public static XmlReadLimits Default { get; } = new();

    /// <summary>Largest file read from disk, in bytes (checked before reading). Default 64 MiB.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most characters in one document (<c>XmlReaderSettings.MaxCharactersInDocument</c>). Default 64 Mi.</summary>
    public long MaxCharacters { get; init; } = 64L * 1024 * 1024;

    /// <summary>Deepest element nesting (the root is level 1). TCNopen's deepest path has 7 levels
    /// (<c>device/mapped-device-list/…/mapped-sdt-parameter</c>). Default 16.</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Most elements in one document. Default 2 000 000.</summary>
    public int MaxElements { get; init; } = 2_000_000;

    /// <summary>Most attributes on one element. Default 64.</summary>
    public int MaxAttributes { get; init; } = 64;
}
