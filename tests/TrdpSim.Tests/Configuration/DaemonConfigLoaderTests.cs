using TrdpSim.Configuration;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Configuration;

/// <summary>The daemon config (<c>trdpsim serve --config</c>): the sample loads, every setting is read, and every
/// mistake is an error at its position.</summary>
public sealed class DaemonConfigLoaderTests
{
    public const string SampleName = "daemon.toml";

    [Fact]
    public void TheSampleDaemonConfigLoads()
    {
        var (settings, errors) = DaemonConfigLoader.LoadFile(Path.Combine(RepositoryRoot.Require(), "configs", SampleName));
        Assert.Empty(errors);
        Assert.Equal("http://127.0.0.1:9465", settings!.Urls);
        Assert.Null(settings.Token);
        Assert.Equal(8, settings.MaxLiveRuns);
        Assert.Equal(TimeSpan.FromHours(1), settings.FinishedRetention);
    }

    [Fact]
    public void ADeviceGivenAsTheConfigIsRefusedNotRead()
    {
        // /dev/zero never ends (read until memory ran out); a FIFO's open waited for a writer before serve served.
        var (settings, errors) = DaemonConfigLoader.LoadFile("/dev/zero");
        Assert.Null(settings);
        Assert.Equal("/dev/zero: error: not a regular file (a character device): only a file that ends can be read", Assert.Single(errors).ToString());
    }

    [Fact]
    public void EverySettingIsReadAndRelativePathsAreTakenFromTheFile()
    {
        var (settings, errors) = DaemonConfigLoader.Load("""
            [daemon]
            urls = "http://127.0.0.1:1, http://127.0.0.2:2"
            token = "abc"
            token-file = "run/token"
            plugin-dir = "/opt/plugins"
            data-dir = "data"
            max-live-runs = 3
            max-finished-runs = 0
            finished-retention = "10m"
            """, "/etc/trdpsim/daemon.toml");
        Assert.Empty(errors);
        Assert.Equal("http://127.0.0.1:1, http://127.0.0.2:2", settings!.Urls);
        Assert.Equal("abc", settings.Token);
        Assert.Equal("/etc/trdpsim/run/token", settings.TokenFile);
        Assert.Equal("/opt/plugins", settings.PluginDirectory);
        Assert.Equal("/etc/trdpsim/data", settings.DataDirectory);
        Assert.Equal(3, settings.MaxLiveRuns);
        Assert.Equal(0, settings.MaxFinishedRuns);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.FinishedRetention);
    }

    [Theory]
    [InlineData("[daemon]\nurl = \"http://127.0.0.1:1\"\n", "d.toml:2:", "url")]
    [InlineData("[daemon]\nurls = \"ftp://x\"\n", "d.toml:2:", "ftp://x")]
    [InlineData("[daemon]\nmax-live-runs = 0\n", "d.toml:2:", "max-live-runs")]
    [InlineData("[daemon]\nfinished-retention = \"soon\"\n", "d.toml:2:", "finished-retention")]
    [InlineData("[deamon]\n", "d.toml:", "deamon")]
    [InlineData("[daemon\n", "d.toml:1:", "")]
    public void AMistakeIsAnErrorAtItsPosition(string text, string at, string naming)
    {
        var (settings, errors) = DaemonConfigLoader.Load(text, "d.toml");
        Assert.Null(settings);
        Assert.Contains(errors, e => e.ToString().StartsWith(at, StringComparison.Ordinal) && e.ToString().Contains(naming, StringComparison.Ordinal));
    }
}
