using System.Text.RegularExpressions;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Architecture;

/// <summary>One naming style for tests: a test is named by the sentence it proves, in PascalCase
/// (<c>ALateReplyCountsAsLate</c>), in both test projects — not snake_case, not Method_Condition_Result.</summary>
/// <remarks>Read from the sources rather than by reflection, so the integration tests are checked without loading
/// their assembly into this one (build output goes to artifacts/, never under tests/).</remarks>
public sealed partial class TestNamingTests
{
    [Fact]
    public void EveryTestIsNamedInPascalCaseWithoutUnderscores()
    {
        string tests = Path.Combine(RepositoryRoot.Require(), "tests");
        var offenders = new List<string>();
        int seen = 0;
        foreach (string file in Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories))
        {
            string source = File.ReadAllText(file);
            foreach (Match attribute in TestAttribute().Matches(source))
            {
                Match method = TestMethod().Match(source, attribute.Index + attribute.Length);
                Assert.True(method.Success, $"{file}: a test attribute at offset {attribute.Index} with no method after it");
                seen++;
                string name = method.Groups["name"].Value;
                if (name.Contains('_') || !char.IsUpper(name[0]))
                {
                    offenders.Add($"{Path.GetRelativePath(tests, file)}: {name}");
                }
            }
        }

        Assert.True(seen > 1000, $"only {seen} tests found under {tests}: the scan no longer sees them");
        Assert.True(offenders.Count == 0, "tests named otherwise than in PascalCase:\n" + string.Join('\n', offenders));
    }

    [GeneratedRegex(@"^\s*\[(?:Fact|Theory)\b", RegexOptions.Multiline)]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"\bpublic\s+(?:async\s+)?(?:Task|void|ValueTask)\s+(?<name>\w+)\s*\(")]
    private static partial Regex TestMethod();
}
