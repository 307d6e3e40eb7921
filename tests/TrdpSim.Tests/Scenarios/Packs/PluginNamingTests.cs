using CsCheck;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Tests.Scenarios.Packs;

public sealed class PluginNamingTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("basic-train", true)]
    [InlineData("md2-storm-9", true)]
    [InlineData("Basic", false)]
    [InlineData("9lives", false)]
    [InlineData("a--b", false)]
    [InlineData("a-", false)]
    [InlineData("a_b", false)]
    [InlineData("a.b", false)]
    [InlineData("", false)]
    public void NamesAreLowercaseKebab(string name, bool valid) => Assert.Equal(valid, PluginNaming.IsValidName(name));

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("0.0.1-alpha", true)]
    [InlineData("1.2.3-rc.1+build.7", true)]
    [InlineData("10.20.30+exp.sha.5114f85", true)]
    [InlineData("1.0", false)]
    [InlineData("1.0.0.0", false)]
    [InlineData("01.0.0", false)]
    [InlineData("1.0.0-01", false)]
    [InlineData("1.0.0-", false)]
    [InlineData("1.0.0+", false)]
    [InlineData("v1.0.0", false)]
    [InlineData("1.0.0-a..b", false)]
    public void VersionsAreSemver(string version, bool valid) => Assert.Equal(valid, PluginNaming.IsValidVersion(version));

    [Theory]
    [InlineData("scenario.js", null)]
    [InlineData("lib/util-1.mjs", null)]
    [InlineData("../x.js", "'..'")]
    [InlineData("a/../../x.js", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:/x.js", "absolute")]
    [InlineData("a\\b.js", "absolute")]
    [InlineData(".hidden", "hidden")]
    [InlineData("a//b", "empty path segment")]
    [InlineData("with space.js", "only ASCII")]
    [InlineData("a/b/c/d/e/f/g/h/i.js", "deeper")]
    public void PackPathsAcceptOnlyPortableRelativeNames(string path, string? problem)
    {
        string? actual = PackPaths.Problem(path);
        if (problem is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Contains(problem, actual, StringComparison.Ordinal);
        }
    }

    /// <summary>Whatever name a hostile archive carries, an accepted one stays inside the folder it is written to.</summary>
    [Fact]
    public void AcceptedPathsNeverLeaveTheTargetFolder()
    {
        string root = Path.Combine(Path.GetTempPath(), "trdpsim-root") + Path.DirectorySeparatorChar;
        const string Alphabet = "./\\:~a-_ ";
        Gen.Int[0, Alphabet.Length - 1].Select(i => Alphabet[i]).Array[0, 24]
            .Select(chars => new string(chars))
            .Sample(path =>
            {
                if (PackPaths.Problem(path) is null)
                {
                    Assert.StartsWith(root, Path.GetFullPath(Path.Combine(root, path)), StringComparison.Ordinal);
                    Assert.DoesNotContain("..", path.Split('/'));
                }
            }, iter: 20_000);
    }
}
