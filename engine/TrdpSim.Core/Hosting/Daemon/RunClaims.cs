using TrdpSim.Plan;
using TrdpSim.Transport;

namespace TrdpSim.Hosting.Daemon;

/// <summary>The addresses and ports a plan's devices bind, so the daemon can refuse a second live run that would
/// take one of them (naming it) before any socket is opened.</summary>
/// <remarks>Each device binds its address on the PD port, and with message data on the MD port (UDP and TCP).
/// Runs on the in-memory transport claim nothing: each has a network of its own.</remarks>
public static class RunClaims
{
    public static IReadOnlyList<string> Of(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var claims = new List<string>();
        if (plan.Network.Transport == TransportKind.InMemory)
        {
            return claims;
        }

        foreach (var device in plan.Devices)
        {
            var address = Ip4Endpoint.FormatAddress(device.Address);
            claims.Add($"{address}:{plan.Network.PdPort} (device '{device.Name}', PD)");
            if (device.MdCallers.Count + device.MdRepliers.Count > 0)
            {
                claims.Add($"{address}:{plan.Network.MdPort} (device '{device.Name}', MD)");
            }
        }

        return claims;
    }

    /// <summary>The first claim of <paramref name="wanted"/> that <paramref name="held"/> has too (the endpoint
    /// part, before the device name), or null.</summary>
    public static (string Wanted, string Held)? Collision(IReadOnlyList<string> wanted, IReadOnlyList<string> held)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(held);
        foreach (var claim in wanted)
        {
            var endpoint = Endpoint(claim);
            foreach (var other in held)
            {
                if (string.Equals(endpoint, Endpoint(other), StringComparison.Ordinal))
                {
                    return (claim, other);
                }
            }
        }

        return null;
    }

    private static string Endpoint(string claim)
    {
        var space = claim.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? claim : claim[..space];
    }
}
