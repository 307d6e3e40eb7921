using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Keys shared by <c>[[device.md-call]]</c> and <c>[[device.md-reply]]</c> (trdp-wire.md §8).</summary>
internal static class MdKeys
{
    /// <summary>Reads <c>protocol</c> ("udp" | "tcp"; default UDP).</summary>
    public static MdProtocol Protocol(TomlTableReader reader) =>
        reader.TryWord("protocol", PlanWords.MdProtocols, out MdProtocol protocol) ? protocol : MdProtocol.Udp;
}
