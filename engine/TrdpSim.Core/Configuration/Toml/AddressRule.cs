namespace TrdpSim.Configuration.Toml;

/// <summary>Which IPv4 addresses a key accepts (0.0.0.0 is never accepted).</summary>
internal enum AddressRule
{
    /// <summary>A host address: not a multicast group.</summary>
    Unicast,

    /// <summary>A multicast group in 224.0.0.0/4.</summary>
    Multicast,

    /// <summary>A host address or a multicast group.</summary>
    Any,
}
