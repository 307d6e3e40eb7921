using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.subscribe]]</c> table.</summary>
internal static class SubscriptionBinder
{
    public static SubscriptionPlan Bind(TomlTableNode table, PlanErrorSink errors)
    {
        var subscription = new SubscriptionPlan { Origin = table.Origin };
        var reader = new TomlTableReader(table, "[[device.subscribe]]", errors, subscription.Keys);
        (subscription.ComId, subscription.Name) = TelegramKeys.ReadIdentity(reader, "pd-");
        (subscription.Count, subscription.ComIdStep) = TelegramKeys.ReadRange(reader);
        subscription.Source = Address(reader, "source");
        subscription.Source2 = Address(reader, "source2");
        subscription.Destination = Address(reader, "destination");
        if (reader.TryDuration("timeout", true, out TimeSpan timeout, out _))
        {
            subscription.Timeout = timeout;
        }

        if (reader.TryWord("timeout-behavior", PlanWords.TimeoutBehaviors, out TimeoutBehavior behavior))
        {
            subscription.TimeoutBehavior = behavior;
        }

        subscription.EtbTopoCount = TelegramKeys.TopoCount(reader, "etb-topo-count");
        subscription.OpTrainTopoCount = TelegramKeys.TopoCount(reader, "op-train-topo-count");
        if (reader.TryDuration("expected-cycle", false, out TimeSpan expected, out _))
        {
            subscription.ExpectedCycle = expected;
        }

        TelegramKeys.ReadInterfaceScope(reader, subscription.InterfaceScope);
        reader.ReportUnknownKeys();
        return subscription;
    }

    private static uint Address(TomlTableReader reader, string key) =>
        reader.TryAddress(key, out uint address, out _) ? address : 0;
}
