using TrdpSim.DeviceXml;
using TrdpSim.Plan.Validation;
using TrdpSim.Protocol;
using TrdpSim.Tests.DeviceXml;

namespace TrdpSim.Tests.Composition;

/// <summary>Issue 12: a multi-homed device's telegram tied to some of its interfaces (<c>interfaces = ["b"]</c>) plays
/// there only — sent from those interfaces, heard on those — in TOML, JavaScript and XML alike; the validator names an
/// interface the device lacks.</summary>
public sealed class InterfaceScopeTests
{
    private const uint SecondInterface = 0x0A000212;
    private const uint SecondSubscriberInterface = ControlHarness.SecondSubscriberInterface;

    [Fact]
    public void APublicationScopedToTheSecondInterfaceLeavesFromItOnly()
    {
        RunPlan plan = ControlHarness.TwoDevices();
        plan.Devices[0].Interfaces.AddRange([ControlHarness.PublisherAddress, SecondInterface]);
        plan.Devices[0].Publications[0].InterfaceScope.Add("b");
        using var h = new ControlHarness(plan);
        h.RunFor(TimeSpan.FromMilliseconds(200));

        Assert.InRange(h.Sent.Sent, 18, 21); // ~20 cycles from one interface, not from both
        var publication = h.Publication();
        Assert.Equal("b", publication.Outlet.Interface);
        Assert.Null(publication.PathOutlets);
        // The subscriber of the multi-homed source counts every copy on path b, none on a.
        var paths = h.Group("in").Paths!;
        Assert.Equal(["a", "b"], paths.Select(p => p.Name));
        Assert.Equal(0, paths[0].Received);
        Assert.Equal(h.Received.Received, paths[1].Received);
        Assert.InRange(h.Received.Received, 18, 21);
    }

    [Fact]
    public void ASubscriptionScopedToOneInterfaceIgnoresCopiesArrivingOnAnother()
    {
        RunPlan plan = ControlHarness.TwoDevices();
        plan.Devices[1].Interfaces.AddRange([ControlHarness.SubscriberAddress, SecondSubscriberInterface]);
        plan.Devices[1].Subscriptions[0].InterfaceScope.Add("a");
        plan.Devices[0].Publications[0].Destination = SecondSubscriberInterface; // arrives on B's interface b only
        using var h = new ControlHarness(plan);
        h.RunFor(TimeSpan.FromMilliseconds(200));

        Assert.Equal(0, h.Received.Received);
        Assert.InRange(h.Run.Telemetry.Rejects.Get(RejectReason.NoSubscription), 18, 21); // b's session has no such subscription
    }

    [Fact]
    public void ASubscriptionScopedToTheArrivalInterfaceHearsItAndCountsNoPaths()
    {
        RunPlan plan = ControlHarness.TwoDevices();
        plan.Devices[1].Interfaces.AddRange([ControlHarness.SubscriberAddress, SecondSubscriberInterface]);
        plan.Devices[1].Subscriptions[0].InterfaceScope.Add("b");
        plan.Devices[0].Publications[0].Destination = SecondSubscriberInterface;
        using var h = new ControlHarness(plan);
        h.RunFor(TimeSpan.FromMilliseconds(200));

        Assert.InRange(h.Received.Received, 18, 21);
        Assert.Equal((0L, 0L), (h.Received.Lost, h.Received.Timeouts));
        Assert.Null(h.Group("in").Paths); // one interface, one path: nothing to tell apart
    }

    [Fact]
    public void AGroupSubscriptionScopedToOneInterfaceJoinsTheGroupThereOnly()
    {
        const uint group = 0xEF606101; // 239.96.97.1
        RunPlan plan = ControlHarness.GroupToTwoInterfaceSubscriber(group);
        plan.Devices[1].Subscriptions[0].InterfaceScope.Add("b");
        using var h = new ControlHarness(plan);
        h.RunFor(TimeSpan.FromMilliseconds(200));

        var b = h.Run.Devices[1];
        Assert.Equal([1], b.Receivers.Where(r => r.Dispatcher == b.Multicast).Select(r => r.Face));
        Assert.InRange(h.Received.Received, 18, 21);
        Assert.Equal((0L, 0L), (h.Received.Duplicates, h.Received.Lost));
    }

    [Theory]
    [InlineData(2, "c", "device 'A' publish 'out': no interface 'c' (the device has a, b)")]
    [InlineData(0, "b", "device 'A' publish 'out': no interface 'b' (the device has only 'a')")]
    [InlineData(2, "x", "device 'A' publish 'out': no interface 'x' (the device has a, b)")]
    public void AScopeNamingAnInterfaceTheDeviceLacksIsRefusedNamingItemAndInterface(int interfaces, string face, string message)
    {
        RunPlan plan = ControlHarness.TwoDevices();
        if (interfaces > 1)
        {
            plan.Devices[0].Interfaces.AddRange([ControlHarness.PublisherAddress, SecondInterface]);
        }

        plan.Devices[0].Publications[0].InterfaceScope.Add(face);
        var error = Assert.Single(PlanValidator.Validate(plan));
        Assert.EndsWith(message, error.Message, StringComparison.Ordinal); // after the item's label (a plan built in code has no file)
    }

    [Fact]
    public void TheTomlKeyIsReadValidatedAtItsValueAndWrittenBack()
    {
        const string toml = """
            [[device]]
            name = "gw"
            interfaces = ["127.0.96.1", "127.0.97.1"]
            publish = [{ name = "st", com-id = 9601, cycle = "100ms", destination = "127.0.96.2", interfaces = ["b"] }]
            subscribe = [{ name = "in", com-id = 9602, interfaces = ["a"] }]
            pull = [{ name = "p", com-id = 9603, target = "127.0.96.2", interfaces = ["b"] }]
            md-call = [{ name = "c", com-id = 9604, destination = "127.0.96.2", interfaces = ["b"] }]
            md-reply = [{ name = "r", com-id = 9605, interfaces = ["a", "b"] }]
            poll-statistics = [{ name = "s", target = "127.0.96.3", interfaces = ["b"] }]
            """;
        var result = TomlPlanLoader.Load(toml, "scope.toml").Validated();
        Assert.True(result.Success, result.FormatErrors());
        var device = result.Plan!.Devices[0];
        Assert.Equal(["b"], device.Publications[0].InterfaceScope);
        Assert.Equal(["a"], device.Subscriptions[0].InterfaceScope);
        Assert.Equal(["b"], device.PullRequests[0].InterfaceScope);
        Assert.Equal(["b"], device.MdCallers[0].InterfaceScope);
        Assert.Equal(["a", "b"], device.MdRepliers[0].InterfaceScope);
        Assert.Equal(["b"], device.StatisticsPolls[0].InterfaceScope);

        var back = TomlPlanLoader.Load(TomlPlanWriter.Write(result.Plan), "back.toml");
        Assert.True(back.Success, back.FormatErrors());
        Assert.Empty(PlanComparer.Differences(result.Plan, back.Plan!));

        var wrong = TomlPlanLoader.Load(toml.Replace("interfaces = [\"a\", \"b\"]", "interfaces = [\"a\", \"d\"]", StringComparison.Ordinal), "wrong.toml").Validated();
        var error = Assert.Single(wrong.Errors);
        Assert.Equal("device 'gw' md-reply 'r': no interface 'd' (the device has a, b)", error.Message);
        Assert.Equal(("wrong.toml", 8), (error.Location.File, error.Location.Line));
    }

    [Fact]
    public void TheJavascriptOptionIsReadIntoThePlan()
    {
        const string script = """
            export default function (plan) {
              const gw = plan.device({ name: "gw", interfaces: ["127.0.96.1", "127.0.97.1"] });
              gw.publish({ name: "st", comId: 9601, destination: "127.0.96.2", interfaces: ["b"] });
              gw.mdReply({ name: "r", comId: 9605, interfaces: ["a", "b"] });
              gw.pollStatistics({ name: "s", target: "127.0.96.3", interfaces: ["b"] });
            }
            """;
        var result = ScenarioLoader.Load(script, "scope.js", new Dictionary<string, string>());
        Assert.True(result.Success, result.FormatErrors());
        Assert.Equal(["b"], result.Plan!.Devices[0].Publications[0].InterfaceScope);
        Assert.Equal(["a", "b"], result.Plan.Devices[0].MdRepliers[0].InterfaceScope);
        Assert.Equal(["b"], result.Plan.Devices[0].StatisticsPolls[0].InterfaceScope);
    }

    [Fact]
    public void AStatisticsPollScopeIsValidatedLikeAPullScope()
    {
        RunPlan plan = ControlHarness.TwoDevices();
        plan.Devices[0].Interfaces.AddRange([ControlHarness.PublisherAddress, SecondInterface]);
        var poll = new StatisticsPollPlan { Name = "dut", Target = ControlHarness.SubscriberAddress };
        poll.InterfaceScope.AddRange(["b", "c"]);
        plan.Devices[0].StatisticsPolls.Add(poll);

        var error = Assert.Single(PlanValidator.Validate(plan));
        Assert.EndsWith("device 'A' poll-statistics 'dut': no interface 'c' (the device has a, b)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnXmlTelegramOfTheSecondBusInterfaceOnlyPlaysThereOnly()
    {
        const string xml = """
            <device host-name="gw">
              <bus-interface-list>
                <bus-interface network-id="1" name="eth0" host-ip="10.0.8.10">
                  <telegram name="both" com-id="1101" data-set-id="1102"><pd-parameter cycle="50000"/><destination uri="10.0.8.20"/></telegram>
                </bus-interface>
                <bus-interface network-id="2" name="eth1" host-ip="10.0.9.10">
                  <telegram name="both" com-id="1101" data-set-id="1102"><pd-parameter cycle="50000"/><destination uri="10.0.8.20"/></telegram>
                  <telegram name="only-b" com-id="1103" data-set-id="1102"><pd-parameter cycle="50000"/><destination uri="10.0.8.20"/></telegram>
                </bus-interface>
              </bus-interface-list>
              <data-set-list><data-set name="status" id="1102"><element name="life" type="UINT32"/></data-set></data-set-list>
            </device>
            """;
        XmlPlanResult result = XmlPlanLoader.Load(xml, "gw.xml");

        Assert.True(result.Success, result.FormatErrors());
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("some bus interfaces", StringComparison.Ordinal));
        var device = result.Plan!.Devices[0];
        Assert.Empty(device.Publications.Single(p => p.Name == "both").InterfaceScope);
        Assert.Equal(["b"], device.Publications.Single(p => p.Name == "only-b").InterfaceScope);
        Assert.Contains("interfaces = [\"b\"]", TomlPlanWriter.Write(result.Plan), StringComparison.Ordinal);
    }
}
