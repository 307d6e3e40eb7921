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
        if (reader.TryRequiredAddress("target", out uint target))
        {
            poll.Target = target;
        }

        (poll.Interval, poll.Timeout) = TelegramKeys.ReadPullTiming(reader, poll.Interval, poll.Timeout);

        TelegramKeys.ReadInterfaceScope(reader, poll.InterfaceScope);
        reader.ReportUnknownKeys();
        return poll;
    }
}
