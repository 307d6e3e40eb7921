using System.Security.Cryptography;
using System.Text;

namespace TrdpSim.Records.Reports;

/// <summary>The report's script and style, built from tools/report-ui (uPlot, bundled by esbuild) and embedded
/// in this assembly at build time, so a report carries its own charting code and opens without a network.</summary>
internal static class ReportBundle
{
    private static readonly Lazy<string> ScriptText = new(() => Read("TrdpSim.Report.report.js"));
    private static readonly Lazy<string> StyleText = new(() => Read("TrdpSim.Report.report.css"));
    private static readonly Lazy<string> ScriptElementText = new(() => "\n" + Inline(Script).ReplaceLineEndings("\n") + "\n");
    private static readonly Lazy<string?> ScriptHashText = new(() => Present
        ? "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ScriptElement))) + "'"
        : null);

    public static string Script => ScriptText.Value;

    public static string Style => StyleText.Value;

    /// <summary>The text of the report's one inline &lt;script&gt; element, exactly as the page carries it (line ends
    /// as an HTML parser leaves them, so the hash below is the hash a browser computes).</summary>
    public static string ScriptElement => ScriptElementText.Value;

    /// <summary>The CSP source that allows exactly that script (<c>'sha256-…'</c>); null in a build without the bundle.
    /// The report's data is JSON in a non-executable element, so one hash holds for every report of this build.</summary>
    public static string? ScriptHashSource => ScriptHashText.Value;

    /// <summary>The policy a report is served with: nothing loaded from anywhere, its own style, and its one script by hash.</summary>
    public static string ContentSecurityPolicy =>
        $"default-src 'none'; script-src {ScriptHashSource ?? "'none'"}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private static string Read(string name)
    {
        using Stream stream = typeof(ReportBundle).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the report bundle '{name}' is not in this build (tools/report-ui was not built)");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Makes <paramref name="code"/> safe inside a &lt;script&gt; or &lt;style&gt; element: no early end tag
    /// (esbuild already escapes it in strings; this keeps any other occurrence from closing the element).</summary>
    public static string Inline(string code) =>
        code.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase).Replace("</style", "<\\/style", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the build carries the bundle (false in a build without Node.js).</summary>
    public static bool Present => typeof(ReportBundle).Assembly.GetManifestResourceInfo("TrdpSim.Report.report.js") is not null;
}
