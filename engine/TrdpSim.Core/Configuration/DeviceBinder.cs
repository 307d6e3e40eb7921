using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds <c>[[device]]</c> tables with their publications, subscriptions, pulls, MD callers and repliers.</summary>
internal static class DeviceBinder
{
    public static void Bind(
        List<TomlTableNode> tables, RunPlan plan, Dictionary<uint, DatasetPlan> datasets, PlanErrorSink errors)
    {
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var addresses = new Dictionary<uint, SourceLocation>();
        foreach (TomlTableNode table in tables)
        {
            var reader = new TomlTableReader(table, "[[device]]", errors);
            var device = new DevicePlan { Origin = table.Origin };
            if (reader.TryString("name", out string name, out SourceLocation at))
            {
                device.Name = name;
                if (name.Length == 0)
                {
                    reader.Error(at, "'name' must not be empty");
                }
                else if (!names.TryAdd(name, table.Origin))
                {
                    reader.Error(at, $"duplicate device name '{name}' (first defined at {names[name]})");
                }
            }
            else if (table.Find("name") is null)
            {
                reader.Missing("name");
            }

            if (reader.TryAddress("address", AddressRule.Unicast, out uint address, out at))
            {
                device.Address = address;
                if (!addresses.TryAdd(address, table.Origin))
                {
                    reader.Error(at, $"duplicate device address {AddressParser.Format(address)} (first used at {addresses[address]})");
                }
            }
            else if (table.Find("address") is null)
            {
                reader.Missing("address");
            }

            device.EtbTopoCount = TelegramKeys.TopoCount(reader, "etb-topo-count");
            device.OpTrainTopoCount = TelegramKeys.TopoCount(reader, "op-train-topo-count");
            BindTelegrams(reader, device, datasets);
            reader.ReportUnknownKeys();
            plan.Devices.Add(device);
        }
    }

    private static void BindTelegrams(TomlTableReader reader, DevicePlan device, Dictionary<uint, DatasetPlan> datasets)
    {
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (TomlTableNode table in reader.TableArray("publish"))
        {
            PublicationPlan publication = PublicationBinder.Bind(table, datasets, names, reader.Errors);
            device.Publications.Add(publication);
        }

        names.Clear();
        foreach (TomlTableNode table in reader.TableArray("subscribe"))
        {
            device.Subscriptions.Add(SubscriptionBinder.Bind(table, names, reader.Errors));
        }

        names.Clear();
        foreach (TomlTableNode table in reader.TableArray("pull"))
        {
            device.PullRequests.Add(PullRequestBinder.Bind(table, names, reader.Errors));
        }

        names.Clear();
        foreach (TomlTableNode table in reader.TableArray("md-call"))
        {
            device.MdCallers.Add(MdCallerBinder.Bind(table, datasets, names, reader.Errors));
        }

        names.Clear();
        foreach (TomlTableNode table in reader.TableArray("md-reply"))
        {
            device.MdRepliers.Add(MdReplierBinder.Bind(table, datasets, names, reader.Errors));
        }
    }
}
