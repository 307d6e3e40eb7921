using System.Globalization;
using Tomlyn.Syntax;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds <c>[[dataset]]</c> tables and their <c>[[dataset.element]]</c> lists.</summary>
internal static class DatasetBinder
{
    /// <summary>Binds one <c>[[dataset]]</c> table.</summary>
    public static DatasetPlan Bind(TomlTableNode table, PlanErrorSink errors)
    {
        var dataset = new DatasetPlan { Origin = table.Origin };
        var reader = new TomlTableReader(table, "[[dataset]]", errors, dataset.Keys);
        if (reader.TryRequiredInteger("id", 0, uint.MaxValue, out long id))
        {
            dataset.Id = (uint)id;
        }

        if (reader.TryRequiredString("name", out string name))
        {
            dataset.Name = name;
        }

        reader.BindAll("element", dataset.Elements, BindElement);
        reader.ReportUnknownKeys();
        return dataset;
    }

    private static DatasetElementPlan BindElement(TomlTableNode table, PlanErrorSink errors)
    {
        var element = new DatasetElementPlan { Origin = table.Origin };
        var reader = new TomlTableReader(table, "[[dataset.element]]", errors, element.Keys);
        if (reader.TryRequiredString("name", out string name))
        {
            element.Name = name;
        }

        BindType(reader, element);
        element.ArraySize = (int)reader.Integer("array-size", int.MinValue, int.MaxValue, element.ArraySize);
        reader.ReportUnknownKeys();
        return element;
    }

    /// <summary>A type name (kept in its canonical spelling when it is one) or a nested dataset id, as text.</summary>
    private static void BindType(TomlTableReader reader, DatasetElementPlan element)
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

        switch (entry.Value)
        {
            case StringValueSyntax { Value: { } text }:
                element.Type = DatasetTypeNames.TryCanonical(text, out string canonical) ? canonical : text;
                return;
            case IntegerValueSyntax integer when integer.Value > 0 && integer.Value <= uint.MaxValue:
                element.Type = integer.Value.ToString(CultureInfo.InvariantCulture);
                return;
            default:
                reader.Error("type", entry.ValueOrigin, $"'type' must be a type name or a dataset id, not {entry.Describe()}");
                return;
        }
    }
}
