using TrdpSim.Records;
using TrdpSim.Records.Analysis;
using TrdpSim.Records.Reports;
using Xunit;

namespace TrdpSim.Tests.Records;

/// <summary>Comparing two stored runs: the same figures are normal; lateness doubled or loss where there was none
/// is critical; a change within the intervals' own noise is not flagged.</summary>
public sealed class RunComparisonTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    private static long Noise(int i) => (i * 7919 % 11) - 5; // ±5 ns, deterministic

    [Fact]
    public void TheSameFiguresAreNormal()
    {
        string a = _fixture.Write(12, i => StoreFixture.Interval(i, 1000 + Noise(i), 0, 100_000 + (Noise(i) * 1000)));
        string b = _fixture.Write(12, i => StoreFixture.Interval(i, 1000 - Noise(i), 0, 100_000 - (Noise(i) * 1000)));
        RunComparison comparison = RunComparison.Compare(_fixture.Store.Load(a), _fixture.Store.Load(b));
        Assert.Equal(ChangeFlag.Normal, comparison.Worst);
        Assert.Contains("no difference beyond noise", ComparisonReport.Text(comparison, all: false), StringComparison.Ordinal);
    }

    [Fact]
    public void LatenessDoubledAndNewLossAreCritical()
    {
        string a = _fixture.Write(12, i => StoreFixture.Interval(i, 1000, 0, 100_000 + (Noise(i) * 1000)));
        string b = _fixture.Write(12, i => StoreFixture.Interval(i, 1000, 20 + Noise(i), 200_000 + (Noise(i) * 1000)));
        RunComparison comparison = RunComparison.Compare(_fixture.Store.Load(a), _fixture.Store.Load(b));
        Assert.Equal(ChangeFlag.Critical, comparison.Worst);
        ComparisonRow lateness = Assert.Single(comparison.Rows, r => r.Metric.Name == "lateness p99");
        Assert.True(lateness.BeyondNoise);
        Assert.Equal(ChangeFlag.Critical, lateness.Flag);
        Assert.InRange(lateness.RelativeChange, 0.9, 1.1);
        ComparisonRow loss = Assert.Single(comparison.Rows, r => r.Metric.Name == "loss");
        Assert.Equal(ChangeFlag.Critical, loss.Flag);
        string text = ComparisonReport.Text(comparison, all: false);
        Assert.Contains("*critical", text, StringComparison.Ordinal);
        Assert.Contains("verdict on B: critical", text, StringComparison.Ordinal);
        Assert.Contains("flag-critical", ComparisonReport.Html(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void ALatenessDropIsNormal()
    {
        string a = _fixture.Write(12, i => StoreFixture.Interval(i, 1000, 0, 200_000 + (Noise(i) * 1000)));
        string b = _fixture.Write(12, i => StoreFixture.Interval(i, 1000, 0, 100_000 + (Noise(i) * 1000)));
        RunComparison comparison = RunComparison.Compare(_fixture.Store.Load(a), _fixture.Store.Load(b));
        ComparisonRow lateness = Assert.Single(comparison.Rows, r => r.Metric.Name == "lateness p99");
        Assert.True(lateness.BeyondNoise);
        Assert.Equal(ChangeFlag.Normal, lateness.Flag);
    }

    public void Dispose() => _fixture.Dispose();
}
