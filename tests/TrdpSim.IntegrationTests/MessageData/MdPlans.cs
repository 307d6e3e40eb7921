using TrdpSim.IntegrationTests.Daemon;

namespace TrdpSim.IntegrationTests.MessageData;

/// <summary>MD plans on their own loopback block and MD port, so tests can run in parallel.</summary>
internal static class MdPlans
{
    public static RunPlan Pair(out uint caller, out uint replier, out ushort mdPort)
    {
        var (net, port) = LoopbackPlans.Allocate();
        caller = net | 2;
        replier = net | 3;
        mdPort = (ushort)(port + 1);
        var plan = new RunPlan { Name = "md" };
        plan.Network.PdPort = port;
        plan.Network.MdPort = mdPort;
        plan.Metrics.Enabled = false;
        plan.Devices.Add(new DevicePlan { Name = "caller", Address = caller });
        plan.Devices.Add(new DevicePlan { Name = "replier", Address = replier });
        return plan;
    }

    public static MdCounters Counters(RunHost host, string name, MdRole role)
    {
        foreach (var group in host.Telemetry.MdGroups)
        {
            if (group.Name == name && group.Role == role)
            {
                return group.Counters;
            }
        }

        throw new InvalidOperationException($"no MD group {name}");
    }

    public static MdGroup Group(RunHost host, string name, MdRole role)
    {
        foreach (var group in host.Telemetry.MdGroups)
        {
            if (group.Name == name && group.Role == role)
            {
                return group;
            }
        }

        throw new InvalidOperationException($"no MD group {name}");
    }

    public static async Task<RunHost> RunAsync(RunPlan plan, int milliseconds, Func<RunHost, bool>? until = null)
    {
        var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        await Task.Delay(milliseconds);

        // On a loaded machine the run may need longer to reach its point: wait (bounded) for it.
        for (var i = 0; until is not null && !until(host) && i < 50; i++)
        {
            await Task.Delay(100);
        }

        await host.StopAsync();
        return host;
    }
}
