using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.md-reply]]</c> table: a listener and how it answers (delay, failures).</summary>
/// <remarks><c>delay</c> is kept as written; the validator checks it with the Distributions part's grammar.</remarks>
internal static class MdReplierBinder
{
    private const string Context = "[[device.md-reply]]";

    public static MdReplierPlan Bind(TomlTableNode table, PlanErrorSink errors)
    {
        var replier = new MdReplierPlan { Origin = table.Origin };
        var reader = new TomlTableReader(table, Context, errors, replier.Keys);
        (replier.ComId, replier.Name) = TelegramKeys.ReadIdentity(reader, "mdr-");
        replier.Protocol = MdKeys.Protocol(reader);
        replier.Source = reader.TryAddress("source", out uint source, out _) ? source : 0;
        replier.Group = reader.TryAddress("group", out uint group, out _) ? group : 0;
        replier.SourceUriFilter = reader.Text("source-uri-filter", string.Empty);
        replier.DestinationUriFilter = reader.Text("destination-uri-filter", string.Empty);
        if (reader.TryWord("reply", PlanWords.MdReplyKinds, out MdReplyKind reply))
        {
            replier.Reply = reply;
        }

        replier.ReplyComId = reader.UInt32("reply-com-id", 0);
        replier.UserStatus = (int)reader.Integer("user-status", int.MinValue, int.MaxValue, 0);
        if (reader.TryDuration("confirm-timeout", false, out TimeSpan confirmTimeout, out _))
        {
            replier.ConfirmTimeout = confirmTimeout;
        }

        replier.Delay = reader.Text("delay", replier.Delay);
        replier.NoReplyProbability = reader.Number("no-reply-probability", 0);
        replier.ErrorProbability = reader.Number("error-probability", 0);
        replier.LateReplyProbability = reader.Number("late-reply-probability", 0);
        replier.ErrorStatus = (int)reader.Integer("error-status", int.MinValue, int.MaxValue, replier.ErrorStatus);
        replier.SourceUri = reader.Text("source-uri", string.Empty);
        (replier.DatasetId, replier.PayloadLength) = TelegramKeys.ReadPayload(reader);
        TelegramKeys.ReadFields(reader, replier.Fields, "[[device.md-reply.field]]");
        TelegramKeys.ReadInterfaceScope(reader, replier.InterfaceScope);
        reader.ReportUnknownKeys();
        return replier;
    }
}
