using System.Globalization;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.pull]]</c> table: a periodic 'Pr' to a responder.</summary>
internal static class PullRequestBinder
{
    public static PullRequestPlan Bind(TomlTableNode table, Dictionary<string, SourceLocation> names, PlanErrorSink errors)
    {
        var reader = new TomlTableReader(table, "[[device.pull]]", errors);
        var pull = new PullRequestPlan { Origin = table.Origin };
        TelegramKeys.TryComId(reader, out uint comId);
        pull.ComId = comId;
        pull.Name = TelegramKeys.ReadName(reader, "pull-" + comId.ToString(CultureInfo.InvariantCulture), "pull", names);
        pull.ReplyComId = reader.UInt32("reply-com-id", 0);

        if (reader.TryAddress("target", AddressRule.Unicast, out uint target, out _))
        {
            pull.Target = target;
        }
        else if (table.Find("target") is null)
        {
            reader.Missing("target");
        }

        if (reader.TryAddress("reply-address", AddressRule.Any, out uint replyAddress, out _))
        {
            pull.ReplyAddress = replyAddress;
        }

        if (reader.TryDuration("interval", false, out TimeSpan interval, out SourceLocation at))
        {
            if (interval < PublicationBinder.MinCycle)
            {
                reader.Error(at, "'interval' must be at least 1ms");
            }
            else
            {
                pull.Interval = interval;
            }
        }

        if (reader.TryDuration("timeout", false, out TimeSpan timeout, out at))
        {
            if (timeout <= TimeSpan.Zero)
            {
                reader.Error(at, "'timeout' must be positive");
            }
            else
            {
                pull.Timeout = timeout;
            }
        }

        reader.ReportUnknownKeys();
        return pull;
    }
}
