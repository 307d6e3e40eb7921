using TrdpSim.DeviceXml;
using TrdpSim.Plan.Addresses;
using TrdpSim.Tests.Faults;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.DeviceXml;

/// <summary>Issue 12: a device file's several bus interfaces are one multi-homed device (its <c>interfaces</c>), a
/// <c>pd-parameter redundant</c> group across device files is a redundancy group; the import writes
/// <c>interfaces</c>, reads back to the same plan, and puts the frames of a hand-written TOML on the wire.</summary>
public sealed class XmlMultiHomingTests
{
    /// <summary>A controller on two networks sending its status on both, to a display on both networks.</summary>
    private const string Ccu = """
        <?xml version="1.0" encoding="UTF-8"?>
        <device host-name="ccu">
          <bus-interface-list>
            <bus-interface network-id="1" name="eth0" host-ip="10.0.8.10">
              <telegram name="status" com-id="1101" data-set-id="1102"><pd-parameter cycle="50000"/><destination uri="10.0.8.20"/></telegram>
            </bus-interface>
            <bus-interface network-id="2" name="eth1" host-ip="10.0.9.10">
              <telegram name="status" com-id="1101" data-set-id="1102"><pd-parameter cycle="50000"/><destination uri="10.0.9.20"/></telegram>
            </bus-interface>
          </bus-interface-list>
          <data-set-list><data-set name="status" id="1102"><element name="life" type="UINT32"/></data-set></data-set-list>
        </device>
        """;

    private const string Display = """
        <?xml version="1.0" encoding="UTF-8"?>
        <device host-name="disp">
          <bus-interface-list>
            <bus-interface network-id="1" name="eth0" host-ip="10.0.8.20">
              <telegram name="status" com-id="1101" data-set-id="1102" type="sink"><pd-parameter timeout="200000"/><source uri1="10.0.8.10"/></telegram>
            </bus-interface>
            <bus-interface network-id="2" name="eth1" host-ip="10.0.9.20">
              <telegram name="status" com-id="1101" data-set-id="1102" type="sink"><pd-parameter timeout="200000"/><source uri1="10.0.9.10"/></telegram>
            </bus-interface>
          </bus-interface-list>
          <data-set-list><data-set name="status" id="1102"><element name="life" type="UINT32"/></data-set></data-set-list>
        </device>
        """;

    /// <summary>The same train, written by hand from configs/README.md ("Multi-homing").</summary>
    private const string HandWritten = """
        [run]
        name = "ccu"

        [import.address-map]
        "10.0.0.0/16" = "127.88.0.0/16"

        [[dataset]]
        id = 1102
        name = "status"
        element = [{ name = "life", type = "UINT32" }]

        [[device]]
        name = "ccu"
        interfaces = ["10.0.8.10", "10.0.9.10"]
        publish = [{ name = "status", com-id = 1101, dataset = 1102, cycle = "50ms", destination = "10.0.8.20" }]

        [[device]]
        name = "disp"
        interfaces = ["10.0.8.20", "10.0.9.20"]
        subscribe = [{ name = "status", com-id = 1101, source = "10.0.8.10", timeout = "200ms" }]
        """;

    private static string Redundant(string host, string address) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <device host-name="{host}">
          <bus-interface-list>
            <bus-interface network-id="1" name="eth0" host-ip="{address}">
              <telegram name="status" com-id="1101" data-set-id="1102"><pd-parameter cycle="50000" redundant="5"/><destination uri="10.0.8.20"/></telegram>
            </bus-interface>
          </bus-interface-list>
          <data-set-list><data-set name="status" id="1102"><element name="life" type="UINT32"/></data-set></data-set-list>
        </device>
        """;

    private static XmlPlanResult Train() => XmlPlanLoader.LoadTexts([new XmlSource("ccu.xml", Ccu), new XmlSource("disp.xml", Display)]);

    [Fact]
    public void Two_bus_interfaces_of_one_file_are_one_device_with_two_interfaces_not_a_redundancy_follower()
    {
        XmlPlanResult result = Train();

        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;
        Assert.Equal(["ccu", "disp"], plan.Devices.Select(d => d.Name));
        DevicePlan ccu = plan.Devices[0];
        Assert.Equal(0x0A00080Au, ccu.Address);
        Assert.Equal([0x0A00080Au, 0x0A00090Au], ccu.Interfaces);
        // The telegram both interfaces declare is one publication, sent from each interface.
        PublicationPlan status = Assert.Single(ccu.Publications);
        Assert.Equal((0x0A000814u, 0u), (status.Destination, status.RedundancyGroup));
        SubscriptionPlan heard = Assert.Single(plan.Devices[1].Subscriptions);
        Assert.Equal(0x0A00080Au, heard.Source);
        // The second interface's destination and source are the other device's other address: nothing is lost.
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_redundant_group_across_two_files_stays_a_redundancy_group()
    {
        XmlPlanResult result = XmlPlanLoader.LoadTexts([new XmlSource("ccu-a.xml", Redundant("ccu-a", "10.0.8.11")),
            new XmlSource("ccu-b.xml", Redundant("ccu-b", "10.0.8.12")), new XmlSource("disp.xml", Display)]);

        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;
        Assert.Equal(["ccu-a", "ccu-b", "disp"], plan.Devices.Select(d => d.Name));
        Assert.All(plan.Devices.Take(2), d => Assert.Empty(d.Interfaces));
        Assert.All(plan.Devices.Take(2), d => Assert.Equal(5u, Assert.Single(d.Publications).RedundancyGroup));

        plan.AddressMap.Rules.Add(new AddressMapRule(0x0A000000, 0x7F580000, 16, new SourceLocation("--address-map", 0, 0)));
        Assert.Empty(AddressMapper.Apply(plan));
        using var h = new FaultHarness(plan);
        h.RunFor(TimeSpan.FromSeconds(1));
        var groups = h.Run.Telemetry.Groups.ToDictionary(g => g.Device + "/" + g.Name);
        Assert.InRange(groups["ccu-a/status"].Totals().Sent, 19, 21); // the leader sends
        Assert.Equal(0, groups["ccu-b/status"].Totals().Sent); // the follower prepares and keeps silent
        Assert.True(groups["ccu-b/status"].Totals().FollowerCycles >= 19);
    }

    [Fact]
    public void The_import_writes_interfaces_and_reads_back_to_the_same_plan()
    {
        RunPlan fromXml = Train().Plan!;
        fromXml.AddressMap.Rules.Add(new AddressMapRule(0x0A000000, 0x7F580000, 16, new SourceLocation("--address-map", 0, 0)));

        string toml = TomlPlanWriter.Write(fromXml);
        PlanLoadResult back = TomlPlanLoader.Load(toml, "back.toml");

        Assert.Contains("interfaces = [\"10.0.8.10\", \"10.0.9.10\"] # play as 127.88.8.10, 127.88.9.10", toml, StringComparison.Ordinal);
        Assert.True(back.Success, back.FormatErrors() + "\n" + toml);
        Assert.Empty(PlanComparer.Differences(fromXml, back.Plan!));
        Assert.Empty(AddressMapper.Apply(fromXml));
        Assert.Empty(AddressMapper.Apply(back.Plan!));
        Assert.Empty(PlanComparer.Differences(fromXml, back.Plan!));
        Assert.Equal([0x7F58080Au, 0x7F58090Au], back.Plan!.Devices[0].Interfaces);
    }

    [Fact]
    public void The_imported_multi_homed_train_sends_the_frames_of_the_hand_written_one()
    {
        RunPlan fromXml = Train().Plan!;
        fromXml.AddressMap.Rules.Add(new AddressMapRule(0x0A000000, 0x7F580000, 16, new SourceLocation("--address-map", 0, 0)));
        PlanLoadResult byImport = TomlPlanLoader.Load(TomlPlanWriter.Write(fromXml), "imported.toml");
        Assert.True(byImport.Success, byImport.FormatErrors());
        PlanLoadResult byHand = TomlPlanLoader.Load(HandWritten, "ccu.toml");
        Assert.True(byHand.Success, byHand.FormatErrors());

        (ulong hash, long frames, long received, string paths) = Play(fromXml);

        Assert.InRange(frames, 78, 82); // 40 cycles in 2 s, from each of two interfaces
        Assert.InRange(received, 39, 41); // each counter once
        Assert.Equal("a>a b>a", paths); // both copies to the display's first address, one per source interface
        Assert.Equal((hash, frames, received, paths), Play(byHand.Plan!));
        Assert.Equal((hash, frames, received, paths), Play(byImport.Plan!));
    }

    [Theory]
    [InlineData("""<bus-interface network-id="2" name="eth1" host-ip="10.0.8.10"/>""", "has the address 10.0.8.10 of device 'ccu'")]
    [InlineData("""<bus-interface network-id="2" name="eth1"/>""", "<bus-interface> needs a host-ip")]
    [InlineData("""<bus-interface network-id="2" name="eth1" host-ip="10.0.9.10"><telegram name="status" com-id="1102" data-set-id="1102"><destination uri="10.0.9.20"/></telegram></bus-interface>""",
        "device 'ccu' has two publications named 'status'")]
    [InlineData("""<bus-interface network-id="2" name="b" host-ip="10.0.9.1"/><bus-interface network-id="3" name="c" host-ip="10.0.9.2"/><bus-interface network-id="4" name="d" host-ip="10.0.9.3"/><bus-interface network-id="4" name="e" host-ip="10.0.9.4"/>""",
        "<device> has 5 <bus-interface>s; a device has at most 4")]
    public void A_malformed_second_interface_is_a_located_error(string second, string message)
    {
        string xml = System.Text.RegularExpressions.Regex.Replace(Ccu, "<bus-interface network-id=\"2\".*?</bus-interface>", second,
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.NotEqual(Ccu, xml);

        XmlPlanResult result = XmlPlanLoader.Load(xml, "ccu.xml");

        Assert.False(result.Success);
        PlanError error = Assert.Single(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal("ccu.xml", error.Location.File);
        Assert.True(error.Location.Line > 1, error.ToString());
    }

    /// <summary>Plays the train (<see cref="WirePlay"/>) and names the display's paths that received frames.</summary>
    private static (ulong Hash, long Frames, long Received, string Paths) Play(RunPlan plan)
    {
        string paths = "";
        var (hash, frames, received) = WirePlay.Play(plan, run =>
        {
            var subscription = run.Telemetry.Groups.Single(g => g.Device == "disp");
            paths = string.Join(' ', subscription.Paths!.Where(p => p.Received > 0).Select(p => p.Name));
        });
        return (hash, frames, received, paths);
    }
}
