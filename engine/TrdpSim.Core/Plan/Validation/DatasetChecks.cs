using System.Globalization;

namespace TrdpSim.Plan.Validation;

/// <summary>Datasets and their elements: ids above the type codes, unique ids and names, known element
/// types and nested datasets; then, when those hold, the catalog's own rules (nesting cycles and depth,
/// variable arrays).</summary>
internal static class DatasetChecks
{
    public static DatasetIndex Check(RunPlan plan, PlanReport report)
    {
        int before = report.Count;
        var byId = new Dictionary<uint, DatasetPlan>();
        var byName = new Dictionary<string, DatasetPlan>(StringComparer.Ordinal);
        foreach (DatasetPlan dataset in plan.Datasets)
        {
            if (dataset.Id <= DatasetTypeNames.MaxTypeCode)
            {
                report.Range(dataset, "id", dataset.Id, DatasetTypeNames.MaxTypeCode + 1, uint.MaxValue);
            }
            else if (PlanReport.Judged(dataset, "id") && !byId.TryAdd(dataset.Id, dataset))
            {
                report.Value(dataset, "id", $"duplicate dataset id {dataset.Id} (first defined at {byId[dataset.Id].Origin})");
            }

            report.NotEmpty(dataset, "name", dataset.Name);
            if (dataset.Name.Length > 0 && !byName.TryAdd(dataset.Name, dataset))
            {
                report.Value(dataset, "name", $"duplicate dataset name '{dataset.Name}' (first defined at {byName[dataset.Name].Origin})");
            }
        }

        foreach (DatasetPlan dataset in plan.Datasets)
        {
            CheckElements(dataset, byId, report);
        }

        DatasetResolver? resolver = null;
        if (report.Count == before)
        {
            // The catalog's own checks only make sense on well-formed datasets (and would repeat the above).
            resolver = new DatasetResolver(plan.Datasets, report.Errors);
            if (report.Count != before)
            {
                resolver = null;
            }
        }

        return new DatasetIndex(byId, resolver, report);
    }

    private static void CheckElements(DatasetPlan dataset, Dictionary<uint, DatasetPlan> byId, PlanReport report)
    {
        if (dataset.Elements.Count == 0 && PlanReport.Judged(dataset, "element"))
        {
            report.Entry(dataset, "a dataset needs at least one element");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (DatasetElementPlan element in dataset.Elements)
        {
            report.NotEmpty(element, "name", element.Name);
            if (element.Name.Length > 0 && !names.Add(element.Name))
            {
                report.Value(element, "name", $"duplicate element name '{element.Name}' in dataset '{dataset.Name}'");
            }

            CheckType(dataset, element, byId, report);
            report.Range(element, "array-size", element.ArraySize, 0, PlanLimits.MaxArraySize);
        }
    }

    private static void CheckType(DatasetPlan dataset, DatasetElementPlan element, Dictionary<uint, DatasetPlan> byId, PlanReport report)
    {
        if (DatasetTypeNames.TryCanonical(element.Type, out _))
        {
            return;
        }

        if (uint.TryParse(element.Type, NumberStyles.None, CultureInfo.InvariantCulture, out uint id))
        {
            if (id == dataset.Id)
            {
                report.Value(element, "type", $"dataset {id} cannot contain itself");
            }
            else if (!byId.ContainsKey(id))
            {
                report.Value(element, "type", $"element type {id} is not the id of a defined dataset");
            }

            return;
        }

        report.Value(element, "type", $"unknown element type \"{element.Type}\" (expected {DatasetTypeNames.List}, or a dataset id)");
    }
}
