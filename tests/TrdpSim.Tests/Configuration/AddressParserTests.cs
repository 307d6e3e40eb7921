namespace TrdpSim.Tests.Configuration;

public sealed class AddressParserTests
{
    [Theory]
    [InlineData("127.0.0.2", 0x7F000002u)]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("255.255.255.255", 0xFFFFFFFFu)]
    [InlineData("239.1.1.1", 0xEF010101u)]
    [InlineData("10.0.10.1", 0x0A000A01u)]
    public void ParsesToHostOrder(string text, uint expected)
    {
        Assert.True(AddressParser.TryParse(text, out uint address));
        Assert.Equal(expected, address);
        Assert.Equal(text, AddressParser.Format(address));
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0")]
    [InlineData("127.0.0.1.5")]
    [InlineData("127.0.0.256")]
    [InlineData("127.0.0.01")]
    [InlineData("127.0.0.1 ")]
    [InlineData("1270.0.0.1")]
    [InlineData("localhost")]
    [InlineData("127..0.1")]
    public void Rejects(string text) => Assert.False(AddressParser.TryParse(text, out _));

    [Theory]
    [InlineData("224.0.0.1", true)]
    [InlineData("239.255.255.255", true)]
    [InlineData("223.255.255.255", false)]
    [InlineData("240.0.0.0", false)]
    public void KnowsMulticast(string text, bool multicast)
    {
        Assert.True(AddressParser.TryParse(text, out uint address));
        Assert.Equal(multicast, AddressParser.IsMulticast(address));
    }

    [Theory]
    [InlineData("127.0.0.1:9464", true)]
    [InlineData("127.0.0.1:0", true)]
    [InlineData("0.0.0.0:65535", true)]
    [InlineData("127.0.0.1:65536", false)]
    [InlineData("127.0.0.1:", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("localhost:9464", false)]
    public void ParsesEndpoints(string text, bool ok) =>
        Assert.Equal(ok, AddressParser.TryParseEndpoint(text, out _, out _));
}
