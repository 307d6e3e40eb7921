using TrdpSim.Events;

namespace TrdpSim.Tests.Events;

/// <summary>Topic patterns: exact topics, '*' for one segment, a trailing '*' for everything below, and clear
/// answers for patterns that are not patterns.</summary>
public sealed class TopicFilterTests
{
    [Theory]
    [InlineData("run.stats", "run.stats", true)]
    [InlineData("run.stats", "run.control", false)]
    [InlineData("run.*", "run.stats", true)]
    [InlineData("run.*", "run", false)]
    [InlineData("run.*", "runner.stats", false)]
    [InlineData("pd.*", "pd.door.status", true)]
    [InlineData("pd.door.*", "pd.door.status", true)]
    [InlineData("pd.door.*", "pd.doors.status", false)]
    [InlineData("pd.*.status", "pd.door.status", true)]
    [InlineData("pd.*.status", "pd.door.speed", false)]
    [InlineData("pd.*.status", "pd.car.1.status", false)]
    [InlineData("pd.*", "pd.car.1.status", true)]
    [InlineData("*", "anomalies", true)]
    [InlineData("*", "pd.a.b", true)]
    [InlineData("anomalies", "anomalies", true)]
    [InlineData("faults", "anomalies", false)]
    [InlineData("md.*", "md.ccu.ask", true)]
    public void PatternsMatchBySegment(string pattern, string topic, bool matches) =>
        Assert.Equal(matches, TopicFilter.PatternMatches(pattern, topic));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("run..stats", "empty segment")]
    [InlineData("run.", "empty segment")]
    [InlineData("pd.dev*", "whole segment")]
    public void ABadPatternIsNamed(string pattern, string problem)
    {
        var error = TopicFilter.Check(pattern);
        Assert.NotNull(error);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TopicFilter.Of([pattern]));
    }

    [Fact]
    public void WithAndWithoutChangeTheSet()
    {
        var filter = TopicFilter.Of(["run.*"]).With(["anomalies", "run.*"]);
        Assert.Equal(["run.*", "anomalies"], filter.Patterns);
        Assert.True(filter.Matches("anomalies"));
        var fewer = filter.Without(["run.*"]);
        Assert.False(fewer.Matches("run.stats"));
        Assert.True(fewer.Matches("anomalies"));
        Assert.True(TopicFilter.None.IsEmpty);
        Assert.False(TopicFilter.None.Matches("run.stats"));
    }

    [Fact]
    public void MatchingAllocatesNothing()
    {
        var filter = TopicFilter.Of(["pd.*.status", "run.*", "anomalies"]);
        var hits = 0;
        var allocated = Infrastructure.SteadyAllocation.Fewest(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                hits += filter.Matches("pd.door.status") ? 1 : 0;
                hits += filter.Matches("md.ccu.ask") ? 1 : 0;
            }
        });
        Assert.Equal(0, allocated);
        Assert.True(hits > 0);
    }
}
