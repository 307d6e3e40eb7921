namespace TrdpSim.Transport;

/// <summary>When the Linux socket transport hands a batch's run of datagrams to one destination with one length to
/// the kernel as one message it cuts into them (UDP_SEGMENT).</summary>
/// <remarks>Receivers get the same datagrams either way, and the kernel's work per datagram is about half. A packet
/// capture on the sending host, though, sees each such message as one large datagram (on loopback, and on a NIC that
/// segments in hardware): hence <see cref="WhileUncaptured"/>.</remarks>
internal enum UdpSegmentation
{
    /// <summary>One message per datagram.</summary>
    Off,

    /// <summary>Segment while no packet socket is open in this network namespace (<see cref="PacketCaptureWatch"/>).</summary>
    WhileUncaptured,

    /// <summary>Segment whenever the kernel can.</summary>
    On,
}
