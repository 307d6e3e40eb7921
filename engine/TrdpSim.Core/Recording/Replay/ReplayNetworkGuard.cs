using System.Text;
using TrdpSim.Transport;

namespace TrdpSim.Recording.Replay;

/// <summary>Keeps a replay on this machine unless <c>--allow-network</c>: every source (the socket binds it) and
/// destination must be in 127.0.0.0/8 after mapping; a multicast group is allowed from a loopback source (it
/// leaves through <c>lo</c>).</summary>
public static class ReplayNetworkGuard
{
    public static bool IsLoopback(uint address) => (address >> 24) == 127;

    /// <summary>The addresses that would take traffic off this machine, each once, sorted.</summary>
    public static List<uint> Exposed(IReadOnlyList<ReplayFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var exposed = new SortedSet<uint>();
        foreach (var frame in frames)
        {
            if (!IsLoopback(frame.Source.Address))
            {
                exposed.Add(frame.Source.Address);
            }

            var multicast = new Ip4Endpoint(frame.Destination.Address, 0).IsMulticast;
            if (!IsLoopback(frame.Destination.Address) && !(multicast && IsLoopback(frame.Source.Address)))
            {
                exposed.Add(frame.Destination.Address);
            }
        }

        return [.. exposed];
    }

    /// <summary>The refusal and the two ways out, in the words <c>run</c> uses.</summary>
    public static string Advice(IReadOnlyList<uint> exposed)
    {
        ArgumentNullException.ThrowIfNull(exposed);
        var text = new StringBuilder("refusing to send outside the loopback range (");
        for (var i = 0; i < exposed.Count && i < 8; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(Ip4Endpoint.FormatAddress(exposed[i]));
        }

        if (exposed.Count > 8)
        {
            text.Append(", … ").Append(exposed.Count - 8).Append(" more");
        }

        text.Append("); map them onto loopback with --address-map, e.g. --address-map ")
            .Append(Ip4Endpoint.FormatAddress(exposed.Count > 0 ? exposed[0] : 0))
            .Append("=127.0.0.2 (repeatable; networks too: 10.0.0.0/24=127.0.1.0/24), or send on a network on purpose with --allow-network");
        return text.ToString();
    }
}
