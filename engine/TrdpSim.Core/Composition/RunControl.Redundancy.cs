using System.Globalization;
using TrdpSim.Devices;

namespace TrdpSim.Composition;

/// <summary>Redundancy groups: which device leads.</summary>
public sealed partial class RunControl
{
    /// <summary>Makes <paramref name="device"/> the leader of redundancy group <paramref name="group"/> (null = the
    /// next member after the current leader, in plan order): the old leader's publications of the group fall
    /// silent (followers keep counting), the new leader's send from their next cycle with counter 0
    /// (trdp-wire.md §7.7). A device that leads already is a <see cref="ControlOutcome.Conflict"/>.</summary>
    public ControlCall SwitchLeader(ControlScope scope, uint group, string? device = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        RedundancyGroup? found = null;
        foreach (var candidate in Run.Redundancy)
        {
            if (candidate.Id == group)
            {
                found = candidate;
            }
        }

        var name = group.ToString(CultureInfo.InvariantCulture);
        if (found is null)
        {
            return Refuse(ControlResult.NotFound($"no redundancy group {name} in this run"));
        }

        if (device is not null && !found.HasMember(device))
        {
            return Refuse(ControlResult.NotFound($"device '{device}' has no publication in redundancy group {name} (members: {string.Join(", ", found.Members)})"));
        }

        var target = "redundancy group " + name;
        return Apply(scope, ControlActionKind.SwitchLeader, target, "leader " + (device ?? "next member"), context =>
        {
            var before = found.Leader;
            var next = device ?? found.NextMember();
            if (!found.SwitchTo(next))
            {
                return ControlResult.Conflict($"device '{next}' leads redundancy group {name} already", target);
            }

            context.RememberUndo("leader " + before, (_, _) => found.SwitchTo(before));
            return ControlResult.Applied(target, "leader " + next);
        });
    }
}
