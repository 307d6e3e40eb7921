using Microsoft.Extensions.Configuration;
using TrdpSim.Control;

namespace TrdpSim.Tests.Control;

/// <summary>The HTTP servers read their configuration files once and watch none: a watcher of the working directory
/// adds an entry for every directory other processes create there, for as long as the daemon runs.</summary>
public sealed class ConfigurationReloadTests
{
    [Fact]
    public async Task TheControlServerWatchesNoConfigurationFile()
    {
        await using var harness = await ControlServerHarness.StartAsync();
        AssertNothingReloads(harness.Server.Configuration);
    }

    [Fact]
    public async Task TheMetricsServerWatchesNoConfigurationFile()
    {
        await using var server = await MetricsServer.StartAsync("127.0.0.1:0", Prometheus.Metrics.NewCustomRegistry(), CancellationToken.None);
        AssertNothingReloads(server.Configuration);
    }

    private static void AssertNothingReloads(IConfiguration configuration)
    {
        var files = ((IConfigurationRoot)configuration).Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.NotEmpty(files); // appsettings.json is still read (optional), once
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file.Source.Path} is watched for changes"));
    }
}
