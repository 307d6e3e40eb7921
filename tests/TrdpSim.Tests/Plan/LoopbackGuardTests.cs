using TrdpSim.Plan.Addresses;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Plan;

/// <summary>Issue 12.5: no traffic leaves the machine by accident. Destinations outside 127.0.0.0/8, devices
/// outside it and groups sent or joined from outside it are refused unless the plan opts in; multicast from
/// a loopback device stays on lo and is allowed.</summary>
public sealed class LoopbackGuardTests
{
    private static readonly SourceLocation At = new("t.toml", 7, 3);

    [Fact]
    public void ALoopbackTrainWithMulticastPasses()
    {
        RunPlan plan = Plan(0x7F000002);
        plan.Devices[0].Publications.Add(new PublicationPlan { Name = "u", Destination = 0x7F000003, Origin = At });
        plan.Devices[0].Publications.Add(new PublicationPlan { Name = "m", Destination = 0xEF010101, Origin = At });
        plan.Devices[0].Subscriptions.Add(new SubscriptionPlan { Name = "j", Destination = 0xEF010101, Source = 0x0A000001 });
        plan.Devices[0].MdRepliers.Add(new MdReplierPlan { Name = "r", Group = 0xEF010102, Source = 0xC0A80001 });

        Assert.Empty(LoopbackGuard.Check(plan, datagramsOnTheWire: true));
    }

    [Fact]
    public void ADestinationOutsideLoopbackIsRefusedWithItsPlaceAndTheWayOut()
    {
        RunPlan plan = Plan(0x7F000002);
        plan.Devices[0].Publications.Add(new PublicationPlan { Name = "speed", Destination = 0x0A000005, Origin = At });
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "cmd", Destination = 0xC0A80A01, Origin = At });
        plan.Devices[0].PullRequests.Add(new PullRequestPlan { Name = "pull", Target = 0x7F000009, ReplyAddress = 0x08080808, Origin = At });

        List<PlanError> errors = LoopbackGuard.Check(plan, datagramsOnTheWire: true);

        Assert.Equal(4, errors.Count);
        Assert.Equal("t.toml:7:3: error: device 'ccu' publication 'speed' destination 10.0.0.5 is outside the loopback range 127.0.0.0/8", errors[0].ToString());
        Assert.Equal("device 'ccu' pull 'pull' reply-address 8.8.8.8 is outside the loopback range 127.0.0.0/8", errors[1].Message);
        Assert.Equal("device 'ccu' md-call 'cmd' destination 192.168.10.1 is outside the loopback range 127.0.0.0/8", errors[2].Message);
        Assert.Equal(SourceLocation.None, errors[3].Location);
        Assert.StartsWith("refusing to send outside the loopback range (8.8.8.8, 10.0.0.5, 192.168.10.1); map them onto loopback with --address-map, e.g. --address-map 8.8.8.8=127.0.0.2", errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("--allow-network or [network] allow-network = true", errors[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeviceOutsideLoopbackIsRefusedAndSoAreItsGroups()
    {
        RunPlan plan = Plan(0x0A00010A);
        plan.Devices[0].Publications.Add(new PublicationPlan { Name = "m", Destination = 0xEF010101, Origin = At });
        plan.Devices[0].Subscriptions.Add(new SubscriptionPlan { Name = "j", Destination = 0xEF010102, Origin = At });

        string[] messages = [.. LoopbackGuard.Check(plan, datagramsOnTheWire: true).Select(e => e.Message)];

        Assert.Equal(
        [
            "device 'ccu' address 10.0.1.10 is outside the loopback range 127.0.0.0/8: the device would send, answer and listen on a network",
            "device 'ccu' publication 'm' sends to the multicast group 239.1.1.1 from device address 10.0.1.10, outside the loopback range: the group is sent on a network",
            "device 'ccu' subscription 'j' joins the multicast group 239.1.1.2 on device address 10.0.1.10, outside the loopback range: the join reaches a network",
        ], messages[..3]);
        Assert.StartsWith("refusing to send outside the loopback range (10.0.1.10);", messages[3], StringComparison.Ordinal);
    }

    [Fact]
    public void OptingInLiftsTheRefusal()
    {
        RunPlan plan = Plan(0x0A00010A);
        plan.Network.AllowNetwork = true;

        Assert.Empty(LoopbackGuard.Check(plan, datagramsOnTheWire: true));
        Assert.Single(LoopbackGuard.Exposed(plan, datagramsOnTheWire: true));
    }

    [Fact]
    public void OnTheInMemoryNetworkOnlyTcpReachesRealSockets()
    {
        RunPlan plan = Plan(0x0A00010A);
        plan.Devices[0].Publications.Add(new PublicationPlan { Name = "p", Destination = 0x0A000005 });
        Assert.Empty(LoopbackGuard.Check(plan, datagramsOnTheWire: false));

        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "t", Destination = 0x0A000005, Protocol = MdProtocol.Tcp });
        plan.Devices[0].MdRepliers.Add(new MdReplierPlan { Name = "s", Protocol = MdProtocol.Tcp });
        string[] messages = [.. LoopbackGuard.Check(plan, datagramsOnTheWire: false).Select(e => e.Message)];

        Assert.Equal(3, messages.Length);
        Assert.StartsWith("device 'ccu' address 10.0.1.10", messages[0], StringComparison.Ordinal); // its TCP listener
        Assert.StartsWith("device 'ccu' md-call 't' destination 10.0.0.5", messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void TheSampleConfigurationsStayOnLoopback()
    {
        string configs = Path.Combine(RepositoryRoot.Require(), "configs");
        foreach (string file in Directory.GetFiles(configs, "*.toml"))
        {
            if (Path.GetFileName(file) == Configuration.DaemonConfigLoaderTests.SampleName)
            {
                continue; // the daemon's own config, not a plan
            }

            var result = TrdpSim.Configuration.TomlPlanLoader.LoadFile(file);
            Assert.True(result.Success, result.FormatErrors());
            Assert.Empty(LoopbackGuard.Check(result.Plan!, datagramsOnTheWire: true));
        }
    }

    private static RunPlan Plan(uint address)
    {
        var plan = new RunPlan();
        plan.Devices.Add(new DevicePlan { Name = "ccu", Address = address, Origin = At });
        return plan;
    }
}
