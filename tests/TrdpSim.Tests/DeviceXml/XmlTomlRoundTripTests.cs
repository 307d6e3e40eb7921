using TrdpSim.DeviceXml;
using TrdpSim.Plan.Addresses;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.DeviceXml;

/// <summary>Issue 12.1, <c>trdpsim import</c>: a plan read from XML writes as a commented TOML configuration
/// that reads back into the same plan — before and after the address map.</summary>
public sealed class XmlTomlRoundTripTests
{
    [Fact]
    public void TheSampleTrainWritesAndReadsBackUnchanged()
    {
        RunPlan fromXml = XmlSamples.LoadTrain().Plan!;
        fromXml.AddressMap.Rules.Add(Rule(XmlSamples.TrainMap));

        string toml = TomlPlanWriter.Write(fromXml, ["imported from the sample train"]);
        PlanLoadResult back = TomlPlanLoader.Load(toml, "train.toml");

        Assert.True(back.Success, back.FormatErrors() + "\n" + toml);
        Assert.Empty(PlanComparer.Differences(fromXml, back.Plan!));
        Assert.Empty(AddressMapper.Apply(fromXml));
        Assert.Empty(AddressMapper.Apply(back.Plan!));
        Assert.Empty(PlanComparer.Differences(fromXml, back.Plan!));
    }

    [Fact]
    public void TheWrittenConfigurationIsCommentedForAPerson()
    {
        RunPlan fromXml = XmlSamples.LoadTrain().Plan!;
        fromXml.AddressMap.Rules.Add(Rule(XmlSamples.TrainMap));

        string toml = TomlPlanWriter.Write(fromXml, ["imported from the sample train", "second line"]);

        Assert.StartsWith("# imported from the sample train\n# second line\n", toml, StringComparison.Ordinal);
        Assert.Contains("\"10.0.0.0/16\" = \"127.77.0.0/16\" # from --address-map", toml, StringComparison.Ordinal);
        Assert.Contains("interfaces = [\"10.0.1.10\", \"10.0.2.10\"] # play as 127.77.1.10, 127.77.2.10", toml, StringComparison.Ordinal);
        Assert.Contains("address = \"10.0.1.11\" # plays as 127.77.1.11", toml, StringComparison.Ordinal);
        Assert.Matches(@"name = ""ccu-status"" # from .*ccu-1\.xml:\d+:\d+", toml);
        Assert.Contains("redundancy-group = 1 # the group's first member device leads", toml, StringComparison.Ordinal);
        Assert.Contains("\n  [[device.publish]]\n  name = \"ccu-status\" # from ", toml, StringComparison.Ordinal);
        Assert.Contains("\n  [[dataset.element]]\n  name = \"life\"\n", toml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public void SmallDeviceFilesWriteAndReadBackUnchanged(string name, string xml)
    {
        XmlPlanResult read = XmlPlanLoader.Load(xml, name);
        Assert.True(read.Success, read.FormatErrors());

        string toml = TomlPlanWriter.Write(read.Plan!);
        PlanLoadResult back = TomlPlanLoader.Load(toml, "back.toml");

        Assert.True(back.Success, back.FormatErrors() + "\n" + toml);
        Assert.Empty(PlanComparer.Differences(read.Plan!, back.Plan!));
    }

    [Fact]
    public void EveryPlanItemATomlCanHoldSurvivesTheRoundTrip()
    {
        // Items XML never produces (pulls, field generators, notifications, Mq repliers, topo counters) so the
        // writer is whole for any plan the TOML front end reads.
        string path = Path.Combine(RepositoryRoot.Require(), "configs");
        foreach (string file in new[] { "quickstart.toml", "md.toml", "multicast.toml", "load-10k.toml", "saturation.toml" })
        {
            PlanLoadResult original = TomlPlanLoader.LoadFile(Path.Combine(path, file));
            Assert.True(original.Success, original.FormatErrors());

            string toml = TomlPlanWriter.Write(original.Plan!);
            PlanLoadResult back = TomlPlanLoader.Load(toml, file);

            Assert.True(back.Success, file + ": " + back.FormatErrors() + "\n" + toml);
            Assert.Empty(PlanComparer.Differences(original.Plan!, back.Plan!));
        }
    }

    [Fact]
    public void APlanWhoseMapIsAppliedOrThatHasFaultsIsNotWritten()
    {
        RunPlan plan = XmlSamples.Plan(XmlSamples.WireDocExample);
        Assert.Empty(AddressMapper.Apply(plan));
        Assert.Throws<ArgumentException>(() => TomlPlanWriter.Write(plan));

        RunPlan withFault = XmlSamples.Plan(XmlSamples.WireDocExample);
        withFault.Faults.Add(new FaultPlan { Name = "f" });
        Assert.Throws<ArgumentException>(() => TomlPlanWriter.Write(withFault));
    }

    public static TheoryData<string, string> SmallFiles() => new()
    {
        { "demo.xml", XmlSamples.WireDocExample },
        { "md.xml", XmlPlanLoaderTests.Device("""
            <md-com-parameter reply-timeout="3000000" retries="1" num-sessions="50" connect-timeout="30000000"/>
            <telegram name="cmd" com-id="500" data-set-id="1001"><md-parameter reply-timeout="250000"/><destination uri="doorCtl@127.0.0.30"/><destination uri="239.5.0.1"/></telegram>
            <telegram name="diag" com-id="501" type="sink"><md-parameter protocol="TCP"/><source uri1="ccu@127.0.0.31"/></telegram>
            """) },
        { "pd.xml", XmlPlanLoaderTests.Device("""
            <trdp-process cycle-time="20000" traffic-shaping="off"/>
            <pd-com-parameter port="17300" qos="4" ttl="10" timeout-value="4294967295" validity-behavior="keep"/>
            <telegram com-id="600" data-set-id="1001"><destination uri="127.0.0.41"/></telegram>
            <telegram com-id="601" data-set-id="1001" type="sink"><pd-parameter timeout="300000"/><destination uri="239.0.0.9"/></telegram>
            <telegram com-id="602" data-set-id="1001" type="source-sink"><pd-parameter cycle="0" redundant="2"/><source uri1="127.0.0.42" uri2="127.0.0.43"/><destination uri="127.0.0.42"/></telegram>
            """) },
    };

    private static AddressMapRule Rule(string text)
    {
        Assert.True(AddressMapRule.TryParse(text, new SourceLocation("--address-map", 0, 0), out AddressMapRule? rule, out string error), error);
        return rule!;
    }
}
