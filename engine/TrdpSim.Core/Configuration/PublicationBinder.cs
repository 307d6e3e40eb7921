using System.Globalization;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.publish]]</c> table.</summary>
internal static class PublicationBinder
{
    /// <summary>Shortest cycle accepted. TRDP stacks schedule in 5 ms steps (TCNopen's default process
    /// cycle is 10 ms), but the simulator's timing wheel can do better and tests use fast cycles.</summary>
    public static readonly TimeSpan MinCycle = TimeSpan.FromMilliseconds(1);

    public static PublicationPlan Bind(
        TomlTableNode table, Dictionary<uint, DatasetPlan> datasets, Dictionary<string, SourceLocation> names, PlanErrorSink errors)
    {
        var reader = new TomlTableReader(table, "[[device.publish]]", errors);
        var publication = new PublicationPlan { Origin = table.Origin };
        TelegramKeys.TryComId(reader, out uint comId);
        publication.ComId = comId;
        publication.Name = TelegramKeys.ReadName(
            reader, "pd-" + comId.ToString(CultureInfo.InvariantCulture), "publication", names);
        (publication.Count, publication.ComIdStep) = TelegramKeys.ReadRange(reader, comId);

        DatasetPlan? dataset = TelegramKeys.ReadPayload(
            reader, datasets, TelegramKeys.MaxPayload, out uint? datasetId, out int payloadLength);
        publication.DatasetId = datasetId;
        publication.PayloadLength = payloadLength;
        ReadTiming(reader, publication);

        if (reader.TryAddress("destination", AddressRule.Any, out uint destination, out _))
        {
            publication.Destination = destination;
        }
        else if (table.Find("destination") is null)
        {
            reader.Missing("destination");
        }

        publication.DestinationPort = (ushort)reader.Integer("destination-port", 0, ushort.MaxValue, 0);
        publication.EtbTopoCount = TelegramKeys.TopoCount(reader, "etb-topo-count");
        publication.OpTrainTopoCount = TelegramKeys.TopoCount(reader, "op-train-topo-count");
        publication.RedundancyGroup = reader.UInt32("redundancy-group", 0);

        TelegramKeys.ReadFields(reader, dataset, publication.DatasetId, publication.Fields, "[[device.publish.field]]", "publication");
        reader.ReportUnknownKeys();
        return publication;
    }

    private static void ReadTiming(TomlTableReader reader, PublicationPlan publication)
    {
        if (reader.TryDuration("cycle", false, out TimeSpan cycle, out SourceLocation at))
        {
            if (cycle != TimeSpan.Zero && cycle < MinCycle)
            {
                reader.Error(at, "'cycle' must be 0 (pull-only) or at least 1ms");
            }
            else
            {
                publication.Cycle = cycle;
            }
        }

        if (reader.TryDuration("offset", false, out TimeSpan offset, out at))
        {
            if (publication.Cycle == TimeSpan.Zero)
            {
                reader.Error(at, "'offset' has no meaning for a pull-only publication (cycle = 0)");
            }
            else if (offset >= publication.Cycle)
            {
                reader.Error(at, "'offset' must be shorter than 'cycle'");
            }
            else
            {
                publication.Offset = offset;
            }
        }
    }
}
