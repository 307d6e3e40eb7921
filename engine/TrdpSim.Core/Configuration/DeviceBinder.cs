using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds <c>[[device]]</c> tables with their publications, subscriptions, pulls, MD callers and repliers.</summary>
internal static class DeviceBinder
{
    public static void Bind(List<TomlTableNode> tables, RunPlan plan, PlanErrorSink errors)
    {
        foreach (TomlTableNode table in tables)
        {
            var device = new DevicePlan { Origin = table.Origin };
            var reader = new TomlTableReader(table, "[[device]]", errors, device.Keys);
            if (reader.TryString("name", out string name, out _))
            {
                device.Name = name;
            }
            else if (table.Find("name") is null)
            {
                reader.Missing("name");
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
            BindTelegrams(reader, device);
            reader.ReportUnknownKeys();
            plan.Devices.Add(device);
        }
    }

    private static void BindTelegrams(TomlTableReader reader, DevicePlan device)
    {
        BindAll(reader, "publish", device.Publications, PublicationBinder.Bind);
        BindAll(reader, "subscribe", device.Subscriptions, SubscriptionBinder.Bind);
        BindAll(reader, "pull", device.PullRequests, PullRequestBinder.Bind);
        BindAll(reader, "poll-statistics", device.StatisticsPolls, StatisticsPollBinder.Bind);
        BindAll(reader, "md-call", device.MdCallers, MdCallerBinder.Bind);
        BindAll(reader, "md-reply", device.MdRepliers, MdReplierBinder.Bind);
    }

    /// <summary>Binds every table of the array of tables <paramref name="key"/> with <paramref name="bind"/>, in order.</summary>
    private static void BindAll<T>(TomlTableReader reader, string key, List<T> into, Func<TomlTableNode, PlanErrorSink, T> bind)
    {
        foreach (TomlTableNode table in reader.TableArray(key))
        {
            into.Add(bind(table, reader.Errors));
        }
    }
}
