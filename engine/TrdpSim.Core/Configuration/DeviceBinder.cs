using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds <c>[[device]]</c> tables with their publications, subscriptions, pulls, MD callers and repliers.</summary>
internal static class DeviceBinder
{
    /// <summary>Binds one <c>[[device]]</c> table.</summary>
    public static DevicePlan Bind(TomlTableNode table, PlanErrorSink errors)
    {
        var device = new DevicePlan { Origin = table.Origin };
        var reader = new TomlTableReader(table, "[[device]]", errors, device.Keys);
        if (reader.TryRequiredString("name", out string name))
        {
            device.Name = name;
        }

        reader.TryAddressArray("interfaces", device.Interfaces, out _);
        if (reader.TryAddress("address", out uint address, out _))
        {
            device.Address = address;
        }
        else if (device.Interfaces.Count > 0)
        {
            device.Address = device.Interfaces[0]; // a multi-homed device's first interface is its address
        }
        else if (table.Find("address") is null && table.Find("interfaces") is null)
        {
            reader.Missing("address");
        }

        device.EtbTopoCount = TelegramKeys.TopoCount(reader, "etb-topo-count");
        device.OpTrainTopoCount = TelegramKeys.TopoCount(reader, "op-train-topo-count");
        reader.BindAll("publish", device.Publications, PublicationBinder.Bind);
        reader.BindAll("subscribe", device.Subscriptions, SubscriptionBinder.Bind);
        reader.BindAll("pull", device.PullRequests, PullRequestBinder.Bind);
        reader.BindAll("poll-statistics", device.StatisticsPolls, StatisticsPollBinder.Bind);
        reader.BindAll("md-call", device.MdCallers, MdCallerBinder.Bind);
        reader.BindAll("md-reply", device.MdRepliers, MdReplierBinder.Bind);
        reader.ReportUnknownKeys();
        return device;
    }
}
