using TrdpSim.Faults.Internal;
using TrdpSim.Plan;

namespace TrdpSim.Faults;

/// <summary>A live fault: one link on each outlet it strikes (telegrams, pull replies, MD callers and
/// listeners alike).</summary>
internal sealed class LinkedFault(FaultPlan plan) : InjectedFault(plan)
{
    private readonly List<FaultLink> _links = [];
    private int _targets;

    /// <summary>Telegrams, callers or repliers the fault applies to (a telegram's pull replies are part of it,
    /// not another target).</summary>
    public override int TargetCount => _targets;

    internal IReadOnlyList<FaultLink> Links => _links;

    /// <summary>Adds a link; <paramref name="newTarget"/> false for a second outlet of the same telegram.</summary>
    internal void Add(FaultLink link, bool newTarget)
    {
        _links.Add(link);
        if (newTarget)
        {
            _targets++;
        }
    }

    protected override void OnDetach()
    {
        foreach (var link in _links)
        {
            var outlet = link.Outlet;
            if (outlet.Stage is FaultChain chain && chain.Remove(link))
            {
                outlet.Stage = null;
            }

            link.OnRemoved();
        }
    }
}
