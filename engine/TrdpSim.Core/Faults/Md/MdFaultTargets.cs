using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Plan.Faults;

namespace TrdpSim.Faults.Md;

/// <summary>Finds the MD callers and listeners a message-data fault targets, among a run's outlets.</summary>
/// <remarks>Same selector rules as PD targets (<see cref="FaultTargets"/>): device <c>*</c> or exact name,
/// telegram name with <c>#i</c> instances, ComId; comparisons are exact (ordinal), like every other name in
/// a plan.</remarks>
internal static class MdFaultTargets
{
    /// <summary>Checks that the targeted device(s) exist and have message data; false and an error otherwise.</summary>
    public static bool DevicesExist(OutletRegistry outlets, FaultTarget target, string label, List<string> errors)
    {
        var all = target.Device == "*";
        if (all ? outlets.MessageDataDevices.Count > 0 : outlets.MessageDataDevices.Contains(target.Device, StringComparer.Ordinal))
        {
            return true;
        }

        if (all)
        {
            errors.Add($"{label}: the run has no message data (no md-call or md-reply on any device)");
            return false;
        }

        errors.Add(outlets.Devices.Contains(target.Device, StringComparer.Ordinal)
            ? $"{label}: device '{target.Device}' has no message data (no md-call or md-reply)"
            : $"{label}: no device '{target.Device}'");
        return false;
    }

    /// <summary>The listeners (replier outlets) the target selects.</summary>
    public static List<Outlet> Repliers(OutletRegistry outlets, FaultTarget target) => Select(outlets, target, OutletKind.MdReplier, requestsOnly: false);

    /// <summary>The request callers (not notifiers: nobody answers an 'Mn') the target selects.</summary>
    public static List<Outlet> Callers(OutletRegistry outlets, FaultTarget target) => Select(outlets, target, OutletKind.MdCaller, requestsOnly: true);

    private static List<Outlet> Select(OutletRegistry outlets, FaultTarget target, OutletKind kind, bool requestsOnly)
    {
        var found = new List<Outlet>();
        var all = target.Device == "*";
        foreach (var outlet in outlets.Outlets)
        {
            if (outlet.Kind == kind && (!requestsOnly || outlet.AwaitsReplies) &&
                (all || string.Equals(outlet.Device, target.Device, StringComparison.Ordinal)) &&
                FaultTargets.Matches(target, outlet.Name, outlet.ComId))
            {
                found.Add(outlet);
            }
        }

        return found;
    }
}
