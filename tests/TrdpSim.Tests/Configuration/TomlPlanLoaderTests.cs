namespace TrdpSim.Tests.Configuration;

/// <summary>A valid file binds every key into the plan, with origins.</summary>
public sealed class TomlPlanLoaderTests
{
    private const string Toml = """
        [run]
        name = "demo"
        duration = "1m30s"
        seed = 7

        [network]
        pd-port = 20000
        md-port = 20001
        pd-qos = 3
        pd-ttl = 16
        default-pd-timeout = "250ms"
        traffic-shaping = false
        wheel-tick = "50us"
        wait = "Spin"
        transport = "in-memory"

        [metrics]
        enabled = false
        listen = "127.0.0.1:0"

        [[dataset]]
        id = 1001
        name = "status"
          [[dataset.element]]
          name = "life"
          type = "uint16"
          [[dataset.element]]
          name = "list"
          type = "INT8"
          array-size = 0
          [[dataset.element]]
          name = "inner"
          type = 1002

        [[dataset]]
        id = 1002
        name = "inner"
          [[dataset.element]]
          name = "a"
          type = "REAL64"

        [[device]]
        name = "tcms"
        address = "127.0.0.2"
        etb-topo-count = 5
        op-train-topo-count = 6

          [[device.publish]]
          com-id = 100
          count = 3
          com-id-step = 10
          dataset = 1001
          cycle = "1.5s"
          offset = "250us"
          destination = "239.1.1.1"
          destination-port = 17300
          etb-topo-count = 1
          op-train-topo-count = 2
          redundancy-group = 9
            [[device.publish.field]]
            field = "life"
            kind = "counter"
            value = 10
            step = 2
            [[device.publish.field]]
            field = "list[1]"
            kind = "sequence"
            values = [1, -2, 3.5]
            [[device.publish.field]]
            field = "inner.a"
            kind = "random"
            min = -1.5
            max = 1.5

          [[device.publish]]
          name = "pull-only"
          com-id = 200
          payload-length = 64
          cycle = 0
          destination = "127.0.0.3"

          [[device.subscribe]]
          com-id = 300
          source = "127.0.0.3"
          source2 = "127.0.0.4"
          destination = "239.2.2.2"
          timeout = "infinite"
          timeout-behavior = "keep"
          expected-cycle = "20ms"

          [[device.pull]]
          com-id = 400
          reply-com-id = 401
          target = "127.0.0.3"
          reply-address = "239.3.3.3"
          interval = "2s"
          timeout = "500ms"
        """;

    private static RunPlan Load()
    {
        PlanLoadResult result = TomlPlanLoader.Load(Toml, "demo.toml");
        Assert.True(result.Success, result.FormatErrors());
        return result.Plan!;
    }

    [Fact]
    public void BindsRunNetworkAndMetrics()
    {
        RunPlan plan = Load();

        Assert.Equal("demo", plan.Name);
        Assert.Equal("demo.toml", plan.SourcePath);
        Assert.Equal(TimeSpan.FromSeconds(90), plan.Duration);
        Assert.Equal(7ul, plan.Seed);
        Assert.Equal(20000, plan.Network.PdPort);
        Assert.Equal(20001, plan.Network.MdPort);
        Assert.Equal(3, plan.Network.PdQos);
        Assert.Equal(16, plan.Network.PdTtl);
        Assert.Equal(TimeSpan.FromMilliseconds(250), plan.Network.DefaultPdTimeout);
        Assert.False(plan.Network.TrafficShaping);
        Assert.True(plan.Network.PdStatistics);
        Assert.Equal(TimeSpan.FromMicroseconds(50), plan.Network.WheelTick);
        Assert.Equal(WaitMode.Spin, plan.Network.Wait);
        Assert.Equal(TransportKind.InMemory, plan.Network.Transport);
        Assert.False(plan.Metrics.Enabled);
        Assert.Equal("127.0.0.1:0", plan.Metrics.Listen);
    }

    [Fact]
    public void BindsDatasetsAndElements()
    {
        RunPlan plan = Load();

        Assert.Equal(2, plan.Datasets.Count);
        DatasetPlan status = plan.Datasets[0];
        Assert.Equal((1001u, "status"), (status.Id, status.Name));
        Assert.Equal(new SourceLocation("demo.toml", 21, 1), status.Origin);
        Assert.Equal("UINT16", status.Elements[0].Type);
        Assert.Equal(1, status.Elements[0].ArraySize);
        Assert.Equal(0, status.Elements[1].ArraySize);
        Assert.Equal("1002", status.Elements[2].Type);
        Assert.Equal(new SourceLocation("demo.toml", 24, 3), status.Elements[0].Origin);
        DatasetElementPlan inner = Assert.Single(plan.Datasets[1].Elements);
        Assert.Equal(("a", "REAL64"), (inner.Name, inner.Type));
        Assert.Equal(new SourceLocation("demo.toml", 38, 3), inner.Origin);
    }

    [Fact]
    public void BindsDevicesAndPublications()
    {
        RunPlan plan = Load();

        DevicePlan device = Assert.Single(plan.Devices);
        Assert.Equal(("tcms", 0x7F000002u, 5u, 6u), (device.Name, device.Address, device.EtbTopoCount, device.OpTrainTopoCount));
        Assert.Equal(new SourceLocation("demo.toml", 42, 1), device.Origin);

        PublicationPlan cyclic = device.Publications[0];
        Assert.Equal("pd-100", cyclic.Name);
        Assert.Equal((100u, 3, 10u, (uint?)1001u), (cyclic.ComId, cyclic.Count, cyclic.ComIdStep, cyclic.DatasetId));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), cyclic.Cycle);
        Assert.Equal(TimeSpan.FromMicroseconds(250), cyclic.Offset);
        Assert.Equal(0xEF010101u, cyclic.Destination);
        Assert.Equal((17300, 1u, 2u, 9u), (cyclic.DestinationPort, cyclic.EtbTopoCount, cyclic.OpTrainTopoCount, cyclic.RedundancyGroup));
        Assert.Equal(new SourceLocation("demo.toml", 48, 3), cyclic.Origin);

        Assert.Equal(3, cyclic.Fields.Count);
        FieldGeneratorPlan counter = cyclic.Fields[0];
        Assert.Equal(("life", GeneratorKind.Counter, 10d, 2d), (counter.Field, counter.Kind, counter.Value, counter.Step));
        Assert.Equal(new SourceLocation("demo.toml", 60, 5), counter.Origin);
        Assert.Equal(GeneratorKind.Sequence, cyclic.Fields[1].Kind);
        Assert.Equal([1d, -2d, 3.5d], cyclic.Fields[1].Values);
        Assert.Equal((GeneratorKind.Random, -1.5d, 1.5d), (cyclic.Fields[2].Kind, cyclic.Fields[2].Min, cyclic.Fields[2].Max));

        PublicationPlan pullOnly = device.Publications[1];
        Assert.Equal(("pull-only", 200u, (uint?)null, 64), (pullOnly.Name, pullOnly.ComId, pullOnly.DatasetId, pullOnly.PayloadLength));
        Assert.Equal(TimeSpan.Zero, pullOnly.Cycle);
        Assert.Null(pullOnly.Offset);
    }

    [Fact]
    public void BindsSubscriptionsAndPulls()
    {
        RunPlan plan = Load();
        DevicePlan device = plan.Devices[0];

        SubscriptionPlan subscription = Assert.Single(device.Subscriptions);
        Assert.Equal("pd-300", subscription.Name);
        Assert.Equal((0x7F000003u, 0x7F000004u, 0xEF020202u), (subscription.Source, subscription.Source2, subscription.Destination));
        Assert.Equal(Timeout.InfiniteTimeSpan, subscription.Timeout);
        Assert.Equal(TimeoutBehavior.Keep, subscription.TimeoutBehavior);
        Assert.Equal(TimeSpan.FromMilliseconds(20), subscription.ExpectedCycle);

        PullRequestPlan pull = Assert.Single(device.PullRequests);
        Assert.Equal(("pull-400", 400u, 401u), (pull.Name, pull.ComId, pull.ReplyComId));
        Assert.Equal((0x7F000003u, 0xEF030303u), (pull.Target, pull.ReplyAddress));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500)), (pull.Interval, pull.Timeout));
    }

    [Fact]
    public void DefaultsApplyToAnEmptyFile()
    {
        PlanLoadResult result = TomlPlanLoader.Load(string.Empty, "configs/empty.toml").Validated();

        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;
        Assert.Equal("empty", plan.Name);
        Assert.Null(plan.Duration);
        Assert.Equal(17224, plan.Network.PdPort);
        Assert.True(plan.Metrics.Enabled);
        Assert.Empty(plan.Devices);
    }

    [Fact]
    public void SubscriptionTimeoutDefaultsToTheNetworkValue()
    {
        const string toml = "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n[[device.subscribe]]\ncom-id = 1\n";
        SubscriptionPlan subscription = TomlPlanLoader.Load(toml, "t.toml").Validated().Plan!.Devices[0].Subscriptions[0];

        Assert.Null(subscription.Timeout);
        Assert.Equal((0u, 0u), (subscription.Source, subscription.Destination));
    }

    [Fact]
    public void StatisticsResponderCanBeSwitchedOff()
    {
        RunPlan plan = TomlPlanLoader.Load("[network]\npd-statistics = false\n[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n", "t.toml").Validated().Plan!;

        Assert.False(plan.Network.PdStatistics);
    }
}
