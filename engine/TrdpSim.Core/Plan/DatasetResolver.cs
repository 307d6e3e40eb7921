using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Plan;

/// <summary>Turns the plan's dataset descriptions into protocol definitions and fixed layouts.</summary>
/// <remarks>Set-up time only. Every problem becomes a <see cref="PlanError"/> at the item's origin.</remarks>
public sealed class DatasetResolver
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
                // Values and layout paths are looked up by name: an element without one cannot be played.
                if (string.IsNullOrEmpty(element.Name))
                {
                    errors.Add(new PlanError(element.Origin, $"dataset {plan.Id} element {elements.Count + 1}: name must not be empty"));
                    continue;
                }

                if (!TrdpDataTypes.TryParse(element.Type, out var type))
                {
                    errors.Add(new PlanError(element.Origin, $"dataset {plan.Id} element '{element.Name}': unknown type '{element.Type}'"));
                    continue;
                }

                if (element.ArraySize < 0)
                {
                    errors.Add(new PlanError(element.Origin, $"dataset {plan.Id} element '{element.Name}': array-size must be 0 or more"));
                    continue;
                }

                elements.Add(new DatasetElement(element.Name, type, (uint)element.ArraySize));
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
            errors.Add(new PlanError(OriginOf(problem, datasets), problem));
        }
    }

    public DatasetCatalog Catalog => _catalog;

    /// <summary>The catalog reports problems as text naming the dataset; point at that dataset.</summary>
    private static SourceLocation OriginOf(string problem, IReadOnlyList<DatasetPlan> datasets)
    {
        foreach (var plan in datasets)
        {
            if (problem.Contains(plan.Id.ToString(), StringComparison.Ordinal) ||
                (plan.Name.Length > 0 && problem.Contains(plan.Name, StringComparison.Ordinal)))
            {
                return plan.Origin;
            }
        }

        return SourceLocation.None;
    }

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
