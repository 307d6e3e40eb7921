using TrdpSim.Tests.Infrastructure;
using TrdpSim.DeviceXml;
using TrdpSim.Plan.Addresses;
using TrdpSim.Tests.Faults;

namespace TrdpSim.Tests.DeviceXml;

/// <summary>Issue 12.1: a train read from TCNopen XML puts the same frames on the wire as the same train
/// written by hand in TOML (hashed on the in-memory network, which is deterministic), and as the TOML that
/// <c>import</c> writes from it.</summary>
public sealed class XmlWireEquivalenceTests
{
    private const string Tcms = """
        <?xml version="1.0" encoding="UTF-8"?>
        <device host-name="tcms">
          <bus-interface-list>
            <bus-interface network-id="1" name="eth0" host-ip="10.0.7.2">
              <pd-com-parameter timeout-value="300000"/>
              <telegram name="speed" com-id="1100" data-set-id="3000"><pd-parameter cycle="20000"/><destination uri="10.0.7.3"/></telegram>
              <telegram name="status" com-id="1101" data-set-id="1102">
                <pd-parameter cycle="50000"/>
                <destination id="1" uri="10.0.7.3"/>
                <destination id="2" uri="239.7.0.1"/>
              </telegram>
              <telegram name="echo" com-id="1200" data-set-id="1102" type="sink"><pd-parameter timeout="100000"/><source uri1="10.0.7.3"/></telegram>
            </bus-interface>
          </bus-interface-list>
          <data-set-list>
            <data-set name="inner" id="3001"><element name="a" type="UINT16"/><element name="b" type="UINT8"/></data-set>
            <data-set name="all" id="3000">
              <element name="flag" type="BOOL8"/><element name="tag" type="CHAR8" array-size="4"/><element name="w" type="UTF16"/>
              <element name="i8" type="INT8"/><element name="i16" type="INT16"/><element name="i32" type="INT32"/><element name="i64" type="INT64"/>
              <element name="u8" type="UINT8"/><element name="u16" type="UINT16"/><element name="u32" type="UINT32"/><element name="u64" type="UINT64"/>
              <element name="r32" type="REAL32"/><element name="r64" type="REAL64"/><element name="t32" type="TIMEDATE32"/>
              <element name="t48" type="TIMEDATE48"/><element name="t64" type="TIMEDATE64"/><element name="nested" type="3001" array-size="2"/>
            </data-set>
            <data-set name="status" id="1102"><element name="life" type="UINT32"/><element name="state" type="UINT8" array-size="3"/></data-set>
          </data-set-list>
        </device>
        """;

    private const string Brake = """
        <?xml version="1.0" encoding="UTF-8"?>
        <device host-name="brake">
          <bus-interface-list>
            <bus-interface network-id="1" name="eth0" host-ip="10.0.7.3">
              <telegram name="speed" com-id="1100" data-set-id="3000" type="sink"><source uri1="10.0.7.2"/></telegram>
              <telegram name="status" com-id="1101" data-set-id="1102" type="sink"><pd-parameter timeout="200000"/><source uri1="10.0.7.2"/><destination uri="239.7.0.1"/></telegram>
              <telegram name="echo" com-id="1200" data-set-id="1102"><pd-parameter cycle="30000"/><destination uri="10.0.7.2"/></telegram>
            </bus-interface>
          </bus-interface-list>
          <data-set-list>
            <data-set name="status" id="1102"><element name="life" type="UINT32"/><element name="state" type="UINT8" array-size="3"/></data-set>
          </data-set-list>
        </device>
        """;

    /// <summary>The same train, written by hand from the format description (not by the writer).</summary>
    private const string HandWritten = """
        [run]
        name = "tcms"

        [network]
        default-pd-timeout = "300ms"

        [import.address-map]
        "10.0.7.0/24" = "127.0.7.0/24"

        [[dataset]]
        id = 3001
        name = "inner"
        element = [{ name = "a", type = "UINT16" }, { name = "b", type = "UINT8" }]

        [[dataset]]
        id = 3000
        name = "all"
        element = [
          { name = "flag", type = "BOOL8" }, { name = "tag", type = "CHAR8", array-size = 4 }, { name = "w", type = "UTF16" },
          { name = "i8", type = "INT8" }, { name = "i16", type = "INT16" }, { name = "i32", type = "INT32" }, { name = "i64", type = "INT64" },
          { name = "u8", type = "UINT8" }, { name = "u16", type = "UINT16" }, { name = "u32", type = "UINT32" }, { name = "u64", type = "UINT64" },
          { name = "r32", type = "REAL32" }, { name = "r64", type = "REAL64" }, { name = "t32", type = "TIMEDATE32" },
          { name = "t48", type = "TIMEDATE48" }, { name = "t64", type = "TIMEDATE64" }, { name = "nested", type = 3001, array-size = 2 },
        ]

        [[dataset]]
        id = 1102
        name = "status"
        element = [{ name = "life", type = "UINT32" }, { name = "state", type = "UINT8", array-size = 3 }]

        [[device]]
        name = "tcms"
        address = "10.0.7.2"
        publish = [
          { name = "speed", com-id = 1100, dataset = 3000, cycle = "20ms", destination = "10.0.7.3" },
          { name = "status/1", com-id = 1101, dataset = 1102, cycle = "50ms", destination = "10.0.7.3" },
          { name = "status/2", com-id = 1101, dataset = 1102, cycle = "50ms", destination = "239.7.0.1" },
        ]
        subscribe = [{ name = "echo", com-id = 1200, source = "10.0.7.3", timeout = "100ms" }]

        [[device]]
        name = "brake"
        address = "10.0.7.3"
        subscribe = [
          { name = "speed", com-id = 1100, source = "10.0.7.2", timeout = "100ms" },
          { name = "status", com-id = 1101, source = "10.0.7.2", destination = "239.7.0.1", timeout = "200ms" },
        ]
        publish = [{ name = "echo", com-id = 1200, dataset = 1102, cycle = "30ms", destination = "10.0.7.2" }]
        """;

    [Fact]
    public void AnImportedTrainSendsTheFramesOfTheHandWrittenOne()
    {
        XmlPlanResult xml = XmlPlanLoader.LoadTexts([new XmlSource("tcms.xml", Tcms), new XmlSource("brake.xml", Brake)]);
        Assert.True(xml.Success, xml.FormatErrors());
        RunPlan fromXml = xml.Plan!;
        fromXml.AddressMap.Rules.Add(new AddressMapRule(0x0A000700, 0x7F000700, 24, new SourceLocation("--address-map", 0, 0)));
        string imported = TomlPlanWriter.Write(fromXml);
        PlanLoadResult byHand = TomlPlanLoader.Load(HandWritten, "tcms.toml");
        Assert.True(byHand.Success, byHand.FormatErrors());
        PlanLoadResult byImport = TomlPlanLoader.Load(imported, "imported.toml");
        Assert.True(byImport.Success, byImport.FormatErrors());

        (ulong hash, long frames, long received) = Play(fromXml);

        Assert.True(frames > 240, $"{frames} frames"); // 100 speed + 2 × 40 status + 66 echo in 2 s
        Assert.True(received > 200, $"{received} received"); // 100 speed + 40 status (the group's: the subscription joined it) + 66 echo
        Assert.Equal((hash, frames, received), Play(byHand.Plan!));
        Assert.Equal((hash, frames, received), Play(byImport.Plan!));
    }

    [Fact]
    public void AnotherAddressMapPutsOtherFramesOnTheWire()
    {
        // Guards the comparison: the hash sees addresses, so a wrong map could not pass unnoticed.
        PlanLoadResult one = TomlPlanLoader.Load(HandWritten, "a.toml");
        PlanLoadResult other = TomlPlanLoader.Load(HandWritten.Replace("\"127.0.7.0/24\"", "\"127.0.8.0/24\"", StringComparison.Ordinal), "b.toml");

        Assert.NotEqual(Play(one.Plan!).Hash, Play(other.Plan!).Hash);
    }

    private static (ulong Hash, long Frames, long Received) Play(RunPlan plan) => WirePlay.Play(plan);
}
