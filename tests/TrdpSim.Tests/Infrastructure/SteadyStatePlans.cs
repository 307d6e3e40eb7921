namespace TrdpSim.Tests.Infrastructure;

/// <summary>The run the allocation budgets drive by hand: device A publishes 100 telegrams every 1 ms with three
/// field generators (counter, ramp, random) to device B, which subscribes to all of them.</summary>
internal static class SteadyStatePlans
{
    public const long Tick = 100_000;

    public static RunPlan PublisherAndSubscriber()
    {
        var plan = new RunPlan { Name = "alloc" };
        plan.Datasets.Add(Dataset());
        var a = new DevicePlan { Name = "A", Address = 0x0A000002 };
        var publication = new PublicationPlan
        {
            Name = "out", ComId = 5000, Count = 100, Cycle = TimeSpan.FromMilliseconds(1), DatasetId = 4001, Destination = 0x0A000003,
        };
        publication.Fields.Add(new FieldGeneratorPlan { Field = "counter", Kind = GeneratorKind.Counter });
        publication.Fields.Add(new FieldGeneratorPlan { Field = "speed", Kind = GeneratorKind.Ramp, Min = 0, Max = 100, Step = 0.5 });
        publication.Fields.Add(new FieldGeneratorPlan { Field = "noise", Kind = GeneratorKind.Random, Min = -5, Max = 5 });
        a.Publications.Add(publication);
        var b = new DevicePlan { Name = "B", Address = 0x0A000003 };
        b.Subscriptions.Add(new SubscriptionPlan { Name = "in", ComId = 5000, Count = 100, Source = 0x0A000002, Timeout = TimeSpan.FromMilliseconds(50) });
        plan.Devices.Add(a);
        plan.Devices.Add(b);
        return plan;
    }

    /// <summary>A wheel with the run's first sends scheduled, and every dispatcher's supervision started at time 0.</summary>
    public static TimingWheel Start(LiveRun run)
    {
        var wheel = new TimingWheel(Tick, 4096, 0);
        foreach (var start in run.Starts)
        {
            wheel.Schedule(start.Telegram, Tick + start.OffsetNanoseconds);
        }

        foreach (var device in run.Devices)
        {
            foreach (var (_, dispatcher) in device.Receivers)
            {
                dispatcher.Start(0);
            }
        }

        return wheel;
    }

    private static DatasetPlan Dataset()
    {
        var dataset = new DatasetPlan { Id = 4001, Name = "alloc" };
        dataset.Elements.Add(new DatasetElementPlan { Name = "counter", Type = "UINT32" });
        dataset.Elements.Add(new DatasetElementPlan { Name = "speed", Type = "REAL32" });
        dataset.Elements.Add(new DatasetElementPlan { Name = "noise", Type = "INT16" });
        dataset.Elements.Add(new DatasetElementPlan { Name = "tag", Type = "CHAR8", ArraySize = 16 });
        return dataset;
    }
}
