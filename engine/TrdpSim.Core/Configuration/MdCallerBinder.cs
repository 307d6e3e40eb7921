using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.md-call]]</c> table: a message-data caller sending 'Mn' or 'Mr' at a rate.</summary>
/// <remarks>Every key is read whatever the <c>kind</c>; which keys a notification may not have is the
/// validator's rule.</remarks>
internal static class MdCallerBinder
{
    private const string Context = "[[device.md-call]]";

    public static MdCallerPlan Bind(TomlTableNode table, PlanErrorSink errors)
    {
        var call = new MdCallerPlan { Origin = table.Origin };
        var reader = new TomlTableReader(table, Context, errors, call.Keys);
        (call.ComId, call.Name) = TelegramKeys.ReadIdentity(reader, "md-");
        if (reader.TryWord("kind", PlanWords.MdCallKinds, out MdCallKind kind))
        {
            call.Kind = kind;
        }

        call.Protocol = MdKeys.Protocol(reader);
        if (reader.TryRequiredAddress("destination", out uint destination))
        {
            call.Destination = destination;
        }

        call.DestinationPort = (ushort)reader.Integer("destination-port", 0, ushort.MaxValue, 0);
        call.Rate = reader.Number("rate", call.Rate);
        if (reader.TryInteger("count", long.MinValue, long.MaxValue, out long count, out _))
        {
            call.Count = count;
        }

        call.MaxOutstanding = (int)reader.Integer("max-outstanding", int.MinValue, int.MaxValue, call.MaxOutstanding);
        if (reader.TryDuration("reply-timeout", false, out TimeSpan replyTimeout, out _))
        {
            call.ReplyTimeout = replyTimeout;
        }

        call.ExpectedReplies = (int)reader.Integer("expected-replies", int.MinValue, int.MaxValue, call.ExpectedReplies);
        call.Retries = (int)reader.Integer("retries", int.MinValue, int.MaxValue, call.Retries);
        call.ConfirmStatus = (int)reader.Integer("confirm-status", int.MinValue, int.MaxValue, call.ConfirmStatus);
        call.SourceUri = reader.Text("source-uri", string.Empty);
        call.DestinationUri = reader.Text("destination-uri", string.Empty);
        (call.DatasetId, call.PayloadLength) = TelegramKeys.ReadPayload(reader);
        TelegramKeys.ReadFields(reader, call.Fields, "[[device.md-call.field]]");
        call.EtbTopoCount = TelegramKeys.TopoCount(reader, "etb-topo-count");
        call.OpTrainTopoCount = TelegramKeys.TopoCount(reader, "op-train-topo-count");
        TelegramKeys.ReadInterfaceScope(reader, call.InterfaceScope);
        reader.ReportUnknownKeys();
        return call;
    }
}
