using System.Globalization;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Keys shared by <c>[[device.publish]]</c>, <c>[[device.subscribe]]</c>, <c>[[device.pull]]</c>,
/// <c>[[device.md-call]]</c> and <c>[[device.md-reply]]</c>.</summary>
internal static class TelegramKeys
{
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

    /// <summary>Reads the required <c>com-id</c> and the <c>name</c>, which defaults to <paramref name="namePrefix"/>
    /// followed by the ComId (<c>pd-1000</c>).</summary>
    public static (uint ComId, string Name) ReadIdentity(TomlTableReader reader, string namePrefix)
    {
        TryComId(reader, out uint comId);
        return (comId, ReadName(reader, namePrefix + comId.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Reads <c>count</c> and <c>com-id-step</c> (their limits are the validator's).</summary>
    public static (int Count, uint Step) ReadRange(TomlTableReader reader) =>
        ((int)reader.Integer("count", int.MinValue, int.MaxValue, 1), (uint)reader.Integer("com-id-step", 0, uint.MaxValue, 1));

    /// <summary>Reads <c>name</c>, defaulting to <paramref name="fallback"/> (also when the value cannot be read).</summary>
    public static string ReadName(TomlTableReader reader, string fallback) =>
        reader.TryString("name", out string given, out _) ? given : fallback;

    /// <summary>A topography counter (<c>etb-topo-count</c>, <c>op-train-topo-count</c>).</summary>
    public static uint TopoCount(TomlTableReader reader, string key) => reader.UInt32(key, 0);

    /// <summary>How often a pull (or statistics poll) asks and how long it waits for the reply: <c>interval</c> and
    /// <c>timeout</c>, each left as given when absent.</summary>
    public static (TimeSpan Interval, TimeSpan Timeout) ReadPullTiming(
        TomlTableReader reader, TimeSpan interval, TimeSpan timeout)
    {
        if (reader.TryDuration("interval", false, out TimeSpan readInterval, out _))
        {
            interval = readInterval;
        }

        if (reader.TryDuration("timeout", false, out TimeSpan readTimeout, out _))
        {
            timeout = readTimeout;
        }

        return (interval, timeout);
    }

    /// <summary>Reads <c>dataset</c> (a dataset id) and <c>payload-length</c> (raw bytes).</summary>
    public static (uint? DatasetId, int PayloadLength) ReadPayload(TomlTableReader reader)
    {
        uint? datasetId = reader.TryInteger("dataset", 0, uint.MaxValue, out long id, out _) ? (uint)id : null;
        return (datasetId, (int)reader.Integer("payload-length", int.MinValue, int.MaxValue, 0));
    }

    /// <summary>Binds the <c>field</c> array of tables into <paramref name="fields"/>; <paramref name="context"/>
    /// names them in messages (<c>[[device.publish.field]]</c>, …).</summary>
    public static void ReadFields(TomlTableReader reader, List<FieldGeneratorPlan> fields, string context)
    {
        foreach (TomlTableNode table in reader.TableArray("field"))
        {
            fields.Add(FieldGeneratorBinder.Bind(table, context, reader.Errors));
        }
    }

    /// <summary><c>interfaces = ["b"]</c>: the device's interfaces the item plays on (names are the validator's to
    /// judge).</summary>
    public static void ReadInterfaceScope(TomlTableReader reader, List<string> scope) =>
        reader.TryStringArray("interfaces", scope, out _);
}
