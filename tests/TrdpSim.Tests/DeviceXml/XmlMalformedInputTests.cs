using System.Text;
using TrdpSim.DeviceXml;

namespace TrdpSim.Tests.DeviceXml;

/// <summary>Issue 12.1: every kind of broken or hostile device file gets one error at its <c>file:line:col</c>,
/// never an exception, and bounded work: entity expansion and external entities are refused, deep nesting,
/// huge input and element floods stop at their limits.</summary>
public sealed class XmlMalformedInputTests
{
    [Fact]
    public void AnUnclosedTagIsLocated()
    {
        const string xml = "<device host-name=\"a\">\n  <bus-interface-list>\n</device>\n";

        PlanError error = SingleError(xml);

        Assert.Equal(3, error.Location.Line);
        Assert.Contains("bus-interface-list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextThatIsNotXmlIsLocated()
    {
        PlanError error = SingleError("hello");
        Assert.Equal((1, 1), (error.Location.Line, error.Location.Column));
        Assert.Equal("f.xml", error.Location.File);
        Assert.Equal((1, 1), Located(SingleError(string.Empty)));
    }

    [Fact]
    public void ABadNumberIsLocatedAtItsAttribute()
    {
        string xml = XmlPlanLoaderTests.Device("""<telegram com-id="1" data-set-id="1001"><pd-parameter cycle="1o0"/><destination uri="127.0.0.3"/></telegram>""");

        PlanError error = SingleError(xml);

        Assert.Equal(TextPositions.Of(xml, "cycle=\"1o0\""), Located(error));
        Assert.Equal("<pd-parameter> cycle=\"1o0\" is not a whole number (0…4294967295)", error.Message);
    }

    [Theory]
    [InlineData("com-id=\"4294967296\"", "is not a whole number")]
    [InlineData("com-id=\"-1\"", "is not a whole number")]
    [InlineData("com-id=\"0x10\"", "is not a whole number")]
    public void NumbersOutsideUint32AreRefused(string attribute, string expected)
    {
        string xml = XmlPlanLoaderTests.Device($"""<telegram {attribute} data-set-id="1001"><destination uri="127.0.0.3"/></telegram>""");

        PlanError error = SingleError(xml);

        Assert.Equal(TextPositions.Of(xml, attribute), Located(error));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTypeNameIsLocatedAtItsAttribute()
    {
        string xml = XmlPlanLoaderTests.Device(string.Empty).Replace("type=\"UINT8\"", "type=\"UINT17\"", StringComparison.Ordinal);

        PlanError error = SingleError(xml);

        Assert.Equal(TextPositions.Of(xml, "type=\"UINT17\""), Located(error));
        Assert.StartsWith("<element> 'x': unknown type \"UINT17\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<!DOCTYPE device [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<device host-name=\"&c;\"/>")]
    [InlineData("<!DOCTYPE device [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n<device host-name=\"&secret;\"/>")]
    [InlineData("<!DOCTYPE device SYSTEM \"http://127.0.0.1:1/trdp-config.dtd\">\n<device host-name=\"a\"/>")]
    public void DocumentTypeDefinitionsAreRefusedSoNoEntityIsEverExpanded(string xml)
    {
        PlanError error = SingleError(xml);

        Assert.Equal(1, error.Location.Line);
        Assert.Contains("DTD is prohibited", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUndeclaredEntityIsAnErrorAndPredefinedOnesStillWork()
    {
        PlanError error = SingleError("<device host-name=\"&nope;\"/>");
        Assert.Equal(1, error.Location.Line);

        string xml = XmlPlanLoaderTests.Device("""<telegram name="a&amp;b&#33;" com-id="1" data-set-id="1001"><destination uri="127.0.0.3"/></telegram>""");
        Assert.Equal("a&b!", XmlSamples.Plan(xml).Devices[0].Publications[0].Name);
    }

    [Fact]
    public void ADepthBombStopsAtTheDepthLimitWithoutRecursion()
    {
        var xml = new StringBuilder("<device host-name=\"a\">\n");
        for (int i = 0; i < 100_000; i++)
        {
            xml.Append("<x>");
        }

        PlanError error = SingleError(xml.ToString());

        Assert.Equal((2, 47), Located(error)); // the name of the 16th <x> (level 17) on line 2
        Assert.Equal("elements nested deeper than 16 levels (a device configuration needs at most 7)", error.Message);
    }

    [Fact]
    public void OversizeTextStopsAtTheCharacterLimit()
    {
        string xml = "<device host-name=\"a\">" + new string(' ', 5000) + "</device>";

        PlanError error = SingleError(xml, new XmlReadLimits { MaxCharacters = 4096 });

        Assert.Equal(1, error.Location.Line);
        Assert.Contains("MaxCharactersInDocument", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOversizeFileIsRefusedBeforeItIsRead()
    {
        string path = Path.Combine(Path.GetTempPath(), $"trdpsim-big-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, "<device host-name=\"a\">" + new string(' ', 3000) + "</device>");
        try
        {
            XmlPlanResult result = XmlPlanLoader.LoadFiles([path], new XmlReadLimits { MaxFileBytes = 2048 });

            PlanError error = Assert.Single(result.Errors);
            Assert.Equal(new SourceLocation(path, 0, 0), error.Location);
            Assert.StartsWith("the file has 3031 bytes, more than the 2048", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnElementFloodStopsAtTheElementLimit()
    {
        var xml = new StringBuilder("<device host-name=\"a\">");
        for (int i = 0; i < 2000; i++)
        {
            xml.Append("<x/>");
        }

        xml.Append("</device>");
        PlanError error = SingleError(xml.ToString(), new XmlReadLimits { MaxElements = 1000 });

        Assert.Equal("more than 1000 elements in one file", error.Message);
    }

    [Fact]
    public void AnAttributeFloodStopsAtTheAttributeLimit()
    {
        var xml = new StringBuilder("<device host-name=\"a\"");
        for (int i = 0; i < 100; i++)
        {
            xml.Append(" a").Append(i).Append("=\"1\"");
        }

        PlanError error = SingleError(xml.Append("/>").ToString());

        Assert.Equal("<device> has more than 64 attributes", error.Message);
    }

    [Theory]
    [InlineData("<devices/>", "the root element is <devices>")]
    [InlineData("<device/>", "<device> needs a host-name")]
    [InlineData("<device host-name=\"a-name-far-too-long\"><bus-interface-list><bus-interface name=\"e\" host-ip=\"127.0.0.2\"/></bus-interface-list></device>", "has 19 characters")]
    [InlineData("<device host-name=\"a\"><bus-interface-list><bus-interface name=\"e\"/></bus-interface-list></device>", "needs a host-ip")]
    [InlineData("<device host-name=\"a\"><bus-interface-list><bus-interface name=\"e\" host-ip=\"239.0.0.1\"/></bus-interface-list></device>", "is not a host address")]
    [InlineData("<device host-name=\"a\"><bus-interface-list><bus-interface host-ip=\"127.0.0.2\"/></bus-interface-list></device>", "needs a name")]
    [InlineData("<device host-name=\"a\"><bus-interface-list/></device>", "has no <bus-interface>")]
    public void DeviceAndInterfaceMistakesAreNamed(string xml, string expected)
    {
        XmlPlanResult result = XmlPlanLoader.Load(xml, "f.xml");

        Assert.Null(result.Plan);
        Assert.Contains(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal) && e.Location.Line == 1);
    }

    [Theory]
    [InlineData("""<telegram com-id="1" data-set-id="1001"><destination uri="10.0.0.300"/></telegram>""", "uri=\"10.0.0.300\"", "the host part must be an IPv4 address")]
    [InlineData("""<telegram com-id="1" data-set-id="1001"><destination uri="fn@ccu-1"/></telegram>""", "uri=\"fn@ccu-1\"", "host names need TCN-DNS")]
    [InlineData("""<telegram com-id="1" data-set-id="1001"><destination id="1"/></telegram>""", "destination id=\"1\"", "<destination> needs uri")]
    [InlineData("""<telegram com-id="1" type="sink"><source uri2="127.0.0.9"/></telegram>""", "uri2=", "uri2 needs uri1")]
    [InlineData("""<telegram com-id="1"><pd-parameter cycle="500"/><destination uri="127.0.0.9"/></telegram>""", "cycle=\"500\"", "at least 1000 µs")]
    [InlineData("""<telegram com-id="1"><pd-parameter/><md-parameter/><destination uri="127.0.0.9"/></telegram>""", "md-parameter/>", "both <pd-parameter>")]
    [InlineData("""<telegram data-set-id="1001"><destination uri="127.0.0.9"/></telegram>""", "telegram data-set-id", "<telegram> needs a com-id")]
    [InlineData("""<telegram com-id="1" com-parameter-id="7"><destination uri="127.0.0.9"/></telegram>""", "com-parameter-id=\"7\"", "is not in the <com-parameter-list>")]
    [InlineData("""<telegram com-id="1" type="both"><destination uri="127.0.0.9"/></telegram>""", "type=\"both\"", "must be \"source\" or \"sink\" or \"source-sink\"")]
    [InlineData("""<telegram com-id="1"><md-parameter protocol="TCP"/><destination uri="239.1.1.1"/></telegram>""", "uri=\"239.1.1.1\"", "MD over TCP is unicast only")]
    [InlineData("""<telegram com-id="1"><destination uri="a@b@127.0.0.9"/></telegram>""", "uri=\"a@b", "the host part must be")]
    public void TelegramMistakesAreLocated(string telegram, string marker, string expected)
    {
        string xml = XmlPlanLoaderTests.Device(telegram);

        PlanError error = SingleError(xml);

        Assert.Equal(TextPositions.Of(xml, marker), Located(error));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<data-set id="1002" name="e"/>""", "data-set id=\"1002\"", "has no <element>")]
    [InlineData("""<data-set id="12" name="low"><element name="x" type="UINT8"/></data-set>""", "id=\"12\"", "must be 31…")]
    [InlineData("""<data-set id="1002" name="d"><element name="y" type="UINT8"/><element name="y" type="INT8"/></data-set>""", "name=\"y\" type=\"INT8\"", "two elements named 'y'")]
    [InlineData("""<data-set id="1002" name="d"><element name="x"/></data-set>""", "element name=\"x\"/>", "needs a type")]
    [InlineData("""<data-set id="1002" name="d"><element name="x" type="UINT8" array-size="70000"/></data-set>""", "array-size=", "must be 0…65535")]
    [InlineData("""<data-set id="1002" name="one"><element name="x" type="UINT8"/></data-set>""", "data-set id=\"1002\"", "named 'one' like data-set 1001")]
    public void DatasetMistakesAreLocated(string dataset, string marker, string expected)
    {
        string xml = XmlPlanLoaderTests.Device(string.Empty).Replace("</data-set-list>", dataset + "</data-set-list>", StringComparison.Ordinal);

        PlanError error = SingleError(xml);

        Assert.Equal(TextPositions.Of(xml, marker).Line, error.Location.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MutatedFilesNeverThrowAndEveryErrorHasAPlace()
    {
        // A small, bounded fuzz pass over the loader's pure entry point (the fuzz harness proper lives elsewhere).
        var random = new Random(12);
        string seed = XmlSamples.WireDocExample;
        const string alphabet = "<>/=\"'&;!?-x0 \n:@#[]";
        for (int round = 0; round < 400; round++)
        {
            var text = new StringBuilder(seed);
            int edits = 1 + random.Next(6);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0:
                        text.Remove(at, Math.Min(1 + random.Next(8), text.Length - at));
                        break;
                    case 1:
                        text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    default:
                        text[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                }
            }

            XmlPlanResult result = XmlPlanLoader.Load(text.ToString(), "m.xml");
            Assert.Equal(result.Errors.Count == 0, result.Plan is not null);
            Assert.All(result.Errors, error => Assert.Equal("m.xml", error.Location.File));
            Assert.All(result.Errors, error => Assert.True(error.Location.Line > 0, error.ToString()));
        }
    }

    [Fact]
    public void MutatedBytesNeverThrow()
    {
        var random = new Random(34);
        byte[] seed = Encoding.UTF8.GetBytes(XmlSamples.WireDocExample);
        for (int round = 0; round < 200; round++)
        {
            byte[] bytes = (byte[])seed.Clone();
            for (int e = 0; e < 1 + random.Next(4); e++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            XmlPlanResult result = XmlPlanLoader.LoadBytes(bytes, "b.xml");
            Assert.All(result.Errors, error => Assert.True(error.Location.Line > 0, error.ToString()));
        }
    }

    private static PlanError SingleError(string xml, XmlReadLimits? limits = null)
    {
        XmlPlanResult result = XmlPlanLoader.Load(xml, "f.xml", limits);
        Assert.Null(result.Plan);
        return Assert.Single(result.Errors);
    }

    private static (int, int) Located(PlanError error) => (error.Location.Line, error.Location.Column);
}
