namespace TrdpSim.DeviceXml.Internal;

/// <summary>Limits the TOML front end also enforces (Configuration), so that a plan read from XML always
/// writes back as a configuration that loads.</summary>
internal static class XmlLimits
{
    /// <summary>Shortest non-zero publication cycle (the TOML front end's <c>cycle</c> limit).</summary>
    public static readonly TimeSpan MinCycle = TimeSpan.FromMilliseconds(1);

    /// <summary>Most MD retransmissions (<c>TRDP_MAX_MD_RETRIES</c>).</summary>
    public const uint MaxRetries = 2;

    /// <summary>Upper bound of the MD session limit.</summary>
    public const uint MaxSessions = 1_000_000;

    /// <summary>Longest URI user part (32 characters in the MD header).</summary>
    public const int MaxUriUser = 32;

    /// <summary>Longest TCNopen host name (<c>TRDP_LABEL_T</c>: 16 bytes with the terminating zero).</summary>
    public const int MaxHostName = 15;

    /// <summary>Ids 1…30 are type codes; a dataset id is above.</summary>
    public const uint MaxTypeCode = 30;

    /// <summary>Largest <c>array-size</c>.</summary>
    public const uint MaxArraySize = ushort.MaxValue;
}
