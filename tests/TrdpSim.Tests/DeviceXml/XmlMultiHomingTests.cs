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
    public void TwoBusInterfacesOfOneFileAreOneDeviceWithTwoInterfacesNotARedundancyFollower()
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
    public void ARedundantGroupAcrossTwoFilesStaysARedundancyGroup()
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
    public void TheImportWritesInterfacesAndReadsBackToTheSamePlan()
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
    public void TheImportedMultiHomedTrainSendsTheFramesOfTheHandWrittenOne()
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

    /// <summary>A gateway whose second network reaches another device under test (10.0.9.30, not in the train): the same
    /// telegrams on eth1 name that device instead of eth0's display.</summary>
    private const string Gateway = """
        <?xml version="1.0" encoding="UTF-8"?>
        <device host-name="gw">
          <bus-interface-list>
            <bus-interface network-id="1" name="eth0" host-ip="10.0.8.10">
              <telegram name="status" com-id="1101" data-set-id="1102"><pd-parameter cycle="50000"/><destination uri="10.0.8.20"/></telegram>
              <telegram name="cmd" com-id="1103" data-set-id="1102" type="sink"><pd-parameter timeout="200000"/><source uri1="10.0.8.20"/></telegram>
            </bus-interface>
            <bus-interface network-id="2" name="eth1" host-ip="10.0.9.10">
              <telegram name="status" com-id="1101" data-set-id="1102"><pd-parameter cycle="100000"/><destination uri="10.0.9.30"/></telegram>
              <telegram name="cmd" com-id="1103" data-set-id="1102" type="sink"><pd-parameter timeout="300000"/><source uri1="10.0.9.30"/></telegram>
            </bus-interface>
          </bus-interface-list>
          <data-set-list><data-set name="status" id="1102"><element name="life" type="UINT32"/></data-set></data-set-list>
        </device>
        """;

    [Fact]
    public void ATelegramALaterInterfaceDeclaresWithAnotherAddressPlaysThereAsItsOwnItem()
    {
        XmlPlanResult result = XmlPlanLoader.Load(Gateway, "gw.xml");

        Assert.True(result.Success, result.FormatErrors());
        Assert.Empty(result.Warnings);
        DevicePlan gw = result.Plan!.Devices[0];
        Assert.Equal([("status", 0x0A000814u, "a", 50), ("status@b", 0x0A00091Eu, "b", 100)],
            gw.Publications.Select(p => (p.Name, p.Destination, string.Join(',', p.InterfaceScope), (int)p.Cycle.TotalMilliseconds)));
        Assert.Equal([("cmd", 0x0A000814u, "a", 200), ("cmd@b", 0x0A00091Eu, "b", 300)],
            gw.Subscriptions.Select(s => (s.Name, s.Source, string.Join(',', s.InterfaceScope), (int)s.Timeout!.Value.TotalMilliseconds)));

        // The import writes the copy as an item of its own and reads back to the same plan.
        result.Plan.AddressMap.Rules.Add(new AddressMapRule(0x0A000000, 0x7F580000, 16, new SourceLocation("--address-map", 0, 0)));
        string toml = TomlPlanWriter.Write(result.Plan);
        Assert.Contains("name = \"status@b\"", toml, StringComparison.Ordinal);
        PlanLoadResult back = TomlPlanLoader.Load(toml, "gw.toml");
        Assert.True(back.Success, back.FormatErrors() + "\n" + toml);
        Assert.Empty(PlanComparer.Differences(result.Plan, back.Plan!));

        // Played: status every 50 ms from eth0 to the display, every 100 ms from eth1 to the other device, nothing else.
        Assert.Empty(AddressMapper.Apply(back.Plan!));
        var frames = new List<(uint Source, uint Destination)>();
        using (var h = new FaultHarness(back.Plan!, (source, destination, payload) =>
        {
            if (PdFrame.TryDecode(payload, out var header) == FrameCheck.Ok && header.ComId == 1101)
            {
                frames.Add((source.Address, destination.Address));
            }
        }))
        {
            h.RunFor(TimeSpan.FromSeconds(1));
        }

        var byPath = frames.GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, byPath.Count);
        Assert.InRange(byPath[(0x7F58080Au, 0x7F580814u)], 19, 21);
        Assert.InRange(byPath[(0x7F58090Au, 0x7F58091Eu)], 9, 11);
    }

    [Fact]
    public void ACopyWhoseInterfaceNameIsTakenIsStillReportedAsNotPlayed()
    {
        string xml = Gateway.Replace("""<telegram name="cmd" com-id="1103" data-set-id="1102" type="sink"><pd-parameter timeout="200000"/>""",
            """<telegram name="status@b" com-id="1104" data-set-id="1102"><pd-parameter cycle="50000"/><destination uri="10.0.8.21"/></telegram><telegram name="cmd" com-id="1103" data-set-id="1102" type="sink"><pd-parameter timeout="200000"/>""",
            StringComparison.Ordinal);
        Assert.NotEqual(Gateway, xml);

        XmlPlanResult result = XmlPlanLoader.Load(xml, "gw.xml");

        Assert.True(result.Success, result.FormatErrors());
        PlanWarning warning = Assert.Single(result.Warnings);
        Assert.StartsWith("the publication of a later bus interface with another address not played yet", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'status@b'", warning.Message, StringComparison.Ordinal);
        DevicePlan gw = result.Plan!.Devices[0];
        Assert.Equal(["status", "status@b"], gw.Publications.Select(p => p.Name));
        Assert.Equal(0x0A000814u, gw.Publications[0].Destination);
        Assert.Equal(["cmd", "cmd@b"], gw.Subscriptions.Select(s => s.Name));
    }

    [Theory]
    [InlineData("""<bus-interface network-id="2" name="eth1" host-ip="10.0.8.10"/>""", "has the address 10.0.8.10 of device 'ccu'")]
    [InlineData("""<bus-interface network-id="2" name="eth1"/>""", "<bus-interface> needs a host-ip")]
    [InlineData("""<bus-interface network-id="2" name="eth1" host-ip="10.0.9.10"><telegram name="status" com-id="1102" data-set-id="1102"><destination uri="10.0.9.20"/></telegram></bus-interface>""",
        "device 'ccu' has two publications named 'status'")]
    [InlineData("""<bus-interface network-id="2" name="b" host-ip="10.0.9.1"/><bus-interface network-id="3" name="c" host-ip="10.0.9.2"/><bus-interface network-id="4" name="d" host-ip="10.0.9.3"/><bus-interface network-id="4" name="e" host-ip="10.0.9.4"/>""",
        "<device> has 5 <bus-interface>s; a device has at most 4")]
    public void AMalformedSecondInterfaceIsALocatedError(string second, string message)
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
