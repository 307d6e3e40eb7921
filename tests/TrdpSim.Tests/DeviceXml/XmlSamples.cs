using TrdpSim.DeviceXml;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.DeviceXml;

/// <summary>The sample train in <c>configs/xml</c> and small device files written for the tests.</summary>
internal static class XmlSamples
{
    /// <summary>The sample train's files, in the order they are played.</summary>
    public static readonly string[] TrainFiles = ["ccu-1.xml", "ccu-2.xml", "door-1.xml", "hmi-1.xml"];

    /// <summary>The sample train's addresses are a vehicle's (10.0.1.x, 10.0.2.x); this plays them on loopback.</summary>
    public const string TrainMap = "10.0.0.0/16=127.77.0.0/16";

    public static string ConfigsXml => Path.Combine(RepositoryRoot.Require(), "configs", "xml");

    public static string[] TrainPaths() => [.. TrainFiles.Select(f => Path.Combine(ConfigsXml, f))];

    public static XmlPlanResult LoadTrain() => XmlPlanLoader.LoadFiles(TrainPaths());

    /// <summary>The TCNopen example of trdp-wire.md §10 (datasets 3000/3001: every type, a fixed array, a
    /// variable array and a nested array).</summary>
    public const string WireDocExample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <device host-name="demoDev" type="demo">
          <device-configuration memory-size="1000000"/>
          <bus-interface-list>
            <bus-interface network-id="1" name="lo" host-ip="127.0.0.1">
              <trdp-process cycle-time="10000" blocking="no" traffic-shaping="on"/>
              <pd-com-parameter port="17224" qos="5" ttl="64" timeout-value="1000000"
                                validity-behavior="zero" marshall="on"/>
              <md-com-parameter udp-port="17225" tcp-port="17225" reply-timeout="5000000"
                                confirm-timeout="1000000" retries="2" qos="3" ttl="64"/>
              <telegram name="demoOut" com-id="3000" data-set-id="3000" com-parameter-id="1">
                <pd-parameter cycle="500000" timeout="1500000" validity-behavior="zero"/>
                <destination id="1" uri="127.0.0.1"/>
              </telegram>
              <telegram name="demoIn" com-id="3000" data-set-id="3000" com-parameter-id="1">
                <pd-parameter cycle="0" timeout="1500000" validity-behavior="keep"/>
                <source id="1" uri1="127.0.0.1"/>
              </telegram>
            </bus-interface>
          </bus-interface-list>
          <com-parameter-list>
            <com-parameter id="1" qos="5" ttl="64"/>
            <com-parameter id="2" qos="3" ttl="64"/>
          </com-parameter-list>
          <data-set-list>
            <data-set name="inner" id="3001">
              <element name="a" type="UINT16"/>
              <element name="b" type="UINT8"/>
            </data-set>
            <data-set name="demo" id="3000">
              <element name="flag" type="BOOL8"/>       <element name="tag" type="CHAR8" array-size="4"/>
              <element name="w" type="UTF16"/>          <element name="i8" type="INT8"/>
              <element name="i16" type="INT16"/>       <element name="i32" type="INT32"/>
              <element name="i64" type="INT64"/>       <element name="u8" type="UINT8"/>
              <element name="u16" type="UINT16"/>      <element name="u32" type="UINT32"/>
              <element name="u64" type="UINT64"/>      <element name="r32" type="REAL32"/>
              <element name="r64" type="REAL64"/>      <element name="t32" type="TIMEDATE32"/>
              <element name="t48" type="TIMEDATE48"/>  <element name="t64" type="TIMEDATE64"/>
              <element name="n" type="UINT16"/>        <element name="list" type="UINT8" array-size="0"/>
              <element name="nested" type="3001" array-size="2"/>
            </data-set>
          </data-set-list>
        </device>
        """;

    /// <summary>The loaded plan of <paramref name="text"/>, failing the test with the errors when there are any.</summary>
    public static RunPlan Plan(string text, string fileName = "t.xml")
    {
        XmlPlanResult result = XmlPlanLoader.Load(text, fileName);
        Assert.True(result.Success, result.FormatErrors());
        return result.Plan!;
    }
}
