using System.Text;
using TrdpSim.Configuration;
using TrdpSim.Plan;
using TrdpSim.Plan.Validation;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Fuzz;

/// <summary>Every input the fuzzer (tools/fuzz/run.sh) made crash, once fixed, stays fixed: each file of
/// <c>Fuzz/Findings/</c> (named <c>&lt;target&gt;-&lt;what&gt;.*</c>) goes through its target's code as the harness
/// runs it, and must come back as a result — errors with positions — never as an exception.</summary>
public sealed class FuzzFindingTests
{
    public static TheoryData<string> Findings()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(FindingsDirectory()).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void AFixedFindingIsAnsweredWithoutAnException(string finding)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(FindingsDirectory(), finding));
        string target = finding[..finding.IndexOf('-', StringComparison.Ordinal)];
        switch (target)
        {
            case "toml":
                // As the harness: load, then validate what loaded.
                var result = TomlPlanLoader.Load(Encoding.UTF8.GetString(input), "fuzz.toml");
                if (result.Draft is { } plan)
                {
                    _ = PlanValidator.Validate(plan);
                }

                break;
            default:
                Assert.Fail($"{finding}: no target '{target}' here — add its harness call as in tools/fuzz/TrdpSim.Fuzz/Targets.cs");
                break;
        }
    }

    [Fact]
    public void AnElementWithoutANameIsAPlanErrorAtItsPosition() // toml-empty-element-name.toml: "nVme" for "name"
    {
        const string toml = """
            [[dataset]]
            id = 1001
            name = "d"
              [[dataset.element]]
              type = "UINT8"
            """;
        var result = TomlPlanLoader.Load(toml, "plan.toml");
        var errors = PlanValidator.Validate(result.Draft!);
        var error = Assert.Single(errors, e => e.Message.Contains("name must not be empty", StringComparison.Ordinal));
        Assert.Equal("dataset 1001 element 1: name must not be empty", error.Message);
        Assert.Equal("plan.toml", error.Location.File);
    }

    [Fact]
    public void AFileEndingInAStringAfterABackslashIsAnErrorAtThatBackslash() // toml-backslash-at-end-of-file.toml
    {
        var result = TomlPlanLoader.Load("[run]\nname = \"a\\", "plan.toml");
        var error = Assert.Single(result.Errors, e => e.Message.Contains("ends inside a string", StringComparison.Ordinal));
        Assert.Equal("the file ends inside a string, right after a '\\'", error.Message);
        Assert.Equal(new SourceLocation("plan.toml", 2, 10), error.Location);
    }

    private static string FindingsDirectory() => Path.Combine(RepositoryRoot.Require(), "tests", "TrdpSim.Tests", "Fuzz", "Findings");
}
