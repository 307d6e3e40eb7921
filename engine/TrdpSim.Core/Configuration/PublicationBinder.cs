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

        DatasetPlan? dataset = ReadPayload(reader, publication, datasets);
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

        List<TomlTableNode> fields = reader.TableArray("field");
        if (fields.Count > 0 && dataset is null && publication.DatasetId is null)
        {
            reader.Error(fields[0].Origin,
                "fields need a dataset: a raw 'payload-length' publication sends zero bytes (set 'dataset')");
        }

        foreach (TomlTableNode field in fields)
        {
            FieldGeneratorPlan generator = FieldGeneratorBinder.Bind(field, dataset, errors);
            foreach (FieldGeneratorPlan earlier in publication.Fields)
            {
                if (generator.Field.Length > 0 && earlier.Field == generator.Field)
                {
                    SourceLocation at = field.Find("field")?.ValueOrigin ?? generator.Origin;
                    errors.Add(at, $"field '{generator.Field}' already has a generator (at {earlier.Origin})");
                }
            }

            publication.Fields.Add(generator);
        }

        reader.ReportUnknownKeys();
        return publication;
    }

    private static DatasetPlan? ReadPayload(
        TomlTableReader reader, PublicationPlan publication, Dictionary<uint, DatasetPlan> datasets)
    {
        DatasetPlan? dataset = null;
        bool hasDataset = reader.TryInteger("dataset", 1, uint.MaxValue, out long id, out SourceLocation datasetAt);
        if (hasDataset)
        {
            publication.DatasetId = (uint)id;
            if (!datasets.TryGetValue((uint)id, out dataset))
            {
                reader.Error(datasetAt, $"'dataset' {id} is not defined by any [[dataset]]");
            }
        }

        if (reader.TryInteger("payload-length", 0, TelegramKeys.MaxPayload, out long length, out SourceLocation lengthAt))
        {
            publication.PayloadLength = (int)length;
            if (reader.Table.Find("dataset") is not null)
            {
                reader.Error(lengthAt, "give either 'dataset' or 'payload-length', not both");
            }
        }

        return dataset;
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
