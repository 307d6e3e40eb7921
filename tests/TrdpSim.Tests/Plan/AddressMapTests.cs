using TrdpSim.Plan.Addresses;

namespace TrdpSim.Tests.Plan;

/// <summary>Issue 12.1: a vehicle's addresses are rewritten once, by the most specific rule, in every place a
/// plan names an address.</summary>
public sealed class AddressMapTests
{
    private static readonly SourceLocation Cli = new("--address-map", 0, 0);

    [Theory]
    [InlineData("10.0.0.221=127.0.0.2", 0x0A0000DDu, 0x7F000002u, 32)]
    [InlineData("10.0.1.0/24=127.0.1.0/24", 0x0A000100u, 0x7F000100u, 24)]
    [InlineData(" 10.0.0.0/8 = 127.0.0.0/8 ", 0x0A000000u, 0x7F000000u, 8)]
    public void RulesReadAnAddressOrANetwork(string text, uint from, uint to, int prefix)
    {
        Assert.True(AddressMapRule.TryParse(text, Cli, out AddressMapRule? rule, out string error), error);
        Assert.Equal((from, to, prefix), (rule!.From, rule.To, rule.PrefixLength));
    }

    [Theory]
    [InlineData("10.0.0.221", "must be from=to")]
    [InlineData("10.0.0.221=", "must be from=to")]
    [InlineData("10.0.0.2x1=127.0.0.2", "is not an IPv4 address")]
    [InlineData("10.0.1.0/24=127.0.0.0/16", "the same prefix length")]
    [InlineData("10.0.1.5/24=127.0.1.0/24", "has host bits set: the network is 10.0.1.0/24")]
    [InlineData("10.0.1.0/33=127.0.1.0/33", "prefix length after '/' must be 0…32")]
    public void BadRulesSayWhy(string text, string expected)
    {
        Assert.False(AddressMapRule.TryParse(text, Cli, out _, out string error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryAddressSlotIsRewrittenAndTheMostSpecificRuleWins()
    {
        RunPlan plan = Train();
        Add(plan, "10.0.0.0/16=127.50.0.0/16");
        Add(plan, "10.0.1.10=127.60.0.1");

        Assert.Empty(AddressMapper.Apply(plan));

        DevicePlan a = plan.Devices[0];
        Assert.Equal(0x7F3C0001u, a.Address); // the single-address rule beats the network
        Assert.Equal(0x7F320115u, a.Publications[0].Destination);
        Assert.Equal(0xEF010001u, a.Publications[1].Destination); // no rule for the group
        Assert.Equal((0x7F320115u, 0x7F320116u), (a.Subscriptions[0].Source, a.Subscriptions[0].Source2));
        Assert.Equal((0x7F320115u, 0x7F32011Fu), (a.PullRequests[0].Target, a.PullRequests[0].ReplyAddress));
        Assert.Equal(0x7F320115u, a.MdCallers[0].Destination);
        Assert.Equal(0x7F320115u, a.MdRepliers[0].Source);
        Assert.True(plan.AddressMap.Applied);
    }

    [Fact]
    public void ASecondApplyChangesNothing()
    {
        RunPlan plan = Train();
        Add(plan, "10.0.0.0/8=127.0.0.0/8");

        Assert.Empty(AddressMapper.Apply(plan));
        uint once = plan.Devices[0].Address;
        plan.AddressMap.Rules.Add(new AddressMapRule(0x7F000000, 0x0A000000, 8, Cli));
        Assert.Empty(AddressMapper.Apply(plan));

        Assert.Equal(once, plan.Devices[0].Address);
    }

    [Fact]
    public void TwoTargetsForOneAddressAreAnErrorNamingBothPlaces()
    {
        RunPlan plan = Train();
        plan.AddressMap.Rules.Add(Rule("10.0.1.10=127.0.0.2", new SourceLocation("lab.toml", 3, 1)));
        plan.AddressMap.Rules.Add(Rule("10.0.1.10=127.0.0.2", Cli));
        plan.AddressMap.Rules.Add(Rule("10.0.1.10=127.0.0.3", Cli));

        PlanError error = Assert.Single(AddressMapper.Apply(plan));

        Assert.Equal("address map '10.0.1.10=127.0.0.3' contradicts '10.0.1.10=127.0.0.2' (at lab.toml:3:1): 10.0.1.10 cannot go to two places", error.Message);
        Assert.Equal(0x0A00010Au, plan.Devices[0].Address); // left as it was
        Assert.False(plan.AddressMap.Applied);
    }

    [Fact]
    public void AHostNeverBecomesAGroup()
    {
        RunPlan plan = Train();
        Add(plan, "10.0.1.21=239.0.0.1");

        IReadOnlyList<PlanError> errors = AddressMapper.Apply(plan);

        Assert.Equal(5, errors.Count); // every use of the address is named
        Assert.Equal("address map '10.0.1.21=239.0.0.1' turns the host address 10.0.1.21 of device 'a' publication 'p' destination into 239.0.0.1: a group must stay a group and a host a host", errors[0].Message);
        Assert.Equal(0x0A000115u, plan.Devices[0].Publications[0].Destination);
    }

    /// <summary>Device "a" at 10.0.1.10 with one item of every kind naming 10.0.1.21 (and a group).</summary>
    internal static RunPlan Train()
    {
        var plan = new RunPlan();
        var a = new DevicePlan { Name = "a", Address = 0x0A00010A };
        a.Publications.Add(new PublicationPlan { Name = "p", Destination = 0x0A000115 });
        a.Publications.Add(new PublicationPlan { Name = "g", Destination = 0xEF010001 });
        a.Subscriptions.Add(new SubscriptionPlan { Name = "s", Source = 0x0A000115, Source2 = 0x0A000116 });
        a.PullRequests.Add(new PullRequestPlan { Name = "pull", Target = 0x0A000115, ReplyAddress = 0x0A00011F });
        a.MdCallers.Add(new MdCallerPlan { Name = "c", Destination = 0x0A000115 });
        a.MdRepliers.Add(new MdReplierPlan { Name = "r", Source = 0x0A000115 });
        plan.Devices.Add(a);
        return plan;
    }

    private static void Add(RunPlan plan, string text) => plan.AddressMap.Rules.Add(Rule(text, Cli));

    private static AddressMapRule Rule(string text, SourceLocation at)
    {
        Assert.True(AddressMapRule.TryParse(text, at, out AddressMapRule? rule, out string error), error);
        return rule!;
    }
}
