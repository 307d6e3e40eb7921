using TrdpSim.Plan.Addresses;
using TrdpSim.Transport;

namespace TrdpSim.Recording.Replay;

/// <summary>Keeps a replay on this machine unless <c>--allow-network</c>: every source (the socket binds it) and
/// destination must be in 127.0.0.0/8 after mapping; a multicast group is allowed from a loopback source (it
/// leaves through <c>lo</c>).</summary>
internal static class ReplayNetworkGuard
{
    /// <summary>The addresses that would take traffic off this machine, each once, sorted.</summary>
    public static List<uint> Exposed(IReadOnlyList<ReplayFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var exposed = new SortedSet<uint>();
        foreach (var frame in frames)
        {
            if (!LoopbackGuard.IsLoopback(frame.Source.Address))
            {
                exposed.Add(frame.Source.Address);
            }

            var multicast = new Ip4Endpoint(frame.Destination.Address, 0).IsMulticast;
            if (!LoopbackGuard.IsLoopback(frame.Destination.Address) && !(multicast && LoopbackGuard.IsLoopback(frame.Source.Address)))
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
        return LoopbackGuard.Refusal(exposed).Append(", or send on a network on purpose with --allow-network").ToString();
    }
}
