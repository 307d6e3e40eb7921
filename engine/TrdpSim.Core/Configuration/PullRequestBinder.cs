using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.pull]]</c> table: a periodic 'Pr' to a responder.</summary>
internal static class PullRequestBinder
{
    public static PullRequestPlan Bind(TomlTableNode table, PlanErrorSink errors)
    {
        var pull = new PullRequestPlan { Origin = table.Origin };
        var reader = new TomlTableReader(table, "[[device.pull]]", errors, pull.Keys);
        (pull.ComId, pull.Name) = TelegramKeys.ReadIdentity(reader, "pull-");
        pull.ReplyComId = reader.UInt32("reply-com-id", 0);
        if (reader.TryRequiredAddress("target", out uint target))
        {
            pull.Target = target;
        }

        if (reader.TryAddress("reply-address", out uint replyAddress, out _))
        {
            pull.ReplyAddress = replyAddress;
        }

        (pull.Interval, pull.Timeout) = TelegramKeys.ReadPullTiming(reader, pull.Interval, pull.Timeout);

        TelegramKeys.ReadInterfaceScope(reader, pull.InterfaceScope);
        reader.ReportUnknownKeys();
        return pull;
    }
}
