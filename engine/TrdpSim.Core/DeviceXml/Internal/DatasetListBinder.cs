using System.Globalization;
using TrdpSim.Plan;
using TrdpSim.Protocol.Datasets;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>Reads a <c>data-set-list</c> into <see cref="DatasetPlan"/>s: every TRDP type, fixed and
/// variable arrays (<c>array-size</c> n / 0), nested datasets (<c>type</c> = a dataset id).</summary>
/// <remarks>Type names are kept canonical (upper case; a numeric primitive code such as <c>"9"</c> becomes
/// <c>UINT16</c>) so the plan writes back to TOML unchanged. Whether a nested id exists, nesting depth and
/// cycles are checked with the whole train, by the plan's validation.</remarks>
internal static class DatasetListBinder
{
    public static List<DatasetPlan> Read(XmlElementNode list, Problems problems)
    {
        new ElementReader(list, problems).Finish();
        var datasets = new List<DatasetPlan>();
        foreach (XmlElementNode child in list.Children)
        {
            if (!child.Is("data-set"))
            {
                problems.Unknown("element " + child.Tag + " in " + list.Tag, child.Origin);
                continue;
            }

            datasets.Add(ReadDataset(child, problems));
        }

        return datasets;
    }

    private static DatasetPlan ReadDataset(XmlElementNode element, Problems problems)
    {
        var r = new ElementReader(element, problems);
        var dataset = new DatasetPlan { Origin = element.Origin };
        if (r.TryNumber("id", XmlLimits.MaxTypeCode + 1, uint.MaxValue, out uint id, out _))
        {
            dataset.Id = id;
        }
        else if (r.Take("id") is null)
        {
            problems.Error(element.Origin, "<data-set> needs an id (above 30; TCNopen's schema asks for 1000 or more)");
        }

        string? name = r.Text("name");
        dataset.Name = string.IsNullOrEmpty(name) ? "dataset-" + dataset.Id.ToString(CultureInfo.InvariantCulture) : name;
        r.Finish();
        foreach (XmlElementNode child in element.Children)
        {
            if (!child.Is("element"))
            {
                problems.Unknown("element " + child.Tag + " in <data-set>", child.Origin);
                continue;
            }

            ReadElement(child, dataset, problems);
        }

        if (dataset.Elements.Count == 0)
        {
            problems.Error(element.Origin, $"<data-set> {dataset.Id} has no <element>");
        }

        return dataset;
    }

    private static void ReadElement(XmlElementNode node, DatasetPlan dataset, Problems problems)
    {
        var r = new ElementReader(node, problems);
        var element = new DatasetElementPlan { Origin = node.Origin };
        string? name = r.Text("name");
        element.Name = string.IsNullOrEmpty(name)
            ? "e" + (dataset.Elements.Count + 1).ToString(CultureInfo.InvariantCulture)
            : name;
        foreach (DatasetElementPlan earlier in dataset.Elements)
        {
            if (earlier.Name == element.Name)
            {
                problems.Error(r.Take("name")?.Origin ?? node.Origin,
                    $"<data-set> {dataset.Id} has two elements named '{element.Name}' (first at {earlier.Origin})");
            }
        }

        XmlAttributeNode? type = r.Take("type");
        if (type is null)
        {
            problems.Error(node.Origin, $"<element> '{element.Name}' needs a type");
        }
        else if (Canonical(type.Value) is { } canonical)
        {
            element.Type = canonical;
        }
        else
        {
            problems.Error(type.Origin,
                $"<element> '{element.Name}': unknown type \"{type.Value}\" (expected BOOL8, BITSET8, ANTIVALENT8, CHAR8, UTF8, UTF16, INT8/16/32/64, UINT8/16/32/64, REAL32/64, TIMEDATE32/48/64, a type code 1…16 or a dataset id above 30)");
        }

        element.ArraySize = (int)r.Number("array-size", 1, 0, XmlLimits.MaxArraySize);
        r.Ignore("unit", Reasons.DisplayHint);
        r.Ignore("scale", Reasons.DisplayHint);
        r.Ignore("offset", Reasons.DisplayHint);
        r.Finish();
        dataset.Elements.Add(element);
    }

    /// <summary>The plan's spelling of a type: an upper-case name, or a nested dataset id as digits.</summary>
    private static string? Canonical(string text)
    {
        if (!TrdpDataTypes.TryParse(text, out uint code))
        {
            return null;
        }

        string trimmed = text.Trim();
        if (TrdpDataTypes.IsNested(code))
        {
            return code.ToString(CultureInfo.InvariantCulture);
        }

        return char.IsAsciiDigit(trimmed[0]) ? TrdpDataTypes.GetName((TrdpDataType)code) : trimmed.ToUpperInvariant();
    }
}
