using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Configuration;

/// <summary><c>takeover-after</c> on a redundancy group's publications: read, written back, and judged by the plan
/// validator (a group key, longer than the group's slowest cycle, one value per group).</summary>
public sealed class TomlRedundancyTests
{
    private static string Plan(string first, string second) => $$"""
        [[device]]
        name = "a"
        address = "127.0.0.2"
          [[device.publish]]
          com-id = 1000
          payload-length = 8
          cycle = "10ms"
          destination = "127.0.0.4"
          {{first}}

        [[device]]
        name = "a2"
        address = "127.0.0.3"
          [[device.publish]]
          com-id = 1000
          payload-length = 8
          cycle = "20ms"
          destination = "127.0.0.4"
          {{second}}
        """;

    [Fact]
    public void TakeoverAfterIsReadAndWrittenBack()
    {
        PlanLoadResult result = TomlPlanLoader.Load(Plan("redundancy-group = 4\ntakeover-after = \"45ms\"", "redundancy-group = 4\ntakeover-after = \"45ms\""), "t.toml").Validated();
        Assert.True(result.Success, result.FormatErrors());
        Assert.Equal(TimeSpan.FromMilliseconds(45), result.Plan!.Devices[0].Publications[0].TakeoverAfter);
        string written = TomlPlanWriter.Write(result.Plan);
        Assert.Contains("takeover-after = \"45ms\"", written, StringComparison.Ordinal);

        PlanLoadResult off = TomlPlanLoader.Load(Plan("redundancy-group = 4\ntakeover-after = \"infinite\"", "redundancy-group = 4"), "t.toml").Validated();
        Assert.True(off.Success, off.FormatErrors());
        Assert.Equal(Timeout.InfiniteTimeSpan, off.Plan!.Devices[0].Publications[0].TakeoverAfter);
        Assert.Contains("takeover-after = \"infinite\"", TomlPlanWriter.Write(off.Plan), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("takeover-after = \"50ms\"", "", 9, 3, "'takeover-after' needs 'redundancy-group'")]
    [InlineData("redundancy-group = 4\ntakeover-after = \"20ms\"", "redundancy-group = 4", 10, 18, "must be longer than the slowest cycle of redundancy group 4 (20ms)")]
    [InlineData("redundancy-group = 4\ntakeover-after = \"50ms\"", "redundancy-group = 4\ntakeover-after = \"60ms\"", 21, 18, "disagree on 'takeover-after' (50ms at t.toml:10:18)")]
    public void TakeoverAfterIsJudgedByTheValidator(string first, string second, int line, int column, string fragment) =>
        PlanErrorAssert.RefusedAt(Plan(first, second), line, column, fragment);
}
