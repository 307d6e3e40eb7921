using TrdpSim.Tests.Infrastructure;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrdpSim.Tests.Control;

/// <summary>tools/grafana/trdpsim-dashboard.json: a dashboard model Grafana imports (schema version, panels with
/// positions and Prometheus targets, a data source variable), and every metric its expressions query is on
/// <c>/metrics</c> of a running daemon. Metric names are read by one rule (tools/grafana/README.md): every word
/// that starts with <c>trdpsim_</c>.</summary>
public sealed partial class GrafanaDashboardTests
{
    private static JsonElement Dashboard()
    {
        var path = Path.Combine(RepositoryRoot.Require(), "tools", "grafana", "trdpsim-dashboard.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    private static List<string> Expressions(JsonElement dashboard) =>
        [.. dashboard.GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!)];

    internal static SortedSet<string> MetricNames(IEnumerable<string> expressions) =>
        new(expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)), StringComparer.Ordinal);

    [Fact]
    public void TheDashboardIsAGrafanaDashboardModelWithAPrometheusDatasourceVariable()
    {
        var d = Dashboard();
        Assert.True(d.GetProperty("schemaVersion").GetInt32() >= 36);
        Assert.False(string.IsNullOrEmpty(d.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(d.GetProperty("uid").GetString()));
        var variables = d.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        var datasource = variables.Single(v => v.GetProperty("type").GetString() == "datasource");
        Assert.Equal("prometheus", datasource.GetProperty("query").GetString());
        var name = "${" + datasource.GetProperty("name").GetString() + "}";
        var ids = new HashSet<int>();
        var panels = d.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 8);
        foreach (var panel in panels)
        {
            Assert.True(ids.Add(panel.GetProperty("id").GetInt32()), "panel ids must be unique");
            Assert.Contains(panel.GetProperty("type").GetString(), new[] { "timeseries", "state-timeline", "stat", "gauge", "table" });
            var grid = panel.GetProperty("gridPos");
            Assert.All(new[] { "x", "y", "w", "h" }, k => Assert.True(grid.GetProperty(k).GetInt32() >= 0));
            Assert.True(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32() <= 24, "a panel is wider than Grafana's 24 columns");
            Assert.Equal(name, panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.NotEmpty(targets);
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString())));
            Assert.Equal(targets.Count, targets.Select(t => t.GetProperty("refId").GetString()).Distinct().Count());
        }

        var expressions = Expressions(d);
        Assert.Contains(expressions, e => e.Contains("histogram_quantile(0.99", StringComparison.Ordinal) && e.Contains("send_lateness_distribution", StringComparison.Ordinal));
        Assert.All(expressions, e => Assert.Equal(e.Count(c => c == '('), e.Count(c => c == ')')));
    }

    [Fact]
    public void TheMetricNameRuleReadsNamesAndNothingElse()
    {
        Assert.Equal(["trdpsim_a_bucket", "trdpsim_b_total"],
            MetricNames(["histogram_quantile(0.99, sum by (le) (rate(trdpsim_a_bucket{run=~\"$run\"}[$__rate_interval]))) / sum(trdpsim_b_total)"]));
    }

    [Fact]
    public async Task EveryMetricTheDashboardQueriesIsOnTheMetricsOfARunningDaemon()
    {
        await using var daemon = await ControlServerHarness.StartAsync();
        // Beside the pair's PD: a pull answered by A, and MD calls from B to A, so every family of metrics has samples.
        var plan = daemon.Files.Write("dashboard.toml", DaemonPairToml.Text(
            "dashboard",
            publisherExtra: """
                  [[device.publish]]
                  name = "status"
                  com-id = 1300
                  dataset = 1001
                  cycle = 0
                  destination = "10.9.0.2"
                  [[device.subscribe]]
                  name = "pull-request"
                  com-id = 1301
                  source = "10.9.0.2"
                  timeout = "infinite"
                  [[device.md-reply]]
                  name = "diag"
                  com-id = 2001
                  payload-length = 8
                """,
            subscriberExtra: """
                  [[device.subscribe]]
                  name = "status-reply"
                  com-id = 1300
                  source = "10.9.0.1"
                  timeout = "infinite"
                  [[device.pull]]
                  name = "status-pull"
                  com-id = 1301
                  reply-com-id = 1300
                  target = "10.9.0.1"
                  interval = "100ms"
                  timeout = "200ms"
                  [[device.md-call]]
                  name = "diag-call"
                  com-id = 2001
                  destination = "10.9.0.1"
                  rate = 20
                  reply-timeout = "500ms"
                  payload-length = 8
                """,
            extra: """
                [[fault]]
                name = "some-loss"
                kind = "loss"
                device = "A"
                telegram = "out"
                probability = 0.2
                [[threshold]]
                metric = "pd_loss_ratio{comId=1000}"
                rule = "rate < 50%"
                """));
        await daemon.StartRunAsync(plan);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var exposition = await daemon.Anonymous.GetStringAsync("/metrics");
        var exposed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length > 0 && line[0] != '#')
            {
                exposed.Add(SampleName().Match(line).Value);
            }
        }

        var missing = MetricNames(Expressions(Dashboard())).Where(m => !exposed.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "queried by the dashboard, not on /metrics: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"\btrdpsim_[a-zA-Z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();
}
