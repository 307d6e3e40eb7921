using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Configuration;

/// <summary>Every sample under configs/ must load cleanly.</summary>
public sealed class ConfigsTests
{
    public static TheoryData<string> ConfigFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryRoot.Require(), "configs"), "*.toml"))
        {
            if (Path.GetFileName(file) == DaemonConfigLoaderTests.SampleName)
            {
                continue;
            }

            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConfigFiles))]
    public void SampleConfigLoadsWithoutErrors(string fileName)
    {
        PlanLoadResult result = TomlPlanLoader.LoadFile(Path.Combine(RepositoryRoot.Require(), "configs", fileName)).Validated();

        Assert.True(result.Success, result.FormatErrors());
        Assert.NotNull(result.Plan);
        Assert.NotEmpty(result.Plan.Devices);
    }

    [Fact]
    public void ThereAreSampleConfigs() =>
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Require(), "configs", "quickstart.toml")));

    [Fact]
    public void Load10kHasMatchingPublicationsAndSubscriptions()
    {
        PlanLoadResult result = TomlPlanLoader.LoadFile(Path.Combine(RepositoryRoot.Require(), "configs", "load-10k.toml")).Validated();
        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;

        PublicationPlan publication = Assert.Single(plan.Devices[0].Publications);
        SubscriptionPlan subscription = Assert.Single(plan.Devices[1].Subscriptions);
        Assert.Equal(0x7F000002u, plan.Devices[0].Address);
        Assert.Equal(10000, publication.Count);
        Assert.Equal(10000u, publication.ComId);
        Assert.Equal(TimeSpan.FromMilliseconds(100), publication.Cycle);
        Assert.Equal(0x7F000003u, publication.Destination);
        Assert.Equal(10000, subscription.Count);
        Assert.Equal(publication.ComId, subscription.ComId);
        Assert.Equal(0x7F000002u, subscription.Source);
        Assert.Equal(TimeSpan.FromMilliseconds(300), subscription.Timeout);
        Assert.Equal("127.0.0.1:0", plan.Metrics.Listen);
        DatasetPlan dataset = Assert.Single(plan.Datasets);
        Assert.Equal(publication.DatasetId, dataset.Id);
        Assert.Equal("counter", Assert.Single(publication.Fields).Field);
    }
}
