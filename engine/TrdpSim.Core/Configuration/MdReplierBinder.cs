using System.Globalization;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.md-reply]]</c> table: a listener and how it answers (delay, failures).</summary>
/// <remarks><c>delay</c> is kept as written; the Distributions part parses the distribution spec and reports
/// its errors at the replier's <see cref="PlanEntry.Origin"/>. The three behaviour probabilities are
/// exclusive outcomes of one request, so their sum must not pass 1 (reported at the table header).</remarks>
internal static class MdReplierBinder
{
    private const string Context = "[[device.md-reply]]";

    /// <summary>Slack for the probability sum, so that 0.1 + 0.2 + 0.7 is not "above 1".</summary>
    private const double SumTolerance = 1e-9;

    private static readonly (string, MdReplyKind)[] ReplyWords =
        [("reply", MdReplyKind.Reply), ("reply-with-confirm", MdReplyKind.ReplyWithConfirm)];

    public static MdReplierPlan Bind(
        TomlTableNode table, Dictionary<uint, DatasetPlan> datasets, Dictionary<string, SourceLocation> names, PlanErrorSink errors)
    {
        var reader = new TomlTableReader(table, Context, errors);
        var replier = new MdReplierPlan { Origin = table.Origin };
        TelegramKeys.TryComId(reader, out uint comId);
        replier.ComId = comId;
        replier.Name = TelegramKeys.ReadName(reader, "mdr-" + comId.ToString(CultureInfo.InvariantCulture), "md-reply", names);
        replier.Protocol = MdKeys.Protocol(reader);
        ReadFilters(reader, replier);
        ReadAnswer(reader, replier);
        ReadBehaviour(reader, replier);
        replier.SourceUri = MdKeys.Uri(reader, "source-uri");
        DatasetPlan? dataset = TelegramKeys.ReadPayload(
            reader, datasets, MdKeys.MaxPayload, out uint? datasetId, out int payloadLength);
        replier.DatasetId = datasetId;
        replier.PayloadLength = payloadLength;
        TelegramKeys.ReadFields(reader, dataset, replier.DatasetId, replier.Fields, "[[device.md-reply.field]]", "MD reply");
        reader.ReportUnknownKeys();
        return replier;
    }

    private static void ReadFilters(TomlTableReader reader, MdReplierPlan replier)
    {
        if (reader.TryAddress("source", AddressRule.Unicast, out uint source, out _))
        {
            replier.Source = source;
        }

        if (reader.TryAddress("group", AddressRule.Multicast, out uint group, out SourceLocation at))
        {
            if (replier.Protocol == MdProtocol.Tcp)
            {
                reader.Error(at, "'group' does not apply to protocol \"tcp\" (MD over TCP is unicast only)");
            }
            else
            {
                replier.Group = group;
            }
        }

        replier.SourceUriFilter = MdKeys.Uri(reader, "source-uri-filter");
        replier.DestinationUriFilter = MdKeys.Uri(reader, "destination-uri-filter");
    }

    private static void ReadAnswer(TomlTableReader reader, MdReplierPlan replier)
    {
        if (reader.TryWord("reply", ReplyWords, out MdReplyKind reply))
        {
            replier.Reply = reply;
        }

        replier.ReplyComId = reader.UInt32("reply-com-id", 0);
        replier.UserStatus = (int)reader.Integer("user-status", 0, int.MaxValue, 0);
        if (replier.Reply == MdReplyKind.ReplyWithConfirm)
        {
            if (MdKeys.TryPositiveDuration(reader, "confirm-timeout", out TimeSpan confirmTimeout))
            {
                replier.ConfirmTimeout = confirmTimeout;
            }
        }
        else
        {
            MdKeys.RejectIfPresent(reader, "confirm-timeout", "only applies to reply = \"reply-with-confirm\" (an 'Mp' is not confirmed)");
        }

        if (reader.TryString("delay", out string delay, out SourceLocation at))
        {
            if (string.IsNullOrWhiteSpace(delay))
            {
                reader.Error(at, "'delay' must not be empty (e.g. \"constant:0\", \"lognormal:median=2ms,p99=20ms\")");
            }
            else
            {
                replier.Delay = delay;
            }
        }
    }

    private static void ReadBehaviour(TomlTableReader reader, MdReplierPlan replier)
    {
        replier.NoReplyProbability = MdKeys.Probability(reader, "no-reply-probability");
        replier.ErrorProbability = MdKeys.Probability(reader, "error-probability");
        replier.LateReplyProbability = MdKeys.Probability(reader, "late-reply-probability");
        double sum = replier.NoReplyProbability + replier.ErrorProbability + replier.LateReplyProbability;
        if (sum > 1 + SumTolerance)
        {
            reader.Error(reader.Origin, string.Create(CultureInfo.InvariantCulture,
                $"'no-reply-probability' + 'error-probability' + 'late-reply-probability' must not exceed 1, got {sum}"));
        }

        replier.ErrorStatus = (int)reader.Integer("error-status", int.MinValue, -1, replier.ErrorStatus);
    }
}
