namespace TrdpSim.Recording.Captures;

/// <summary>The pcapng block types trdpsim reads (<see cref="CaptureReader"/>) or writes
/// (<see cref="Pcapng.PcapngWriter"/>); the reader passes over the others.</summary>
internal enum PcapngBlockType : uint
{
    /// <summary>Starts a section; its byte-order magic tells the section's byte order.</summary>
    SectionHeader = 0x0A0D0D0A,

    InterfaceDescription = 1,

    /// <summary>The obsolete packet block (read, never written).</summary>
    Packet = 2,

    /// <summary>A packet without timestamp or interface (read, never written).</summary>
    SimplePacket = 3,

    EnhancedPacket = 6,
}
