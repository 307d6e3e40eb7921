using System.Globalization;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Keys shared by <c>[[device.publish]]</c>, <c>[[device.subscribe]]</c>, <c>[[device.pull]]</c>,
/// <c>[[device.md-call]]</c> and <c>[[device.md-reply]]</c>.</summary>
internal static class TelegramKeys
{
    /// <summary>Upper bound for <c>count</c>: one telegram line must stay a sensible unit of work.</summary>
    public const int MaxCount = 100_000;

    /// <summary>Largest PD payload (<c>TRDP_MAX_PD_DATA_SIZE</c>).</summary>
    public const int MaxPayload = 1432;

    /// <summary>Reads the required <c>com-id</c>; reports it missing at the header.</summary>
    public static bool TryComId(TomlTableReader reader, out uint comId)
    {
        comId = 0;
        if (reader.TryInteger("com-id", 0, uint.MaxValue, out long value, out _))
        {
            comId = (uint)value;
            return true;
        }

        if (reader.Table.Find("com-id") is null)
        {
            reader.Missing("com-id");
        }

        return false;
    }

    /// <summary>Reads <c>count</c> and <c>com-id-step</c> and checks the ComId range stays within 32 bits.</summary>
    public static (int Count, uint Step) ReadRange(TomlTableReader reader, uint comId)
    {
        int count = (int)reader.Integer("count", 1, MaxCount, 1);
        uint step = (uint)reader.Integer("com-id-step", 1, uint.MaxValue, 1);
        ulong last = comId + ((ulong)(count - 1) * step);
        if (last > uint.MaxValue)
        {
            reader.Error(reader.Origin, string.Create(CultureInfo.InvariantCulture,
                $"com-id {comId} + {count - 1} × {step} passes 4294967295"));
        }

        return (count, step);
    }

    /// <summary>Reads <c>name</c>, defaulting to <paramref name="fallback"/>, and checks it is unique
    /// within <paramref name="names"/> (one set per device and kind).</summary>
    public static string ReadName(TomlTableReader reader, string fallback, string kind, Dictionary<string, SourceLocation> names)
    {
        string name = fallback;
        SourceLocation at = reader.Origin;
        if (reader.TryString("name", out string given, out SourceLocation givenAt))
        {
            if (given.Length == 0)
            {
                reader.Error(givenAt, "'name' must not be empty");
            }
            else
            {
                name = given;
                at = givenAt;
            }
        }

        if (!names.TryAdd(name, reader.Origin))
        {
            string hint = ReferenceEquals(name, fallback) ? " (set 'name' to tell them apart)" : string.Empty;
            reader.Error(at, $"duplicate {kind} name '{name}' on this device (first at {names[name]}){hint}");
        }

        return name;
    }

    /// <summary>A topography counter (<c>etb-topo-count</c>, <c>op-train-topo-count</c>).</summary>
    public static uint TopoCount(TomlTableReader reader, string key) => reader.UInt32(key, 0);

    /// <summary>Reads <c>dataset</c> (an existing <c>[[dataset]]</c> id) or <c>payload-length</c>
    /// (0 … <paramref name="maxPayload"/> raw bytes), not both; returns the dataset when it exists.</summary>
    public static DatasetPlan? ReadPayload(
        TomlTableReader reader, Dictionary<uint, DatasetPlan> datasets, int maxPayload, out uint? datasetId, out int payloadLength)
    {
        DatasetPlan? dataset = null;
        datasetId = null;
        payloadLength = 0;
        if (reader.TryInteger("dataset", 1, uint.MaxValue, out long id, out SourceLocation datasetAt))
        {
            datasetId = (uint)id;
            if (!datasets.TryGetValue((uint)id, out dataset))
            {
                reader.Error(datasetAt, $"'dataset' {id} is not defined by any [[dataset]]");
            }
        }

        if (reader.TryInteger("payload-length", 0, maxPayload, out long length, out SourceLocation lengthAt))
        {
            payloadLength = (int)length;
            if (reader.Table.Find("dataset") is not null)
            {
                reader.Error(lengthAt, "give either 'dataset' or 'payload-length', not both");
            }
        }

        return dataset;
    }

    /// <summary>Binds the <c>field</c> array of tables into <paramref name="fields"/>: generators need a
    /// dataset, and one field gets at most one generator. <paramref name="what"/> names the owner in
    /// messages ("publication", "MD call").</summary>
    public static void ReadFields(
        TomlTableReader reader, DatasetPlan? dataset, uint? datasetId, List<FieldGeneratorPlan> fields, string context, string what)
    {
        List<TomlTableNode> tables = reader.TableArray("field");
        if (tables.Count > 0 && dataset is null && datasetId is null)
        {
            reader.Error(tables[0].Origin,
                $"fields need a dataset: a raw 'payload-length' {what} sends zero bytes (set 'dataset')");
        }

        foreach (TomlTableNode table in tables)
        {
            FieldGeneratorPlan generator = FieldGeneratorBinder.Bind(table, dataset, context, reader.Errors);
            foreach (FieldGeneratorPlan earlier in fields)
            {
                if (generator.Field.Length > 0 && earlier.Field == generator.Field)
                {
                    SourceLocation at = table.Find("field")?.ValueOrigin ?? generator.Origin;
                    reader.Error(at, $"field '{generator.Field}' already has a generator (at {earlier.Origin})");
                }
            }

            fields.Add(generator);
        }
    }
}
