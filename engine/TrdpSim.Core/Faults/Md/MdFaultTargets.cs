using TrdpSim.Devices;
using TrdpSim.Devices.Md;
using TrdpSim.Plan;
using TrdpSim.Plan.Faults;

namespace TrdpSim.Faults.Md;

/// <summary>Finds the repliers or callers of a run that a <see cref="FaultTarget"/> names.</summary>
/// <remarks>Device name (or <c>"*"</c>), then the caller/replier plan name and the ComId when given; all
/// comparisons are exact (ordinal), like every other name in a plan.</remarks>
internal static class MdFaultTargets
{
    /// <summary>Stations of the targeted device(s); null and an error when a named device does not exist or
    /// has no message data.</summary>
    public static List<MdStation>? Stations(IReadOnlyList<VirtualDevice> devices, FaultTarget target, string label, List<string> errors)
    {
        var stations = new List<MdStation>();
        var all = target.Device == "*";
        foreach (var device in devices)
        {
            if (device.Md is { } station && (all || string.Equals(station.Device, target.Device, StringComparison.Ordinal)))
            {
                stations.Add(station);
            }
        }

        if (stations.Count > 0)
        {
            return stations;
        }

        if (all)
        {
            errors.Add($"{label}: the run has no message data (no md-call or md-reply on any device)");
            return null;
        }

        var known = false;
        foreach (var device in devices)
        {
            known |= string.Equals(device.Name, target.Device, StringComparison.Ordinal);
        }

        errors.Add(known
            ? $"{label}: device '{target.Device}' has no message data (no md-call or md-reply)"
            : $"{label}: no device '{target.Device}'");
        return null;
    }

    /// <summary>The listeners (repliers) of <paramref name="stations"/> that the target selects.</summary>
    public static List<(MdStation Station, MdListener Listener)> Repliers(List<MdStation> stations, FaultTarget target)
    {
        var found = new List<(MdStation, MdListener)>();
        foreach (var station in stations)
        {
            foreach (var listener in station.Listeners)
            {
                if (FaultTargets.Matches(target, listener.Name, listener.ComId))
                {
                    found.Add((station, listener));
                }
            }
        }

        return found;
    }

    /// <summary>The request callers (not notifiers: nobody answers an 'Mn') of <paramref name="stations"/>
    /// that the target selects.</summary>
    public static List<(MdStation Station, MdCaller Caller)> Callers(List<MdStation> stations, FaultTarget target)
    {
        var found = new List<(MdStation, MdCaller)>();
        foreach (var station in stations)
        {
            foreach (var caller in station.Callers)
            {
                if (!caller.IsNotify && FaultTargets.Matches(target, caller.Name, caller.Group.ComId))
                {
                    found.Add((station, caller));
                }
            }
        }

        return found;
    }
}
