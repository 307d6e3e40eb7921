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
        if (reader.TryAddress("target", out uint target, out _))
        {
            pull.Target = target;
        }
        else if (table.Find("target") is null)
        {
            reader.Missing("target");
        }

        if (reader.TryAddress("reply-address", out uint replyAddress, out _))
        {
            pull.ReplyAddress = replyAddress;
        }

        if (reader.TryDuration("interval", false, out TimeSpan interval, out _))
        {
            pull.Interval = interval;
        }

        if (reader.TryDuration("timeout", false, out TimeSpan timeout, out _))
        {
            pull.Timeout = timeout;
        }

        reader.ReportUnknownKeys();
        return pull;
    }
}
