using TrdpSim.DeviceXml;

namespace TrdpSim.Tests.DeviceXml;

/// <summary>Issue 12.1: TCNopen device configurations become plan items as TCNopen's XML tool plays them,
/// with the XML position in every item's origin.</summary>
public sealed class XmlPlanLoaderTests
{
    [Fact]
    public void TheWireDocExampleReadsEveryTypeArrayAndNesting()
    {
        RunPlan plan = XmlSamples.Plan(XmlSamples.WireDocExample, "demo.xml");

        Assert.Equal("demo", plan.Name);
        Assert.Equal(2, plan.Datasets.Count);
        DatasetPlan inner = plan.Datasets[0];
        Assert.Equal((3001u, "inner"), (inner.Id, inner.Name));
        Assert.Equal(["a:UINT16:1", "b:UINT8:1"], inner.Elements.Select(Describe));
        DatasetPlan demo = plan.Datasets[1];
        Assert.Equal(
            ["flag:BOOL8:1", "tag:CHAR8:4", "w:UTF16:1", "i8:INT8:1", "i16:INT16:1", "i32:INT32:1", "i64:INT64:1", "u8:UINT8:1",
             "u16:UINT16:1", "u32:UINT32:1", "u64:UINT64:1", "r32:REAL32:1", "r64:REAL64:1", "t32:TIMEDATE32:1", "t48:TIMEDATE48:1",
             "t64:TIMEDATE64:1", "n:UINT16:1", "list:UINT8:0", "nested:3001:2"],
            demo.Elements.Select(Describe));
        (int line, int column) = TextPositions.Of(XmlSamples.WireDocExample, "element name=\"list\"");
        Assert.Equal(new SourceLocation("demo.xml", line, column), demo.Elements[17].Origin);
    }

    [Fact]
    public void TheWireDocExamplePublishesAndSubscribesAsTcnopenDoes()
    {
        RunPlan plan = XmlSamples.Plan(XmlSamples.WireDocExample, "demo.xml");

        DevicePlan device = Assert.Single(plan.Devices);
        Assert.Equal(("demoDev", 0x7F000001u), (device.Name, device.Address));
        PublicationPlan output = Assert.Single(device.Publications);
        Assert.Equal(("demoOut", 3000u, (uint?)3000u), (output.Name, output.ComId, output.DatasetId));
        Assert.Equal(TimeSpan.FromMilliseconds(500), output.Cycle);
        Assert.Equal(0x7F000001u, output.Destination);
        (int line, int column) = TextPositions.Of(XmlSamples.WireDocExample, "destination id=\"1\"");
        Assert.Equal(new SourceLocation("demo.xml", line, column), output.Origin);

        SubscriptionPlan input = Assert.Single(device.Subscriptions);
        Assert.Equal(("demoIn", 3000u, 0x7F000001u), (input.Name, input.ComId, input.Source));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), input.Timeout);
        Assert.Equal(TimeoutBehavior.Keep, input.TimeoutBehavior);
        Assert.Null(input.ExpectedCycle);

        Assert.Equal(TimeSpan.FromSeconds(1), plan.Network.DefaultPdTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), plan.Network.MdReplyTimeout);
        Assert.Equal((17224, 17225), (plan.Network.PdPort, plan.Network.MdPort));
        Assert.Empty(plan.AddressMap.Rules);
    }

    [Fact]
    public void WhatIsNotPlayedIsAWarningWithItsPlaceNeverDroppedSilently()
    {
        XmlPlanResult result = XmlPlanLoader.Load(XmlSamples.WireDocExample, "demo.xml");

        string[] warnings = [.. result.Warnings.Select(w => w.ToString())];
        (int line, int column) = TextPositions.Of(XmlSamples.WireDocExample, "device-configuration");
        Assert.Contains(warnings, w => w.StartsWith($"demo.xml:{line}:{column}: warning: <device-configuration> ignored:", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("<pd-com-parameter> marshall ignored", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("<md-com-parameter> confirm-timeout ignored", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("<trdp-process> blocking ignored", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("<device> type ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void AnIgnoredElementIsOneWarningListingEveryPlace()
    {
        string xml = Device("""
            <telegram com-id="100" data-set-id="1001" type="sink">
              <source id="1" uri1="127.0.0.5"><sdt-parameter smi1="1"/></source>
              <source id="2" uri1="127.0.0.6"><sdt-parameter smi1="2"/></source>
            </telegram>
            <telegram com-id="101" data-set-id="1001">
              <destination id="1" uri="127.0.0.5"><sdt-parameter smi1="3"/></destination>
            </telegram>
            """);

        XmlPlanResult result = XmlPlanLoader.Load(xml, "t.xml");

        Assert.True(result.Success, result.FormatErrors());
        PlanWarning sdt = Assert.Single(result.Warnings, w => w.Message.StartsWith("<sdt-parameter> ignored", StringComparison.Ordinal));
        (int line, int column) = TextPositions.Of(xml, "sdt-parameter smi1=\"1\"");
        Assert.Equal(new SourceLocation("t.xml", line, column), sdt.Location);
        (int line2, int column2) = TextPositions.Of(xml, "sdt-parameter smi1=\"2\"");
        (int line3, int column3) = TextPositions.Of(xml, "sdt-parameter smi1=\"3\"");
        Assert.EndsWith($"(also at t.xml:{line2}:{column2}, t.xml:{line3}:{column3})", sdt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownElementsAndAttributesAreReported()
    {
        string xml = Device("""
            <telegram com-id="100" data-set-id="1001" colour="red">
              <destination id="1" uri="127.0.0.5"/>
              <pd-paramter cycle="100000"/>
            </telegram>
            """);

        XmlPlanResult result = XmlPlanLoader.Load(xml, "t.xml");

        Assert.True(result.Success, result.FormatErrors());
        Assert.Contains(result.Warnings, w => w.Message.StartsWith("attribute <telegram> colour ignored: not part of", StringComparison.Ordinal));
        PlanWarning typo = Assert.Single(result.Warnings, w => w.Message.StartsWith("element <pd-paramter> in <telegram> ignored", StringComparison.Ordinal));
        Assert.Equal(TextPositions.Of(xml, "pd-paramter").Line, typo.Location.Line);
    }

    [Fact]
    public void NamesMatchCaseInsensitivelyAsInTcnopen()
    {
        string xml = """
            <DEVICE Host-Name="shout">
              <Bus-Interface-List>
                <BUS-INTERFACE NETWORK-ID="1" NAME="eth0" HOST-IP="127.0.0.9">
                  <TELEGRAM COM-ID="7" Data-Set-Id="1001"><PD-PARAMETER CYCLE="20000"/><DESTINATION URI="127.0.0.10"/></TELEGRAM>
                </BUS-INTERFACE>
              </Bus-Interface-List>
              <DATA-SET-LIST><DATA-SET ID="1001" NAME="d"><ELEMENT NAME="x" TYPE="uint8"/></DATA-SET></DATA-SET-LIST>
            </DEVICE>
            """;

        RunPlan plan = XmlSamples.Plan(xml);

        PublicationPlan publication = Assert.Single(Assert.Single(plan.Devices).Publications);
        Assert.Equal((7u, TimeSpan.FromMilliseconds(20), 0x7F00000Au), (publication.ComId, publication.Cycle, publication.Destination));
        Assert.Equal("UINT8", plan.Datasets[0].Elements[0].Type);
    }

    [Fact]
    public void ADeviceWithTwoBusInterfacesPlaysAsOneMultiHomedDevice()
    {
        string xml = """
            <device host-name="gw">
              <bus-interface-list>
                <bus-interface network-id="1" name="eth0" host-ip="127.0.3.1"/>
                <bus-interface network-id="2" name="eth1" host-ip="127.0.4.1">
                  <pd-com-parameter timeout-value="500000" validity-behavior="keep" port="17300"/>
                  <telegram com-id="5" data-set-id="1001" type="sink"><source uri1="127.0.4.2"/></telegram>
                </bus-interface>
              </bus-interface-list>
              <data-set-list><data-set id="1001"><element type="UINT8"/></data-set></data-set-list>
            </device>
            """;

        XmlPlanResult result = XmlPlanLoader.Load(xml, "gw.xml");

        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;
        Assert.Equal(["gw@127.0.3.1"], plan.Devices.Select(d => d.Name + "@" + AddressParser.Format(d.Address)));
        Assert.Equal([0x7F000301u, 0x7F000401u], plan.Devices[0].Interfaces);
        // A telegram only the second interface declares plays there only, without a warning.
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("some bus interfaces", StringComparison.Ordinal));
        Assert.Equal(["b"], plan.Devices[0].Subscriptions[0].InterfaceScope);
        // The first interface sets the network; the second's own defaults go to its telegrams where the plan can carry them...
        Assert.Equal(TimeSpan.FromMilliseconds(100), plan.Network.DefaultPdTimeout);
        SubscriptionPlan subscription = Assert.Single(plan.Devices[0].Subscriptions);
        Assert.Equal(TimeSpan.FromMilliseconds(500), subscription.Timeout);
        Assert.Equal(TimeoutBehavior.Keep, subscription.TimeoutBehavior);
        // ... and a run-wide setting it cannot is reported.
        Assert.Contains(result.Warnings, w => w.Message.StartsWith("<pd-com-parameter> port not played yet: device 'gw' sets 17300", StringComparison.Ordinal));
        Assert.Equal(["dataset-1001", "e1"], [plan.Datasets[0].Name, plan.Datasets[0].Elements[0].Name]);
    }

    [Fact]
    public void ARedundancyGroupIsCarriedIntoThePlanAndPlayed()
    {
        string xml = Device("""
            <telegram com-id="200" data-set-id="1001"><pd-parameter cycle="100000" redundant="3"/><destination uri="239.2.0.1"/></telegram>
            """);

        XmlPlanResult result = XmlPlanLoader.Load(xml, "t.xml");

        Assert.True(result.Success, result.FormatErrors());
        Assert.Equal(3u, Assert.Single(result.Plan!.Devices[0].Publications).RedundancyGroup);
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("redundant", StringComparison.Ordinal));
    }

    [Fact]
    public void ASinkJoinsItsMulticastDestinationAndAcceptsAnySenderWithoutSources()
    {
        string xml = Device("""
            <telegram name="grp" com-id="300" data-set-id="1001" type="sink"><pd-parameter timeout="250000"/><destination uri="239.3.0.1"/></telegram>
            <telegram name="both" com-id="301" data-set-id="1001" type="source-sink">
              <pd-parameter cycle="40000"/>
              <source uri1="127.0.0.20"/>
              <destination uri="239.3.0.2"/>
            </telegram>
            """);

        DevicePlan device = XmlSamples.Plan(xml).Devices[0];

        SubscriptionPlan group = device.Subscriptions[0];
        Assert.Equal(("grp", 0u, 0xEF030001u, TimeSpan.FromMilliseconds(250)), (group.Name, group.Source, group.Destination, group.Timeout!.Value));
        PublicationPlan published = Assert.Single(device.Publications);
        Assert.Equal(("both", 0xEF030002u), (published.Name, published.Destination));
        SubscriptionPlan both = device.Subscriptions[1];
        Assert.Equal((0x7F000014u, 0xEF030002u, TimeSpan.FromMilliseconds(40)), (both.Source, both.Destination, both.ExpectedCycle!.Value));
    }

    [Fact]
    public void SeveralDestinationsAndSourcesMakeNamedItemsAndANameClashIsAnError()
    {
        string xml = Device("""
            <telegram name="st" com-id="400" data-set-id="1001">
              <pd-parameter cycle="100000"/>
              <destination id="1" uri="127.0.0.21" name="left"/>
              <destination id="7" uri="127.0.0.22"/>
              <destination uri="127.0.0.23"/>
            </telegram>
            <telegram com-id="401" data-set-id="1001"><source uri1="127.0.0.21" uri2="127.0.0.22"/></telegram>
            """);

        DevicePlan device = XmlSamples.Plan(xml).Devices[0];

        Assert.Equal(["st/left", "st/7", "st/3"], device.Publications.Select(p => p.Name));
        SubscriptionPlan subscription = Assert.Single(device.Subscriptions);
        Assert.Equal(("pd-401", 0x7F000015u, 0x7F000016u), (subscription.Name, subscription.Source, subscription.Source2));

        string clash = Device("""
            <telegram name="same" com-id="1" data-set-id="1001"><destination uri="127.0.0.21"/></telegram>
            <telegram name="same" com-id="2" data-set-id="1001"><destination uri="127.0.0.22"/></telegram>
            """);
        XmlPlanResult result = XmlPlanLoader.Load(clash, "c.xml");
        PlanError error = Assert.Single(result.Errors);
        Assert.Contains("two publications named 'same'", error.Message, StringComparison.Ordinal);
        Assert.Equal(TextPositions.Of(clash, "destination uri=\"127.0.0.22\"").Line, error.Location.Line);
    }

    [Fact]
    public void MessageDataTelegramsBecomeCallersAndListeners()
    {
        string xml = Device("""
            <md-com-parameter udp-port="17225" tcp-port="17225" reply-timeout="3000000" retries="1" protocol="UDP"/>
            <telegram name="cmd" com-id="500" data-set-id="1001" com-parameter-id="9">
              <md-parameter reply-timeout="250000"/>
              <destination uri="doorCtl@127.0.0.30"/>
              <destination uri="239.5.0.1"/>
            </telegram>
            <telegram name="diag" com-id="501" type="sink">
              <md-parameter protocol="TCP" confirm-timeout="2000000"/>
              <source uri1="ccu@127.0.0.31" uri2="127.0.0.32"/>
            </telegram>
            """, comParameters: """<com-parameter id="9" qos="3" ttl="64" retries="0"/>""");

        XmlPlanResult result = XmlPlanLoader.Load(xml, "md.xml");

        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;
        Assert.Equal(TimeSpan.FromSeconds(3), plan.Network.MdReplyTimeout);
        DevicePlan device = plan.Devices[0];
        MdCallerPlan unicast = device.MdCallers[0];
        Assert.Equal(("cmd/1", MdCallKind.Request, MdProtocol.Udp, 0x7F00001Eu, "doorCtl"), (unicast.Name, unicast.Kind, unicast.Protocol, unicast.Destination, unicast.DestinationUri));
        Assert.Equal((TimeSpan.FromMilliseconds(250), 1, 0, (uint?)1001u), (unicast.ReplyTimeout!.Value, unicast.ExpectedReplies, unicast.Retries, unicast.DatasetId));
        MdCallerPlan multicast = device.MdCallers[1];
        Assert.Equal(("cmd/2", 0xEF050001u, 0), (multicast.Name, multicast.Destination, multicast.ExpectedReplies));

        MdReplierPlan listener = Assert.Single(device.MdRepliers);
        Assert.Equal(("diag", MdProtocol.Tcp, 0x7F00001Fu, "ccu", MdReplyKind.Reply), (listener.Name, listener.Protocol, listener.Source, listener.SourceUriFilter, listener.Reply));
        Assert.Null(listener.DatasetId);
        Assert.Contains(result.Warnings, w => w.Message.StartsWith("<source> uri2 of an MD telegram not played yet", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Message.StartsWith("<md-parameter> confirm-timeout ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void TheStatisticsTelegramIsReportedAndLeftToTheDevicesOwnResponder()
    {
        string xml = Device("""<telegram com-id="31" type="sink"><source uri1="127.0.0.40"/></telegram>""");

        XmlPlanResult result = XmlPlanLoader.Load(xml, "t.xml");

        Assert.True(result.Success, result.FormatErrors());
        Assert.Empty(result.Plan!.Devices[0].Subscriptions);
        Assert.True(result.Plan.Network.PdStatistics);
        Assert.Contains(result.Warnings, w => w.Message.StartsWith("<telegram com-id=\"31\"> not played yet: ComId 31 is the statistics telegram", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutAPdParameterTheProcessCycleIsThePublicationCycle()
    {
        string xml = Device("""
            <trdp-process cycle-time="20000"/>
            <telegram com-id="600" data-set-id="1001"><destination uri="127.0.0.41"/></telegram>
            <telegram com-id="601" data-set-id="1001"><pd-parameter timeout="300000"/><destination uri="127.0.0.41"/></telegram>
            """);

        DevicePlan device = XmlSamples.Plan(xml).Devices[0];

        Assert.Equal(TimeSpan.FromMilliseconds(20), device.Publications[0].Cycle);
        Assert.Equal(TimeSpan.Zero, device.Publications[1].Cycle); // a pd-parameter without cycle: pull-only, as in TCNopen
    }

    [Fact]
    public void AFastProcessCycleOnlyMattersToWhatPublishes()
    {
        string sinks = Device("""
            <trdp-process cycle-time="500"/>
            <telegram com-id="610" data-set-id="1001" type="sink"><source uri1="127.0.0.41"/></telegram>
            <telegram com-id="611" data-set-id="1001" type="sink"><pd-parameter cycle="200"/><source uri1="127.0.0.41"/></telegram>
            """);
        Assert.Equal(2, XmlSamples.Plan(sinks).Devices[0].Subscriptions.Count);

        string publisher = Device("""
            <trdp-process cycle-time="500"/>
            <telegram com-id="612" data-set-id="1001"><destination uri="127.0.0.41"/></telegram>
            """);
        XmlPlanResult result = XmlPlanLoader.Load(publisher, "p.xml");
        PlanError error = Assert.Single(result.Errors);
        Assert.Equal(TextPositions.Of(publisher, "cycle-time=").Line, error.Location.Line);
        Assert.Contains("a cycle of 500 µs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralFilesAreOneTrainWithSharedDatasetsAndUniqueDevices()
    {
        string a = Device("<telegram com-id=\"1\" data-set-id=\"1001\"><destination uri=\"127.0.0.51\"/></telegram>", host: "a", address: "127.0.0.50");
        string b = Device("<telegram com-id=\"1\" data-set-id=\"1001\" type=\"sink\"><source uri1=\"127.0.0.50\"/></telegram>", host: "b", address: "127.0.0.51");

        XmlPlanResult train = XmlPlanLoader.LoadTexts([new XmlSource("a.xml", a), new XmlSource("b.xml", b)]);

        Assert.True(train.Success, train.FormatErrors());
        Assert.Equal(["a", "b"], train.Plan!.Devices.Select(d => d.Name));
        Assert.Single(train.Plan.Datasets);
        Assert.Equal("a", train.Plan.Name);

        string twin = Device(string.Empty, host: "a", address: "127.0.0.52");
        string other = Device(string.Empty, host: "c", address: "127.0.0.53").Replace("type=\"UINT8\"", "type=\"UINT16\"", StringComparison.Ordinal);
        XmlPlanResult bad = XmlPlanLoader.LoadTexts([new XmlSource("a.xml", a), new XmlSource("twin.xml", twin), new XmlSource("other.xml", other)]);
        Assert.Contains(bad.Errors, e => e.Location.File == "twin.xml" && e.Message.StartsWith("device 'a' is defined twice (first at a.xml:", StringComparison.Ordinal));
        Assert.Contains(bad.Errors, e => e.Location.File == "other.xml" && e.Message.StartsWith("<data-set> 1001 differs from the one defined at a.xml:", StringComparison.Ordinal));
    }

    [Fact]
    public void BytesAreDecodedAsTheDeclarationSays()
    {
        string xml = Device("<telegram name=\"Tür\" com-id=\"1\" data-set-id=\"1001\"><destination uri=\"127.0.0.51\"/></telegram>")
            .Replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", StringComparison.Ordinal);
        byte[] latin1 = System.Text.Encoding.Latin1.GetBytes(xml);

        XmlPlanResult result = XmlPlanLoader.LoadBytes(latin1, "latin1.xml");

        Assert.True(result.Success, result.FormatErrors());
        Assert.Equal("Tür", result.Plan!.Devices[0].Publications[0].Name);
    }

    /// <summary>A device file with one bus interface at <paramref name="address"/> holding <paramref name="content"/>,
    /// and dataset 1001 (one UINT8).</summary>
    internal static string Device(string content, string host = "dev", string address = "127.0.0.2", string comParameters = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <device host-name="{host}">
          <bus-interface-list>
            <bus-interface network-id="1" name="eth0" host-ip="{address}">
        {content}
            </bus-interface>
          </bus-interface-list>
          <com-parameter-list>{comParameters}</com-parameter-list>
          <data-set-list>
            <data-set id="1001" name="one"><element name="x" type="UINT8"/></data-set>
          </data-set-list>
        </device>
        """;

    private static string Describe(DatasetElementPlan e) => $"{e.Name}:{e.Type}:{e.ArraySize}";
}
