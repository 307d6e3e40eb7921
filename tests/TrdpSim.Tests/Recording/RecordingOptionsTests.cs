using TrdpSim.Recording;

namespace TrdpSim.Tests.Recording;

/// <summary>The grammar of <c>--record-filter</c> and <c>--record-rotate</c>.</summary>
public sealed class RecordingOptionsTests
{
    [Fact]
    public void FilterTermsOfOneKeyAddUpAndKeysCombine()
    {
        Assert.True(RecordingFilter.TryParse(["comid=1000,1001", "device=tcms", "comid=7"], out var filter, out _));
        Assert.Equal(new HashSet<uint> { 7, 1000, 1001 }, filter.ComIds!.ToHashSet());
        Assert.True(filter.KeepsDevice("tcms"));
        Assert.False(filter.KeepsDevice("doors"));
        Assert.Equal("comid=7,1000,1001 device=tcms", filter.ToString());
        Assert.True(RecordingFilter.TryParse([], out var all, out _));
        Assert.Same(RecordingFilter.All, all);
        Assert.Equal("all", all.ToString());
    }

    [Theory]
    [InlineData("comid", "expected key=value")]
    [InlineData("comid=", "expected key=value")]
    [InlineData("comid=1000,", "expected key=value")]
    [InlineData("comid=x", "ComId 'x' is not a whole number")]
    [InlineData("comid=4294967296", "is not a whole number")]
    [InlineData("port=17224", "unknown key 'port' (comid, device)")]
    public void ABadFilterTermIsNamed(string term, string message)
    {
        Assert.False(RecordingFilter.TryParse([term], out _, out var error));
        Assert.StartsWith($"'{term}': ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100MB", 100_000_000L, null)]
    [InlineData("512KiB", 524_288L, null)]
    [InlineData("1GB", 1_000_000_000L, null)]
    [InlineData("10m", null, 600.0)]
    [InlineData("30s", null, 30.0)]
    public void RotationTakesASizeOrADuration(string text, long? bytes, double? seconds)
    {
        Assert.True(RecordingRotation.TryParse([text], out var rotation, out var error), error);
        Assert.Equal(bytes, rotation.Bytes);
        Assert.Equal(seconds, rotation.Period?.TotalSeconds);
        Assert.True(rotation.Rotates);
    }

    [Fact]
    public void RotationTakesBothLimits()
    {
        Assert.True(RecordingRotation.TryParse(["100MB", "10m"], out var rotation, out _));
        Assert.Equal("100000000B or 10m", rotation.ToString());
    }

    [Theory]
    [InlineData("1KB", "at least 64KiB")]
    [InlineData("500ms", "at least 1s")]
    [InlineData("100XB", "expected a size (100MB, 512KiB, 1GB) or a duration")]
    [InlineData("-5m", "expected a size")]
    public void ABadRotationIsNamed(string text, string message)
    {
        Assert.False(RecordingRotation.TryParse([text], out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameLimitTwiceIsAnError()
    {
        Assert.False(RecordingRotation.TryParse(["1MB", "2MB"], out _, out var error));
        Assert.Contains("size limit was given twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NumberedFilesKeepTheirExtensionLast()
    {
        Assert.Equal("/tmp/run-0001.pcapng", FrameRecorder.NumberedPath("/tmp/run.pcapng", 1));
        Assert.Equal("run-0012", FrameRecorder.NumberedPath("run", 12));
    }
}
