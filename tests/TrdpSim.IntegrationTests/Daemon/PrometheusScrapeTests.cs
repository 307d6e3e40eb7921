using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TrdpSim.Control;
using TrdpSim.Hosting;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>The latency histograms of <c>/metrics</c> as Prometheus itself sees them: <c>promtool check metrics</c>
/// finds nothing to object to, and a real Prometheus server (Debian's <c>prometheus</c>) scraping a run answers
/// <c>histogram_quantile</c> over a window with a plausible number.</summary>
public sealed class PrometheusScrapeTests
{
    [PrometheusFact("promtool")]
    public async Task MetricsWithHistogramsPassPromtool()
    {
        await using var run = await MetricsRun.StartAsync();
        await Task.Delay(500);
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(run.Metrics.BoundAddress!, "/metrics"));
        Assert.Contains("trdpsim_pd_send_lateness_distribution_seconds_bucket{device=\"A\",telegram=\"out\",role=\"publish\",le=\"0.0001\"}", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_pd_jitter_distribution_seconds_count{device=\"B\",telegram=\"in\",role=\"subscribe\"}", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_wheel_lateness_distribution_seconds_bucket{le=\"+Inf\"}", text, StringComparison.Ordinal);

        var (code, output) = await RunToolAsync("promtool", ["check", "metrics"], text, TimeSpan.FromSeconds(30));
        Assert.True(code == 0 && output.Trim().Length == 0, $"promtool check metrics: exit {code}\n{output}");
    }

    [PrometheusFact("prometheus")]
    public async Task ARealPrometheusAnswersHistogramQuantileOverAWindow()
    {
        await using var run = await MetricsRun.StartAsync();
        var directory = Directory.CreateTempSubdirectory("trdpsim-prometheus-");
        var port = FreePort();
        var config = Path.Combine(directory.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: trdpsim
                static_configs:
                  - targets: ["{run.Metrics.BoundAddress!.Authority}"]
            """);
        using var prometheus = Process.Start(new ProcessStartInfo("prometheus",
        [
            "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(directory.FullName, "data"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "--log.level=warn",
        ])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var log = new System.Text.StringBuilder();
        prometheus.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        prometheus.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
            const string query = "histogram_quantile(0.99, sum by (le) (rate(trdpsim_pd_send_lateness_distribution_seconds_bucket{telegram=\"out\"}[30s])))";
            double? answer = null;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (answer is null && DateTime.UtcNow < deadline && !prometheus.HasExited)
            {
                await Task.Delay(1000);
                answer = await QueryAsync(http, query);
            }

            string Log()
            {
                lock (log)
                {
                    return log.ToString();
                }
            }

            Assert.False(prometheus.HasExited, $"prometheus exited ({(prometheus.HasExited ? prometheus.ExitCode : 0)}):\n{Log()}");
            Assert.True(answer is not null, $"no answer to {query} within 60 s:\n{Log()}");
            // Send lateness on loopback: above zero, and far below a second even on a loaded machine.
            Assert.InRange(answer!.Value, 1e-9, 1.0);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The query's single value, or null while Prometheus has no (finite) answer yet.</summary>
    private static async Task<double?> QueryAsync(HttpClient http, string query)
    {
        try
        {
            using var response = await http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(query));
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var result = json.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() != 1)
            {
                return null;
            }

            var text = result[0].GetProperty("value")[1].GetString();
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null; // not listening yet
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Code, string Output)> RunToolAsync(string tool, string[] args, string input, TimeSpan limit)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>A loopback publisher/subscriber pair with <c>/metrics</c> on 127.0.0.1 (a free port).</summary>
    private sealed class MetricsRun : IAsyncDisposable
    {
        private MetricsRun(RunHost host, MetricsServer metrics) => (Host, Metrics) = (host, metrics);

        public RunHost Host { get; }

        public MetricsServer Metrics { get; }

        public static async Task<MetricsRun> StartAsync()
        {
            var plan = LoopbackPlans.Pair(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), out _, out _);
            plan.Metrics.Enabled = true;
            plan.Metrics.Listen = "127.0.0.1:0";
            var host = RunHost.Create(plan);
            await host.StartAsync();
            var metrics = await MetricsServer.StartAsync(plan.Metrics.Listen, host.Exporter.Registry, CancellationToken.None);
            return new MetricsRun(host, metrics);
        }

        public async ValueTask DisposeAsync()
        {
            await Metrics.DisposeAsync();
            await Host.StopAsync();
            await Host.DisposeAsync();
        }
    }
}

/// <summary>A fact skipped, with the reason, when a Prometheus tool is not installed (tools/install-deps.sh installs
/// Debian's <c>prometheus</c> package, which brings both <c>promtool</c> and the server).</summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute(string tool)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
        if (!found)
        {
            Skip = $"'{tool}' is not on PATH: install Debian's prometheus package (tools/install-deps.sh)";
        }
    }
}
