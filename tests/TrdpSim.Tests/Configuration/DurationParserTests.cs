namespace TrdpSim.Tests.Configuration;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("250us", 2_500L)]
    [InlineData("250µs", 2_500L)]
    [InlineData("250μs", 2_500L)]
    [InlineData("0.5us", 5L)]
    [InlineData("1ms", 10_000L)]
    [InlineData("100ms", 1_000_000L)]
    [InlineData("1.5s", 15_000_000L)]
    [InlineData("5s", 50_000_000L)]
    [InlineData("2m", 1_200_000_000L)]
    [InlineData("1h", 36_000_000_000L)]
    [InlineData("1m30s", 900_000_000L)]
    [InlineData("1s500ms", 15_000_000L)]
    [InlineData("0ms", 0L)]
    public void Parses(string text, long ticks)
    {
        Assert.True(DurationParser.TryParse(text, out TimeSpan value, out string error), error);
        Assert.Equal(TimeSpan.FromTicks(ticks), value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("100", "needs a unit")]
    [InlineData("10 ms", "unknown unit ' ms'")]
    [InlineData("10parsecs", "unknown unit 'parsecs'")]
    [InlineData("-5s", "must not be negative")]
    [InlineData("-0.5ms", "must not be negative")]
    [InlineData("ms", "expected a number")]
    [InlineData("1.s", "is not a number")]
    [InlineData("1..5s", "is not a number")]
    [InlineData("5MS", "unknown unit 'MS'")]
    [InlineData("0.01us", "finer than 100 ns")]
    [InlineData("99999999999h", "too large")]
    [InlineData("60000000000000000000000000s", "too large")] // fuzz finding: the product overflowed decimal and threw
    [InlineData("1s79228162514264337593543950335h", "too large")]
    public void Rejects(string text, string reason)
    {
        Assert.False(DurationParser.TryParse(text, out _, out string error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseThrowsWithTheReason() =>
        Assert.Contains("unknown unit", Assert.Throws<FormatException>(() => DurationParser.Parse("3 days")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(2_500L, "250us")]
    [InlineData(1_000_000L, "100ms")]
    [InlineData(15_000_000L, "1.5s")]
    [InlineData(1_200_000_000L, "2m")]
    [InlineData(36_000_000_000L, "1h")]
    [InlineData(900_000_000L, "90s")]
    [InlineData(5L, "0.5us")]
    public void FormatsAndRoundTrips(long ticks, string text)
    {
        Assert.Equal(text, DurationParser.Format(TimeSpan.FromTicks(ticks)));
        Assert.Equal(TimeSpan.FromTicks(ticks), DurationParser.Parse(text));
    }
}
