using TrdpSim.Plan;
using TrdpSim.Protocol;

namespace TrdpSim.Devices;

/// <summary>Turns the plan's dataset descriptions into protocol definitions and fixed layouts.</summary>
/// <remarks>Set-up time only. Every problem becomes a <see cref="PlanError"/> at the item's origin.</remarks>
internal sealed class DatasetResolver
{
    private readonly DatasetCatalog _catalog = new();
    private readonly Dictionary<uint, DatasetPlan> _plans = [];
    private readonly Dictionary<uint, DatasetLayout?> _layouts = [];

    public DatasetResolver(IReadOnlyList<DatasetPlan> datasets, List<PlanError> errors)
    {
        foreach (var plan in datasets)
        {
            var elements = new List<DatasetElement>(plan.Elements.Count);
            foreach (var element in plan.Elements)
            {
                if (!TrdpDataTypes.TryParse(element.Type, out var type))
                {
                    errors.Add(new PlanError(element.Origin, $"dataset {plan.Id} element '{element.Name}': unknown type '{element.Type}'"));
                    continue;
                }

                elements.Add(new DatasetElement(element.Name, type, element.ArraySize));
            }

            if (!_plans.TryAdd(plan.Id, plan))
            {
                errors.Add(new PlanError(plan.Origin, $"dataset id {plan.Id} is defined twice"));
                continue;
            }

            _catalog.Add(new DatasetDefinition(plan.Id, plan.Name, elements));
        }

        foreach (var problem in _catalog.Validate())
        {
            var origin = _plans.TryGetValue(problem.DatasetId, out var owner) ? owner.Origin : SourceLocation.None;
            errors.Add(new PlanError(origin, problem.Message));
        }
    }

    public DatasetCatalog Catalog => _catalog;

    /// <summary>The fixed layout of a dataset, or null with an error when it has none (unknown, variable size).</summary>
    public DatasetLayout? Layout(uint id, SourceLocation origin, List<PlanError> errors)
    {
        if (_layouts.TryGetValue(id, out var cached))
        {
            return cached;
        }

        DatasetLayout? layout = null;
        if (!_plans.ContainsKey(id))
        {
            errors.Add(new PlanError(origin, $"dataset {id} is not defined"));
        }
        else if (!DatasetLayout.TryCreate(_catalog, id, out layout, out var reason))
        {
            errors.Add(new PlanError(origin, $"dataset {id} cannot be generated: {reason}"));
        }

        _layouts[id] = layout;
        return layout;
    }
}
