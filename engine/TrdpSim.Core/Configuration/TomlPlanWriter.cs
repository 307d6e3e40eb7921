using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;
using TrdpSim.Plan.Addresses;

namespace TrdpSim.Configuration;

/// <summary>Writes a <see cref="RunPlan"/> as a commented TOML configuration that <see cref="TomlPlanLoader"/>
/// reads back into the same plan (the TOML front end's other direction; used by <c>trdpsim import</c>).</summary>
/// <remarks>
/// <para>Every item gets a trailing comment with the place it came from (an XML element's
/// <c>file:line:col</c>), and an address the plan's address map rewrites gets the address it plays as. Keys
/// at their default are left out, except the ones a person looks for (names, com-ids, addresses, cycles,
/// rates), so the file stays short enough to edit.</para>
/// <para>Writes runs, network, metrics, the address map, datasets and devices with every telegram kind and
/// field generator. Faults, thresholds and scenarios have no writer yet: a plan with them is refused.
/// The plan's addresses are written as they are: give it before <see cref="AddressMapper.Apply"/>, so a
/// vehicle's real addresses stay next to the map that plays them elsewhere.</para>
/// </remarks>
public static partial class TomlPlanWriter
{
    /// <summary>The configuration text for <paramref name="plan"/>, after the <paramref name="header"/>
    /// comment lines.</summary>
    public static string Write(RunPlan plan, IReadOnlyList<string>? header = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Faults.Count > 0 || plan.Thresholds.Count > 0 || plan.Scenarios.Count > 0)
        {
            throw new ArgumentException("the TOML writer writes runs, networks, datasets and devices; this plan also has faults, thresholds or scenarios", nameof(plan));
        }

        if (plan.AddressMap.Applied)
        {
            throw new ArgumentException("the plan's addresses are already rewritten by its address map; write it before AddressMapper.Apply", nameof(plan));
        }

        var toml = new TomlSyntaxWriter();
        foreach (string line in header ?? [])
        {
            toml.Comment(line);
        }

        WriteRun(toml, plan);
        WriteNetwork(toml, plan.Network);
        WriteMetrics(toml, plan.Metrics);
        WriteImport(toml, plan.AddressMap);
        foreach (DatasetPlan dataset in plan.Datasets)
        {
            WriteDataset(toml, dataset);
        }

        foreach (DevicePlan device in plan.Devices)
        {
            WriteDevice(toml, plan, device);
        }

        return toml.ToString();
    }

    private static void WriteRun(TomlSyntaxWriter toml, RunPlan plan)
    {
        toml.BlankLine();
        toml.Table(0, "run");
        toml.String("name", plan.Name);
        if (plan.Duration is { } duration)
        {
            toml.String("duration", DurationParser.Format(duration));
        }
        else
        {
            toml.Comment("duration = \"60s\"       # absent: until stopped");
        }

        toml.Integer("seed", (long)plan.Seed);
    }

    private static void WriteNetwork(TomlSyntaxWriter toml, NetworkPlan network)
    {
        var defaults = new NetworkPlan();
        toml.BlankLine();
        toml.Comment("Session settings (TCNopen's pd-com-parameter, md-com-parameter, trdp-process); keys at their default are left out.");
        toml.Table(0, "network");
        Port(toml, "pd-port", network.PdPort, defaults.PdPort);
        Port(toml, "md-port", network.MdPort, defaults.MdPort);
        IfDiffers(toml, "pd-qos", network.PdQos, defaults.PdQos);
        IfDiffers(toml, "pd-ttl", network.PdTtl, defaults.PdTtl);
        IfDiffers(toml, "default-pd-timeout", network.DefaultPdTimeout, defaults.DefaultPdTimeout);
        IfDiffers(toml, "traffic-shaping", network.TrafficShaping, defaults.TrafficShaping);
        IfDiffers(toml, "pd-statistics", network.PdStatistics, defaults.PdStatistics);
        IfDiffers(toml, "md-qos", network.MdQos, defaults.MdQos);
        IfDiffers(toml, "md-ttl", network.MdTtl, defaults.MdTtl);
        IfDiffers(toml, "md-reply-timeout", network.MdReplyTimeout, defaults.MdReplyTimeout);
        IfDiffers(toml, "md-max-sessions", network.MdMaxSessions, defaults.MdMaxSessions);
        IfDiffers(toml, "md-tcp-idle-timeout", network.MdTcpIdleTimeout, defaults.MdTcpIdleTimeout);
        IfDiffers(toml, "md-tcp-reconnect-delay", network.MdTcpReconnectDelay, defaults.MdTcpReconnectDelay);
        IfDiffers(toml, "md-tcp-reconnect-max-delay", network.MdTcpMaxReconnectDelay, defaults.MdTcpMaxReconnectDelay);
        IfDiffers(toml, "wheel-tick", network.WheelTick, defaults.WheelTick);
        if (network.Wait != defaults.Wait)
        {
            toml.String("wait", network.Wait.ToString().ToLowerInvariant());
        }

        if (network.Transport != defaults.Transport)
        {
            toml.String("transport", network.Transport == TransportKind.InMemory ? "in-memory" : "udp");
        }

        if (network.AllowNetwork)
        {
            toml.Bool("allow-network", true, "sends outside the loopback range");
        }
        else
        {
            toml.Comment("allow-network = true     # needed to send to addresses outside 127.0.0.0/8 (see [import] address-map)");
        }
    }

    private static void WriteMetrics(TomlSyntaxWriter toml, MetricsPlan metrics)
    {
        var defaults = new MetricsPlan();
        if (metrics.Enabled == defaults.Enabled && metrics.Listen == defaults.Listen)
        {
            return;
        }

        toml.BlankLine();
        toml.Table(0, "metrics");
        IfDiffers(toml, "enabled", metrics.Enabled, defaults.Enabled);
        if (metrics.Listen != defaults.Listen)
        {
            toml.String("listen", metrics.Listen);
        }
    }

    private static void WriteImport(TomlSyntaxWriter toml, AddressMapPlan map)
    {
        toml.BlankLine();
        toml.Comment("Address map: the addresses below are written as the source gave them; before the run each one");
        toml.Comment("covered here plays at its rewritten address (the most specific rule wins; a.b.c.d/n rewrites a network).");
        toml.Table(0, "import", "address-map");
        if (map.Rules.Count == 0)
        {
            toml.Comment("\"10.0.0.221\" = \"127.0.0.2\"");
            toml.Comment("\"10.0.1.0/24\" = \"127.0.1.0/24\"");
        }

        foreach (AddressMapRule rule in map.Rules)
        {
            toml.String(rule.FromText, rule.ToText, Where(rule.Origin));
        }
    }

    private static void WriteDataset(TomlSyntaxWriter toml, DatasetPlan dataset)
    {
        toml.BlankLine();
        toml.TableArray(0, "dataset");
        toml.Integer("id", dataset.Id);
        toml.String("name", dataset.Name, Where(dataset.Origin));
        foreach (DatasetElementPlan element in dataset.Elements)
        {
            toml.TableArray(2, "dataset", "element");
            toml.String("name", element.Name);
            if (uint.TryParse(element.Type, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint nested))
            {
                toml.Integer("type", nested, "a nested dataset");
            }
            else
            {
                toml.String("type", element.Type);
            }

            if (element.ArraySize != 1)
            {
                toml.Integer("array-size", element.ArraySize, element.ArraySize == 0 ? "variable: the count is the element before" : null);
            }
        }
    }

    private static void IfDiffers(TomlSyntaxWriter toml, string key, long value, long fallback)
    {
        if (value != fallback)
        {
            toml.Integer(key, value);
        }
    }

    private static void IfDiffers(TomlSyntaxWriter toml, string key, TimeSpan value, TimeSpan fallback)
    {
        if (value != fallback)
        {
            toml.String(key, DurationParser.Format(value));
        }
    }

    private static void IfDiffers(TomlSyntaxWriter toml, string key, bool value, bool fallback)
    {
        if (value != fallback)
        {
            toml.Bool(key, value);
        }
    }

    private static void Port(TomlSyntaxWriter toml, string key, ushort value, ushort fallback) => IfDiffers(toml, key, value, fallback);

    /// <summary>A trailing comment naming where an item came from, or null when it has no place.</summary>
    private static string? Where(SourceLocation origin) => origin.File.Length == 0 ? null : "from " + origin;
}
