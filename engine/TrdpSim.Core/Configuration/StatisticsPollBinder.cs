using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.poll-statistics]]</c> table: the device under test whose ComId 31 statistics
/// this device pulls, and how often.</summary>
internal static class StatisticsPollBinder
{
    public static StatisticsPollPlan Bind(TomlTableNode table, PlanErrorSink errors)
    {
        var poll = new StatisticsPollPlan { Origin = table.Origin };
        var reader = new TomlTableReader(table, "[[device.poll-statistics]]", errors, poll.Keys);
        poll.Name = TelegramKeys.ReadName(reader, StatisticsPollPlan.DefaultName);
        if (reader.TryAddress("target", out uint target, out _))
        {
            poll.Target = target;
        }
        else if (table.Find("target") is null)
        {
            reader.Missing("target");
        }

        if (reader.TryDuration("interval", false, out TimeSpan interval, out _))
        {
            poll.Interval = interval;
        }

        if (reader.TryDuration("timeout", false, out TimeSpan timeout, out _))
        {
            poll.Timeout = timeout;
        }

        reader.ReportUnknownKeys();
        return poll;
    }
}
