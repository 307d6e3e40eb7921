using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.publish]]</c> table.</summary>
internal static class PublicationBinder
{
    public static PublicationPlan Bind(TomlTableNode table, PlanErrorSink errors)
    {
        var publication = new PublicationPlan { Origin = table.Origin };
        var reader = new TomlTableReader(table, "[[device.publish]]", errors, publication.Keys);
        (publication.ComId, publication.Name) = TelegramKeys.ReadIdentity(reader, "pd-");
        (publication.Count, publication.ComIdStep) = TelegramKeys.ReadRange(reader);
        (publication.DatasetId, publication.PayloadLength) = TelegramKeys.ReadPayload(reader);
        if (reader.TryDuration("cycle", false, out TimeSpan cycle, out _))
        {
            publication.Cycle = cycle;
        }

        if (reader.TryDuration("offset", false, out TimeSpan offset, out _))
        {
            publication.Offset = offset;
        }

        if (reader.TryRequiredAddress("destination", out uint destination))
        {
            publication.Destination = destination;
        }

        publication.DestinationPort = (ushort)reader.Integer("destination-port", 0, ushort.MaxValue, 0);
        publication.EtbTopoCount = TelegramKeys.TopoCount(reader, "etb-topo-count");
        publication.OpTrainTopoCount = TelegramKeys.TopoCount(reader, "op-train-topo-count");
        publication.RedundancyGroup = reader.UInt32("redundancy-group", 0);
        if (reader.TryDuration("takeover-after", true, out TimeSpan takeoverAfter, out _))
        {
            publication.TakeoverAfter = takeoverAfter;
        }

        TelegramKeys.ReadFields(reader, publication.Fields, "[[device.publish.field]]");
        TelegramKeys.ReadInterfaceScope(reader, publication.InterfaceScope);
        reader.ReportUnknownKeys();
        return publication;
    }
}
