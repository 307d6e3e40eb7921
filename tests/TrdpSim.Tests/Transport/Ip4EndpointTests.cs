using CsCheck;

namespace TrdpSim.Tests.Transport;

public class Ip4EndpointTests
{
    [Theory]
    [InlineData("127.0.0.1:17224", 0x7F000001u, 17224)]
    [InlineData("0.0.0.0:0", 0u, 0)]
    [InlineData("255.255.255.255:65535", 0xFFFFFFFFu, 65535)]
    [InlineData("239.1.2.3:17225", 0xEF010203u, 17225)]
    public void ParseReadsHostOrderAddressAndPort(string text, uint address, int port)
    {
        Ip4Endpoint endpoint = Ip4Endpoint.Parse(text);
        Assert.Equal(address, endpoint.Address);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(text, endpoint.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:")]
    [InlineData(":80")]
    [InlineData("127.0.0:80")]
    [InlineData("127.0.0.1.5:80")]
    [InlineData("256.0.0.1:80")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("127.0.0.1:+80")]
    [InlineData("127..0.1:80")]
    [InlineData("a.b.c.d:80")]
    [InlineData("1234.0.0.1:80")]
    public void TryParseRejectsMalformedText(string text)
    {
        Assert.False(Ip4Endpoint.TryParse(text, out Ip4Endpoint endpoint));
        Assert.Equal(default, endpoint);
        Assert.Throws<FormatException>(() => Ip4Endpoint.Parse(text));
    }

    [Fact]
    public void TryParseNullIsFalse() => Assert.False(Ip4Endpoint.TryParse((string?)null, out _));

    [Fact]
    public void ParseAddressAndFormatAddressRoundTrip()
    {
        Assert.Equal(0x0A000102u, Ip4Endpoint.ParseAddress("10.0.1.2"));
        Assert.Equal("10.0.1.2", Ip4Endpoint.FormatAddress(0x0A000102u));
        Assert.Equal(Ip4Endpoint.LoopbackAddress, Ip4Endpoint.ParseAddress("127.0.0.1"));
        Assert.Throws<FormatException>(() => Ip4Endpoint.ParseAddress("10.0.1"));
    }

    [Theory]
    [InlineData("224.0.0.0", true)]
    [InlineData("239.255.255.255", true)]
    [InlineData("239.192.0.1", true)]
    [InlineData("223.255.255.255", false)]
    [InlineData("240.0.0.0", false)]
    [InlineData("127.0.0.1", false)]
    public void IsMulticastIsClassD(string address, bool expected) =>
        Assert.Equal(expected, new Ip4Endpoint(Ip4Endpoint.ParseAddress(address), 1).IsMulticast);

    [Fact]
    public void EndpointsCompareByValue()
    {
        Assert.Equal(Ip4Endpoint.Parse("10.0.0.1:5"), new Ip4Endpoint(0x0A000001, 5));
        Assert.NotEqual(Ip4Endpoint.Parse("10.0.0.1:5"), new Ip4Endpoint(0x0A000001, 6));
    }

    [Fact]
    public void FormatThenParseRoundTripsEveryEndpoint() =>
        Gen.Select(Gen.UInt, Gen.UShort).Sample((address, port) =>
        {
            var endpoint = new Ip4Endpoint(address, port);
            return Ip4Endpoint.Parse(endpoint.ToString()) == endpoint;
        });
}
