using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrdpSim.Hosting;

namespace TrdpSim.Tests.Hosting;

/// <summary>Log lines: one readable line with a UTC timestamp and the level, and the level names of --log-level.</summary>
public sealed class EngineLoggingTests
{
    [Fact]
    public void ATextLineHasAUtcTimestampTheLevelAndTheMessage()
    {
        var formatter = new TextLogFormatter();
        using var writer = new StringWriter();
        var entry = new LogEntry<string>(LogLevel.Warning, "trdpsim", new EventId(1), "generator overloaded", null, (s, _) => s);
        formatter.Write(entry, null, writer);
        var line = writer.ToString().TrimEnd();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z warn  trdpsim: generator overloaded$", line);
    }

    [Fact]
    public void AnExceptionAddsItsTypeAndMessageOnTheSameLine()
    {
        var formatter = new TextLogFormatter();
        using var writer = new StringWriter();
        var entry = new LogEntry<string>(LogLevel.Error, "trdpsim", new EventId(1), "the run broke down", new IOException("disk full"), (s, _) => s);
        formatter.Write(entry, null, writer);
        Assert.EndsWith("trdpsim: the run broke down (IOException: disk full)", writer.ToString().TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("none", LogLevel.None)]
    public void LevelNamesParse(string name, LogLevel level)
    {
        Assert.True(EngineLogging.TryParseLevel(name, out var parsed));
        Assert.Equal(level, parsed);
    }

    [Fact]
    public void AnUnknownLevelIsRefused() => Assert.False(EngineLogging.TryParseLevel("verbose", out _));
}
