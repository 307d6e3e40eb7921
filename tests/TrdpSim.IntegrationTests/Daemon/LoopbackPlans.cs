namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>Small plans on loopback, each on its own 127.x.y.0/24 block and PD port so tests can run in parallel.</summary>
internal static class LoopbackPlans
{
    private static int _next = Random.Shared.Next(1, 200);

    /// <summary>A fresh (address base, PD port) pair: addresses 127.base.k, port unique per call.</summary>
    public static (uint Base, ushort Port) Allocate()
    {
        var n = Interlocked.Increment(ref _next);
        var block = (uint)(n % 250) + 1;
        var port = (ushort)(31000 + (n % 2000) + Random.Shared.Next(0, 10) * 2000);
        return (0x7F000000u | (block << 8), port);
    }

    /// <summary>Plays <paramref name="plan"/> (without metrics) for <paramref name="duration"/> and stops it; the stopped
    /// host keeps its telemetry for the test to read, and the caller disposes it.</summary>
    public static async Task<RunHost> PlayAsync(RunPlan plan, TimeSpan duration)
    {
        var host = RunHost.Create(plan, new RunHostOptions());
        try
        {
            await host.StartAsync();
            await Task.Delay(duration);
            await host.StopAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public static RunPlan Pair(int telegrams, TimeSpan cycle, TimeSpan timeout, out uint publisher, out uint subscriber)
    {
        var (net, port) = Allocate();
        publisher = net | 2;
        subscriber = net | 3;
        var plan = new RunPlan { Name = "pair" };
        plan.Network.PdPort = port;
        plan.Metrics.Enabled = false;
        var a = new DevicePlan { Name = "A", Address = publisher };
        a.Publications.Add(new PublicationPlan
        {
            Name = "out", ComId = 1000, Count = telegrams, Cycle = cycle, Destination = subscriber, PayloadLength = 24,
        });
        var b = new DevicePlan { Name = "B", Address = subscriber };
        b.Subscriptions.Add(new SubscriptionPlan
        {
            Name = "in", ComId = 1000, Count = telegrams, Source = publisher, Timeout = timeout,
        });
        plan.Devices.Add(a);
        plan.Devices.Add(b);
        return plan;
    }
}
