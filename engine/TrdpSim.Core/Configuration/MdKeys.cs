using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Keys shared by <c>[[device.md-call]]</c> and <c>[[device.md-reply]]</c> (trdp-wire.md §8).</summary>
internal static class MdKeys
{
    public static readonly (string, MdProtocol)[] ProtocolWords = [("udp", MdProtocol.Udp), ("tcp", MdProtocol.Tcp)];

    /// <summary>Reads <c>protocol</c> ("udp" | "tcp"; default UDP).</summary>
    public static MdProtocol Protocol(TomlTableReader reader) =>
        reader.TryWord("protocol", ProtocolWords, out MdProtocol protocol) ? protocol : MdProtocol.Udp;
}
