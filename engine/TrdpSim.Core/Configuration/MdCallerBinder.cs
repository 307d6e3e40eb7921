using System.Globalization;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.md-call]]</c> table: a message-data caller sending 'Mn' or 'Mr' at a rate.</summary>
/// <remarks>Keys that only a request uses (<c>reply-timeout</c>, <c>expected-replies</c>, <c>retries</c>,
/// <c>confirm-status</c>, <c>max-outstanding</c>) are errors on a notification, so a forgotten
/// <c>kind</c> does not silently drop them. <c>retries</c> is accepted for TCP and multicast but has no
/// effect there (TCNopen retransmits only UDP unicast requests); a unicast request always expects exactly
/// one reply (TCNopen forces <c>numExpReplies</c> to 1), so <c>expected-replies</c> other than 1 is an error.</remarks>
internal static class MdCallerBinder
{
    /// <summary>Highest accepted <c>rate</c> in transactions per second.</summary>
    public const double MaxRate = 1_000_000;

    /// <summary>Upper bound for <c>max-outstanding</c>.</summary>
    public const int MaxOutstanding = 100_000;

    private const string Context = "[[device.md-call]]";

    private static readonly (string, MdCallKind)[] KindWords = [("request", MdCallKind.Request), ("notify", MdCallKind.Notify)];

    private static readonly string[] RequestOnlyKeys = ["reply-timeout", "expected-replies", "retries", "confirm-status", "max-outstanding"];

    public static MdCallerPlan Bind(
        TomlTableNode table, Dictionary<uint, DatasetPlan> datasets, Dictionary<string, SourceLocation> names, PlanErrorSink errors)
    {
        var reader = new TomlTableReader(table, Context, errors);
        var call = new MdCallerPlan { Origin = table.Origin };
        TelegramKeys.TryComId(reader, out uint comId);
        call.ComId = comId;
        call.Name = TelegramKeys.ReadName(reader, "md-" + comId.ToString(CultureInfo.InvariantCulture), "md-call", names);
        if (reader.TryWord("kind", KindWords, out MdCallKind kind))
        {
            call.Kind = kind;
        }

        call.Protocol = MdKeys.Protocol(reader);
        bool unicast = ReadDestination(reader, call);
        call.DestinationPort = (ushort)reader.Integer("destination-port", 0, ushort.MaxValue, 0);
        ReadSchedule(reader, call);
        if (call.Kind == MdCallKind.Request)
        {
            ReadRequestKeys(reader, call, unicast);
        }
        else
        {
            foreach (string key in RequestOnlyKeys)
            {
                MdKeys.RejectIfPresent(reader, key, "does not apply to kind \"notify\" (a notification gets no reply)");
            }
        }

        call.SourceUri = MdKeys.Uri(reader, "source-uri");
        call.DestinationUri = MdKeys.Uri(reader, "destination-uri");
        DatasetPlan? dataset = TelegramKeys.ReadPayload(
            reader, datasets, MdKeys.MaxPayload, out uint? datasetId, out int payloadLength);
        call.DatasetId = datasetId;
        call.PayloadLength = payloadLength;
        TelegramKeys.ReadFields(reader, dataset, call.DatasetId, call.Fields, "[[device.md-call.field]]", "MD call");
        call.EtbTopoCount = TelegramKeys.TopoCount(reader, "etb-topo-count");
        call.OpTrainTopoCount = TelegramKeys.TopoCount(reader, "op-train-topo-count");
        reader.ReportUnknownKeys();
        return call;
    }

    /// <summary>Reads the required destination; returns <c>true</c> when it is a valid unicast address.</summary>
    private static bool ReadDestination(TomlTableReader reader, MdCallerPlan call)
    {
        if (!reader.TryAddress("destination", AddressRule.Any, out uint destination, out SourceLocation at))
        {
            if (reader.Table.Find("destination") is null)
            {
                reader.Missing("destination");
            }

            return false;
        }

        call.Destination = destination;
        bool multicast = AddressParser.IsMulticast(destination);
        if (multicast && call.Protocol == MdProtocol.Tcp)
        {
            reader.Error(at, $"'destination' must be a host address with protocol \"tcp\" (MD over TCP is unicast only), not the multicast group {AddressParser.Format(destination)}");
        }

        return !multicast;
    }

    private static void ReadSchedule(TomlTableReader reader, MdCallerPlan call)
    {
        if (reader.TryNumber("rate", out double rate, out SourceLocation at))
        {
            if (!(rate > 0 && rate <= MaxRate))
            {
                reader.Error(at, string.Create(CultureInfo.InvariantCulture,
                    $"'rate' must be above 0 and at most {MaxRate} transactions/s, got {rate}"));
            }
            else
            {
                call.Rate = rate;
            }
        }

        if (reader.TryInteger("count", 1, long.MaxValue, out long count, out _))
        {
            call.Count = count;
        }
    }

    private static void ReadRequestKeys(TomlTableReader reader, MdCallerPlan call, bool unicast)
    {
        call.MaxOutstanding = (int)reader.Integer("max-outstanding", 1, MaxOutstanding, call.MaxOutstanding);
        if (MdKeys.TryPositiveDuration(reader, "reply-timeout", out TimeSpan replyTimeout))
        {
            call.ReplyTimeout = replyTimeout;
        }

        if (reader.TryInteger("expected-replies", 0, int.MaxValue, out long expected, out SourceLocation at))
        {
            if (unicast && expected != 1)
            {
                reader.Error(at, string.Create(CultureInfo.InvariantCulture,
                    $"'expected-replies' must be 1 for a unicast destination (TCNopen forces 1; other values are for multicast), got {expected}"));
            }
            else
            {
                call.ExpectedReplies = (int)expected;
            }
        }

        call.Retries = (int)reader.Integer("retries", 0, MdKeys.MaxRetries, call.Retries);
        call.ConfirmStatus = (int)reader.Integer("confirm-status", 0, int.MaxValue, call.ConfirmStatus);
    }
}
