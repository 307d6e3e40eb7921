using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using TrdpSim.Control.WebConsole;
using TrdpSim.Records.Reports;

namespace TrdpSim.Tests.Control.WebConsole;

/// <summary>The web console served from the binary: index.html never cached with a same-origin policy, hashed assets
/// cached for a year, Brotli or gzip as the browser accepts, the right content types, and the token check.</summary>
public sealed partial class ConsoleServingTests
{
    [Fact]
    public void TheBuildEmbedsTheConsoleWithCompressedCopiesAndHashedAssetNames()
    {
        var assets = ConsoleAssets.Embedded;
        Assert.False(assets.IsEmpty, "the console is not embedded: web/console did not build");
        var index = assets.Find("index.html")!;
        Assert.False(index.Immutable);
        var scripts = assets.Paths.Where(p => HashedScript().IsMatch(p)).ToList();
        Assert.Single(scripts);
        var script = assets.Find(scripts[0])!;
        Assert.True(script.Immutable);
        Assert.Equal("text/javascript; charset=utf-8", script.ContentType);
        Assert.Contains(scripts[0], System.Text.Encoding.UTF8.GetString(index.Identity), StringComparison.Ordinal);
        using var brotli = new BrotliStream(new MemoryStream(script.Brotli!), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        brotli.CopyTo(plain);
        Assert.Equal(script.Identity, plain.ToArray());
        Assert.True(script.Brotli!.Length < script.Identity.Length / 2);
    }

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip;q=0.5", "gzip")]
    [InlineData("identity", null)]
    [InlineData("", null)]
    public void TheEncodingIsTheBestTheRequestAccepts(string acceptEncoding, string? expected)
    {
        var asset = new ConsoleAsset("assets/x.js", "text/javascript", [1, 2, 3], [9], [8], Immutable: true);
        var (body, encoding) = ConsoleEndpoints.Choose(asset, acceptEncoding);
        Assert.Equal(expected, encoding);
        Assert.Equal(expected switch { "br" => [9], "gzip" => [8], _ => new byte[] { 1, 2, 3 } }, body);
    }

    [Fact]
    public async Task TheDaemonServesThePageAndItsAssetsWithCacheRulesAndChecksTheToken()
    {
        await using var daemon = await ControlServerHarness.StartAsync();
        using var index = await daemon.Anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
        Assert.True(index.Headers.CacheControl!.NoCache);
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await index.Content.ReadAsStringAsync();
        var script = AssetReference().Match(html).Groups[1].Value;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + script);
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var asset = await daemon.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("br", asset.Content.Headers.ContentEncoding.Single());
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), asset.Headers.CacheControl!.MaxAge);
        Assert.Contains("Accept-Encoding", asset.Headers.Vary);

        using var missing = await daemon.Anonymous.GetAsync("/assets/main-OLD.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var anonymous = await daemon.Anonymous.GetAsync("/api/token/check");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var known = await daemon.Client.GetAsync("/api/token/check");
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    [Fact]
    public void TheConsolePolicyAllowsTheReportScriptByItsHashAndNoOtherInlineScript()
    {
        // A report shown from a blob: URL keeps the console's policy: its one inline script must be allowed there by hash.
        var html = new HtmlPage().Render("report", "{}");
        var inline = InlineScript().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var text = Assert.Single(inline);
        var hash = "'sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))) + "'";
        var scriptSources = Directive(ConsoleEndpoints.ContentSecurityPolicy, "script-src");
        Assert.Equal(["'self'", hash], scriptSources);
        Assert.Equal([hash], Directive(ReportBundle.ContentSecurityPolicy, "script-src"));
        Assert.Equal(["'none'"], Directive(ReportBundle.ContentSecurityPolicy, "default-src"));
    }

    private static string[] Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"^assets/main-[A-Z0-9]+\.js$")]
    private static partial Regex HashedScript();

    [GeneratedRegex("src=\"/(assets/main-[A-Z0-9]+\\.js)\"")]
    private static partial Regex AssetReference();
}
