namespace TrdpSim.Recording.Captures;

/// <summary>The container of a capture file.</summary>
public enum CaptureFileFormat
{
    /// <summary>Classic libpcap (either byte order, micro- or nanosecond timestamps).</summary>
    Pcap,

    /// <summary>pcapng (sections in either byte order, any timestamp resolution).</summary>
    Pcapng,
}
