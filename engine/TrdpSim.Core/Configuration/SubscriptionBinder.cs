using System.Globalization;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds one <c>[[device.subscribe]]</c> table.</summary>
internal static class SubscriptionBinder
{
    private static readonly (string, TimeoutBehavior)[] BehaviorWords =
        [("zero", TimeoutBehavior.Zero), ("keep", TimeoutBehavior.Keep)];

    public static SubscriptionPlan Bind(TomlTableNode table, Dictionary<string, SourceLocation> names, PlanErrorSink errors)
    {
        var reader = new TomlTableReader(table, "[[device.subscribe]]", errors);
        var subscription = new SubscriptionPlan { Origin = table.Origin };
        TelegramKeys.TryComId(reader, out uint comId);
        subscription.ComId = comId;
        subscription.Name = TelegramKeys.ReadName(
            reader, "pd-" + comId.ToString(CultureInfo.InvariantCulture), "subscription", names);
        (subscription.Count, subscription.ComIdStep) = TelegramKeys.ReadRange(reader, comId);

        if (reader.TryAddress("source", AddressRule.Unicast, out uint source, out _))
        {
            subscription.Source = source;
        }

        if (reader.TryAddress("source2", AddressRule.Unicast, out uint source2, out SourceLocation at))
        {
            subscription.Source2 = source2;
            if (table.Find("source") is null)
            {
                reader.Error(at, "'source2' needs 'source'");
            }
        }

        if (reader.TryAddress("destination", AddressRule.Multicast, out uint group, out _))
        {
            subscription.Destination = group;
        }

        if (reader.TryDuration("timeout", true, out TimeSpan timeout, out at))
        {
            if (timeout == TimeSpan.Zero)
            {
                reader.Error(at, "'timeout' must be positive (or \"infinite\" for no supervision)");
            }
            else
            {
                subscription.Timeout = timeout;
            }
        }

        if (reader.TryWord("timeout-behavior", BehaviorWords, out TimeoutBehavior behavior))
        {
            subscription.TimeoutBehavior = behavior;
        }

        subscription.EtbTopoCount = TelegramKeys.TopoCount(reader, "etb-topo-count");
        subscription.OpTrainTopoCount = TelegramKeys.TopoCount(reader, "op-train-topo-count");
        if (reader.TryDuration("expected-cycle", false, out TimeSpan expected, out at))
        {
            if (expected < PublicationBinder.MinCycle)
            {
                reader.Error(at, "'expected-cycle' must be at least 1ms");
            }
            else
            {
                subscription.ExpectedCycle = expected;
            }
        }

        reader.ReportUnknownKeys();
        return subscription;
    }
}
