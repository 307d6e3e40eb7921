using System.Text.Json;
using TrdpSim.Control.Api;

namespace TrdpSim.Tests.Control.WebConsole;

/// <summary>The endpoints the console builds its pages from: the fault kinds with their keys and limits, a fault
/// checked as an injection checks it, and a run's topology derived from its plan.</summary>
public sealed class ConsoleApiTests
{
    [Fact]
    public void EveryFaultKindAndKeyOfTheEngineIsInTheCatalogWithAType()
    {
        var catalog = FaultCatalog.Response();
        Assert.Contains(catalog.Kinds, k => k.Kind == "loss" && k.Parameters.Single().Key == "probability" && k.Parameters.Single().Max == 1);
        Assert.Contains(catalog.Kinds, k => k.Kind == "sequence" && k.Parameters.Any(p => p.Key == "mode" && p.Words!.Contains("freeze")));
        foreach (var parameter in catalog.Common.Concat(catalog.Kinds.SelectMany(k => k.Parameters)))
        {
            Assert.NotEqual(parameter.Key, parameter.Help); // described here, not listed as a bare key
        }
    }

    [Theory]
    [InlineData("""{"kind":"loss","device":"A","probability":0.5}""", true, "")]
    [InlineData("""{"kind":"loss","device":"A","probability":1.5}""", false, "'probability' must be between 0 and 1")]
    [InlineData("""{"kind":"loss","device":"A","depth":3}""", false, "'depth' does not apply to a 'loss' fault")]
    [InlineData("""{"kind":"lost","device":"A"}""", false, "unknown fault kind 'lost'")]
    [InlineData("""{"kind":"loss","device":"A","probabilty":0.5}""", false, "'probabilty': unknown key")]
    public void AFaultIsValidatedAsAnInjectionValidatesIt(string json, bool valid, string error)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        var answer = FaultCatalog.Validate(body);
        Assert.Equal(valid, answer.Valid);
        if (!valid)
        {
            Assert.Contains(answer.Errors, e => e.Contains(error, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task TheTopologyLinksThePublisherToItsSubscriberAndListsTheDatasetFields()
    {
        await using var daemon = await ControlServerHarness.StartAsync();
        var id = await daemon.StartRunAsync(daemon.Files.Pair("topo"));
        var (status, body) = await ControlServerHarness.ReadAsync(daemon.Anonymous.GetAsync($"/api/runs/{id}/topology"));
        Assert.Equal(200, status);
        Assert.Equal(["A", "B"], body.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("name").GetString()!));
        var telegrams = body.GetProperty("telegrams").EnumerateArray().ToList();
        var publication = telegrams.Single(t => t.GetProperty("id").GetString() == "A/out");
        Assert.Equal("publish", publication.GetProperty("role").GetString());
        Assert.Equal(0.01, publication.GetProperty("cycleSeconds").GetDouble(), 6);
        Assert.Equal(["life", "mode"], publication.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("path").GetString()!));
        var subscription = telegrams.Single(t => t.GetProperty("id").GetString() == "B/in");
        Assert.Equal(2, subscription.GetProperty("fields").GetArrayLength()); // the dataset of the publication of its ComId
        var link = body.GetProperty("links").EnumerateArray().Single();
        Assert.Equal("A/out", link.GetProperty("from").GetString());
        Assert.Equal("B/in", link.GetProperty("to").GetString());
        Assert.Equal(1000u, link.GetProperty("comId").GetUInt32());
        var (missing, _) = await ControlServerHarness.ReadAsync(daemon.Anonymous.GetAsync("/api/runs/nope/topology"));
        Assert.Equal(404, missing);
    }

    [Theory]
    [InlineData(1000u, 1, 1u, 1000u, 1, 1u, true)]
    [InlineData(1000u, 1, 1u, 1001u, 1, 1u, false)]
    [InlineData(1000u, 10000, 1u, 5000u, 1, 1u, true)]
    [InlineData(1000u, 10, 2u, 1003u, 1, 1u, false)]
    [InlineData(1000u, 10, 1u, 1009u, 5, 1u, true)]
    [InlineData(1000u, 10, 1u, 1010u, 5, 1u, false)]
    public void ComIdRangesOverlapWhenTheyShareAComId(uint a, int countA, uint stepA, uint b, int countB, uint stepB, bool overlap) =>
        Assert.Equal(overlap, TopologyView.Overlap(a, countA, stepA, b, countB, stepB));
}
