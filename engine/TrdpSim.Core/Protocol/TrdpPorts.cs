namespace TrdpSim.Protocol;

/// <summary>Default TRDP ports (IEC 61375-2-3; trdp-wire.md §1).</summary>
internal static class TrdpPorts
{
    /// <summary>Process data, UDP.</summary>
    public const ushort ProcessData = 17224;

    /// <summary>Message data, UDP and TCP.</summary>
    public const ushort MessageData = 17225;
}
