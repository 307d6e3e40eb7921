namespace TrdpSim.Pipeline;

/// <summary>Which frames pass a seam: the device, the direction, UDP or TCP, and the IP header fields the
/// socket puts on them (TOS from the QoS, TTL), which a recording writes into its packets.</summary>
public readonly record struct FrameTapPoint(string Device, FrameDirection Direction, FrameTransport Transport, byte Tos, byte Ttl);

public enum FrameDirection : byte
{
    Sent,
    Received,
}

public enum FrameTransport : byte
{
    Udp,
    Tcp,
}
