namespace TrdpSim.Protocol;

/// <summary>Classification helpers for <see cref="TrdpMessageType"/>.</summary>
internal static class TrdpMessageTypeExtensions
{
    /// <summary>True for the four PD codes Pd, Pp, Pr and Pe (the set a PD socket accepts).</summary>
    public static bool IsPd(this TrdpMessageType type) =>
        type is TrdpMessageType.Pd or TrdpMessageType.Pp or TrdpMessageType.Pr or TrdpMessageType.Pe;

    /// <summary>True for the six MD codes Mn, Mr, Mp, Mq, Mc and Me (the set an MD socket accepts).</summary>
    public static bool IsMd(this TrdpMessageType type) =>
        type is TrdpMessageType.Mn or TrdpMessageType.Mr or TrdpMessageType.Mp
            or TrdpMessageType.Mq or TrdpMessageType.Mc or TrdpMessageType.Me;

    /// <summary>The two-character wire mnemonic ("Pd", "Mr", …), or "0x…" hex for unknown codes.</summary>
    /// <remarks>Allocation-free for known codes (string literals); unknown codes format a new string.</remarks>
    public static string ToMnemonic(this TrdpMessageType type) => type switch
    {
        TrdpMessageType.Pd => "Pd",
        TrdpMessageType.Pp => "Pp",
        TrdpMessageType.Pr => "Pr",
        TrdpMessageType.Pe => "Pe",
        TrdpMessageType.Mn => "Mn",
        TrdpMessageType.Mr => "Mr",
        TrdpMessageType.Mp => "Mp",
        TrdpMessageType.Mq => "Mq",
        TrdpMessageType.Mc => "Mc",
        TrdpMessageType.Me => "Me",
        _ => "0x" + ((ushort)type).ToString("X4"),
    };
}
