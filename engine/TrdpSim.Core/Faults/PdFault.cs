using TrdpSim.Faults.Internal;
using TrdpSim.Plan;

namespace TrdpSim.Faults;

/// <summary>A process-data fault attached to one or more publications (one link per publication).</summary>
internal sealed class PdFault(FaultPlan plan) : InjectedFault(plan)
{
    private readonly List<FaultLink> _links = [];

    public override int TargetCount => _links.Count;

    internal IReadOnlyList<FaultLink> Links => _links;

    internal void Add(FaultLink link) => _links.Add(link);

    protected override void OnDetach()
    {
        foreach (var link in _links)
        {
            var publication = link.Publication;
            if (publication.Faults is FaultChain chain && chain.Remove(link))
            {
                publication.Faults = null;
            }

            link.OnRemoved();
        }
    }
}
