using System.Globalization;
using Tomlyn.Syntax;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds <c>[[dataset]]</c> tables and their <c>[[dataset.element]]</c> lists.</summary>
internal static class DatasetBinder
{
    /// <summary>Adds every dataset to <paramref name="plan"/> and returns them by id for later references.</summary>
    public static Dictionary<uint, DatasetPlan> Bind(List<TomlTableNode> tables, RunPlan plan, PlanErrorSink errors)
    {
        var byId = new Dictionary<uint, DatasetPlan>();
        var byName = new Dictionary<string, DatasetPlan>(StringComparer.Ordinal);
        var nested = new List<(DatasetPlan Owner, uint Id, SourceLocation At)>();
        foreach (TomlTableNode table in tables)
        {
            var reader = new TomlTableReader(table, "[[dataset]]", errors);
            var dataset = new DatasetPlan { Origin = table.Origin };
            if (reader.TryInteger("id", DatasetTypeNames.MaxTypeCode + 1, uint.MaxValue, out long id, out SourceLocation at))
            {
                dataset.Id = (uint)id;
                if (!byId.TryAdd(dataset.Id, dataset))
                {
                    reader.Error(at, $"duplicate dataset id {id} (first defined at {byId[dataset.Id].Origin})");
                }
            }
            else if (reader.Table.Find("id") is null)
            {
                reader.Missing("id");
            }

            if (reader.TryString("name", out string name, out at))
            {
                dataset.Name = name;
                if (name.Length == 0)
                {
                    reader.Error(at, "'name' must not be empty");
                }
                else if (!byName.TryAdd(name, dataset))
                {
                    reader.Error(at, $"duplicate dataset name '{name}' (first defined at {byName[name].Origin})");
                }
            }
            else if (reader.Table.Find("name") is null)
            {
                reader.Missing("name");
            }

            List<TomlTableNode> elements = reader.TableArray("element");
            if (elements.Count == 0 && reader.Table.Find("element") is null)
            {
                reader.Error(table.Origin, "a [[dataset]] needs at least one [[dataset.element]]");
            }

            foreach (TomlTableNode element in elements)
            {
                BindElement(element, dataset, nested, errors);
            }

            reader.ReportUnknownKeys();
            plan.Datasets.Add(dataset);
        }

        foreach ((DatasetPlan owner, uint id, SourceLocation at) in nested)
        {
            if (id == owner.Id)
            {
                errors.Add(at, $"dataset {id} cannot contain itself");
            }
            else if (!byId.ContainsKey(id))
            {
                errors.Add(at, $"element type {id} is not a [[dataset]] id");
            }
        }

        return byId;
    }

    private static void BindElement(
        TomlTableNode table, DatasetPlan dataset, List<(DatasetPlan, uint, SourceLocation)> nested, PlanErrorSink errors)
    {
        var reader = new TomlTableReader(table, "[[dataset.element]]", errors);
        var element = new DatasetElementPlan { Origin = table.Origin };
        if (reader.TryString("name", out string name, out SourceLocation at))
        {
            element.Name = name;
            if (name.Length == 0)
            {
                reader.Error(at, "'name' must not be empty");
            }
            else if (Contains(dataset, name))
            {
                reader.Error(at, $"duplicate element name '{name}' in dataset '{dataset.Name}'");
            }
        }
        else if (table.Find("name") is null)
        {
            reader.Missing("name");
        }

        BindType(reader, element, dataset, nested);
        element.ArraySize = (int)reader.Integer("array-size", 0, ushort.MaxValue, element.ArraySize);
        reader.ReportUnknownKeys();
        dataset.Elements.Add(element);
    }

    private static void BindType(
        TomlTableReader reader, DatasetElementPlan element, DatasetPlan dataset, List<(DatasetPlan, uint, SourceLocation)> nested)
    {
        TomlEntry? entry = reader.Take("type");
        if (entry is null || entry.IsBroken)
        {
            if (entry is null)
            {
                reader.Missing("type");
            }

            return;
        }

        SourceLocation at = entry.ValueOrigin;
        switch (entry.Value)
        {
            case StringValueSyntax { Value: { } text } when DatasetTypeNames.TryCanonical(text, out string canonical):
                element.Type = canonical;
                return;
            case StringValueSyntax { Value: { } text } when uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint id):
                element.Type = text;
                nested.Add((dataset, id, at));
                return;
            case IntegerValueSyntax integer when integer.Value > 0 && integer.Value <= uint.MaxValue:
                element.Type = integer.Value.ToString(CultureInfo.InvariantCulture);
                nested.Add((dataset, (uint)integer.Value, at));
                return;
            case StringValueSyntax { Value: { } text }:
                reader.Error(at, $"unknown element type \"{text}\" (expected {DatasetTypeNames.List}, or a dataset id)");
                return;
            default:
                reader.Error(at, $"'type' must be a type name or a dataset id, not {entry.Describe()}");
                return;
        }
    }

    private static bool Contains(DatasetPlan dataset, string name)
    {
        foreach (DatasetElementPlan element in dataset.Elements)
        {
            if (element.Name == name)
            {
                return true;
            }
        }

        return false;
    }
}
