using TrdpSim.Plan;
using TrdpSim.Plan.Validation;
using TrdpSim.Transport;

namespace TrdpSim.Composition;

/// <summary>Checks that every device address of a plan is one this host can bind, before any socket is
/// opened (the run would otherwise stop at the first socket with EADDRNOTAVAIL).</summary>
/// <remarks>Separate from <see cref="PlanValidator"/>, which is pure: this one depends on the machine
/// it runs on. Plans on the in-memory transport are not checked (every address is local there).</remarks>
public static class HostAddressCheck
{
    /// <summary>One error per device whose address this host does not have, at the device's origin.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="host">The host's addresses; default <see cref="HostAddresses.Current"/>.</param>
    public static IReadOnlyList<PlanError> Validate(RunPlan plan, HostAddresses? host = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new List<PlanError>();
        if (plan.Network.Transport == TransportKind.InMemory || plan.Devices.Count == 0)
        {
            return errors;
        }

        host ??= HostAddresses.Current();
        foreach (var device in plan.Devices)
        {
            if (!host.IsLocal(device.Address))
            {
                var address = Ip4Endpoint.FormatAddress(device.Address);
                errors.Add(new PlanError(device.Origin,
                    $"device '{device.Name}': address {address} is not assigned to this host, so its sockets cannot bind it; " +
                    $"add it to an interface (e.g. 'ip addr add {address}/24 dev eth0') or use a loopback address " +
                    "(any 127.x.y.z works on Linux without an alias)"));
            }
        }

        return errors;
    }
}
