using System.Text;

namespace TrdpSim.Records.Reports;

/// <summary>The report's script and style, built from tools/report-ui (uPlot, bundled by esbuild) and embedded
/// in this assembly at build time, so a report carries its own charting code and opens without a network.</summary>
internal static class ReportBundle
{
    private static readonly Lazy<string> ScriptText = new(() => Read("TrdpSim.Report.report.js"));
    private static readonly Lazy<string> StyleText = new(() => Read("TrdpSim.Report.report.css"));

    public static string Script => ScriptText.Value;

    public static string Style => StyleText.Value;

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
