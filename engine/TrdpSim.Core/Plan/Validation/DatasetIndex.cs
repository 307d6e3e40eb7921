using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Plan.Validation;

/// <summary>The plan's datasets as the telegram checks need them: which ids exist, and the fixed layout of
/// each (only when the datasets themselves are valid, so one broken dataset is not reported again at every
/// telegram that uses it).</summary>
internal sealed class DatasetIndex(Dictionary<uint, DatasetPlan> byId, DatasetResolver? resolver, PlanReport report)
{
    public DatasetPlan? Find(uint id) => byId.GetValueOrDefault(id);

    /// <summary>The layout of dataset <paramref name="id"/> for <paramref name="owner"/>; a dataset without a
    /// fixed layout (variable size) is reported once, at the first owner's <c>dataset</c> key.</summary>
    public DatasetLayout? Layout(PlanEntry owner, uint id) =>
        resolver is not null && byId.ContainsKey(id) ? resolver.Layout(id, owner.ValueAt("dataset"), report.Errors) : null;
}
