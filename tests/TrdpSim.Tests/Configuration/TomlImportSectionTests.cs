namespace TrdpSim.Tests.Configuration;

/// <summary>Issues 12.1 and 12.5 in TOML: <c>[import] address-map</c> carries address rewrites and
/// <c>[network] allow-network</c> the opt-in to send outside loopback.</summary>
public sealed class TomlImportSectionTests
{
    [Fact]
    public void TheAddressMapReadsAddressesAndNetworksWithTheirPlaces()
    {
        const string toml = """
            [import.address-map]
            "10.0.0.221" = "127.0.0.2"
            "10.0.1.0/24" = "127.0.1.0/24"

            [network]
            allow-network = true
            """;

        PlanLoadResult result = TomlPlanLoader.Load(toml, "lab.toml");

        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;
        Assert.Equal(["10.0.0.221=127.0.0.2", "10.0.1.0/24=127.0.1.0/24"], plan.AddressMap.Rules.Select(r => r.ToString()));
        Assert.Equal(new SourceLocation("lab.toml", 3, 1), plan.AddressMap.Rules[1].Origin);
        Assert.True(plan.Network.AllowNetwork);
        Assert.False(new NetworkPlan().AllowNetwork);
    }

    [Fact]
    public void AnInlineTableWorksToo()
    {
        PlanLoadResult result = TomlPlanLoader.Load("[import]\naddress-map = { \"10.0.0.5\" = \"127.0.0.5\" }\n", "i.toml");

        Assert.True(result.Success, result.FormatErrors());
        Assert.Equal("10.0.0.5=127.0.0.5", Assert.Single(result.Plan!.AddressMap.Rules).ToString());
    }

    [Theory]
    [InlineData("[import.address-map]\n10.0.0.221 = \"127.0.0.2\"\n", 2, 1, "address-map key '10…' is a dotted key: quote the address")]
    [InlineData("[import.address-map]\n\"10.0.0.221\" = 5\n", 2, 16, "must map to a string such as \"127.0.0.2\"")]
    [InlineData("[import.address-map]\n\"10.0.0.0/24\" = \"127.0.0.0/16\"\n", 2, 1, "address-map: '10.0.0.0/24=127.0.0.0/16': both sides need the same prefix length")]
    [InlineData("[import]\naddress-mapp = 1\n", 2, 1, "unknown key 'address-mapp' in [import]")]
    [InlineData("[network]\nallow-network = \"yes\"\n", 2, 17, "'allow-network' must be")]
    public void MistakesAreLocated(string toml, int line, int column, string expected)
    {
        PlanLoadResult result = TomlPlanLoader.Load(toml, "bad.toml");

        PlanError error = Assert.Single(result.Errors);
        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
