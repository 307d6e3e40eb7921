using System.Runtime.Versioning;
using TrdpSim.Control.Security;
using Xunit;

namespace TrdpSim.Tests.Control;

/// <summary>The daemon's token file: a generated token is kept for the next start (so open console pages and
/// scripts survive a restart), but only from an owner-only regular file holding a token of the generated shape.</summary>
[UnsupportedOSPlatform("windows")] // token files are owner-only by Unix file mode
public sealed class ControlTokenTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _folder = Directory.CreateTempSubdirectory("trdpsim-token-").FullName;

    private string TokenFile => Path.Combine(_folder, "token");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ASecondStartKeepsTheTokenTheFirstStartGenerated()
    {
        var first = ControlToken.Resolve(fromEnvironment: null, configured: null, TokenFile, renew: false);
        var written = File.ReadAllText(TokenFile).Trim();

        var second = ControlToken.Resolve(fromEnvironment: null, configured: null, TokenFile, renew: false);

        Assert.Equal("generated at start", first.Source);
        Assert.Equal("kept from an earlier start", second.Source);
        Assert.True(second.Matches(written));
        Assert.Equal(written, File.ReadAllText(TokenFile).Trim());
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(TokenFile));
    }

    [Fact]
    public void RenewReplacesTheKeptToken()
    {
        ControlToken.Resolve(fromEnvironment: null, configured: null, TokenFile, renew: false);
        var old = File.ReadAllText(TokenFile).Trim();

        var renewed = ControlToken.Resolve(fromEnvironment: null, configured: null, TokenFile, renew: true);

        Assert.Equal("generated at start", renewed.Source);
        Assert.False(renewed.Matches(old));
        Assert.True(renewed.Matches(File.ReadAllText(TokenFile).Trim()));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead)]
    public void ATokenOthersCouldReadIsNotKept(UnixFileMode mode)
    {
        var leaked = ControlToken.Generate();
        File.WriteAllText(TokenFile, leaked + "\n");
        File.SetUnixFileMode(TokenFile, mode);

        Assert.Null(ControlToken.Kept(TokenFile));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("not a token at all, but 43 characters long!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void AFileThatDoesNotHoldAGeneratedTokenIsNotKept(string content)
    {
        File.WriteAllText(TokenFile, content);
        File.SetUnixFileMode(TokenFile, OwnerOnly);

        Assert.Null(ControlToken.Kept(TokenFile));
    }

    [Fact]
    public void ALinkIsNotFollowed()
    {
        var target = Path.Combine(_folder, "elsewhere");
        File.WriteAllText(target, ControlToken.Generate());
        File.SetUnixFileMode(target, OwnerOnly);
        File.CreateSymbolicLink(TokenFile, target);

        Assert.Null(ControlToken.Kept(TokenFile));
    }

    [Fact]
    public void AMissingFileKeepsNothing() => Assert.Null(ControlToken.Kept(TokenFile));

    [Fact]
    public void AnOwnerOnlyFileWithAGeneratedTokenIsKept()
    {
        var token = ControlToken.Generate();
        File.WriteAllText(TokenFile, token + "\n");
        File.SetUnixFileMode(TokenFile, OwnerOnly);

        Assert.Equal(token, ControlToken.Kept(TokenFile));
    }
}
