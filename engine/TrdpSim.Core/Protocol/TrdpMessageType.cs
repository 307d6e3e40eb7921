namespace TrdpSim.Protocol;

/// <summary>
/// The 16-bit <c>msgType</c> header field: two ASCII characters stored big-endian
/// (trdp-wire.md §5). P-codes travel on PD sockets, M-codes on MD sockets.
/// </summary>
public enum TrdpMessageType : ushort
{
    /// <summary>No or unknown type (never valid on the wire).</summary>
    None = 0,

    /// <summary>'Pd': cyclic or pushed process data.</summary>
    Pd = 0x5064,

    /// <summary>'Pp': process data sent as the answer to a pull request.</summary>
    Pp = 0x5070,

    /// <summary>'Pr': PD pull request.</summary>
    Pr = 0x5072,

    /// <summary>'Pe': PD error; accepted by TCNopen receivers like 'Pd', never sent by TCNopen.</summary>
    Pe = 0x5065,

    /// <summary>'Mn': MD notification, no reply.</summary>
    Mn = 0x4D6E,

    /// <summary>'Mr': MD request, reply expected.</summary>
    Mr = 0x4D72,

    /// <summary>'Mp': MD reply without confirmation.</summary>
    Mp = 0x4D70,

    /// <summary>'Mq': MD reply with confirmation wanted.</summary>
    Mq = 0x4D71,

    /// <summary>'Mc': MD confirmation.</summary>
    Mc = 0x4D63,

    /// <summary>'Me': MD error reply (replyStatus carries a negative code).</summary>
    Me = 0x4D65,
}
