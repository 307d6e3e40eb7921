using System.Text;
using TrdpSim.Control;
using TrdpSim.Events;

namespace TrdpSim.Tests.Control;

/// <summary>Ingest lines: what a valid event, value or log line becomes, and a clear reason for each bad one.</summary>
public sealed class IngestLineParserTests
{
    private static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly RunEventBus _bus = new(wallClock: new FixedClock(Now), monotonicClock: () => 5_000_000_000);

    [Fact]
    public void AValueWithItsOwnTimestamp()
    {
        var e = Parse("""{"ts":"2025-06-01T11:59:58.5Z","source":"bench","name":"brakePressure","value":4.2,"device":"brakes"}""");
        Assert.Equal(RunEventKind.Ingested, e.Kind);
        Assert.Equal(("bench", "value", "brakePressure", 4.2, "brakes"), (e.Source, e.Detail, e.Subject, e.Value, e.Device));
        Assert.Equal(Now.AddSeconds(-1.5).Ticks, e.UtcTicks);
        Assert.Equal(5_000_000_000 - 1_500_000_000, e.MonotonicNanoseconds);
    }

    [Fact]
    public void ALogLineAndAnEventWithDefaults()
    {
        var log = Parse("""{"kind":"log","level":"warn","text":"door 3 blocked","ts":1748779200}""");
        Assert.Equal(("ingest", "log", "door 3 blocked", 3L), (log.Source, log.Detail, log.Text, log.Count));
        Assert.Equal(Now.Ticks, log.UtcTicks);
        var e = Parse("""{"name":"operator pressed emergency stop"}""");
        Assert.Equal("event", e.Detail);
        Assert.Equal(Now.Ticks, e.UtcTicks); // no ts: the arrival time
        Assert.Equal(2, Parse("""{"kind":"log","text":"x"}""").Count); // info
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "one JSON object")]
    [InlineData("""{"name":"x","vaule":1}""", "unknown field 'vaule'")]
    [InlineData("""{"name":"x","value":"high"}""", "'value' must be a finite number")]
    [InlineData("""{"kind":"value","name":"x"}""", "a value needs 'name' and a numeric 'value'")]
    [InlineData("""{"kind":"log"}""", "a log line needs 'text'")]
    [InlineData("""{"kind":"alarm","name":"x"}""", "expected event, value or log")]
    [InlineData("""{"kind":"log","text":"x","level":"fatal"}""", "expected debug, info, warn or error")]
    [InlineData("""{"name":"x","level":"warn"}""", "'level' belongs to log lines")]
    [InlineData("""{"ts":"2025-06-01T12:00:00","name":"x"}""", "no time zone")]
    [InlineData("""{"ts":"yesterday Z","name":"x"}""", "not an ISO 8601 timestamp")]
    [InlineData("""{"ts":1748779200000,"name":"x"}""", "not milliseconds")]
    [InlineData("""{"ts":"2024-01-01T00:00:00Z","name":"x"}""", "more than 7 days from now")]
    [InlineData("""{"source":42,"name":"x"}""", "'source' must be a string")]
    [InlineData("""{}""", "an event needs 'name' or 'text'")]
    public void ABadLineIsRefusedWithItsReason(string line, string reason)
    {
        Assert.False(IngestLineParser.TryParse(Encoding.UTF8.GetBytes(line), Now, _bus, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    private RunEvent Parse(string line)
    {
        Assert.True(IngestLineParser.TryParse(Encoding.UTF8.GetBytes(line), Now, _bus, out var parsed, out var error), error);
        return parsed;
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
