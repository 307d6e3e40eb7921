using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static TrdpSim.Tests.Control.ControlServerHarness;

namespace TrdpSim.Tests.Control;

/// <summary>The control plane over HTTP: authentication, request errors as problem details, unknown ids, the run
/// lifecycle with its conflicts (also when commands race), faults, telegrams, fields, parameters and plugins.</summary>
public sealed class ControlApiTests
{
    [Fact]
    public async Task HealthReadinessAndMetricsAnswerWithoutAToken()
    {
        await using var h = await StartAsync();
        var (status, body) = await ReadAsync(h.Anonymous.GetAsync("/healthz"));
        Assert.Equal(200, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        (status, body) = await ReadAsync(h.Anonymous.GetAsync("/readyz"));
        Assert.Equal(200, status);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        using var metrics = await h.Anonymous.GetAsync("/metrics");
        Assert.Equal(200, (int)metrics.StatusCode);
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        (status, _) = await ReadAsync(h.Anonymous.GetAsync("/api/runs"));
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task AChangingRequestWithoutTheTokenOrWithAWrongOneIs401AndChangesNothing()
    {
        await using var h = await StartAsync();
        var (status, body) = await ReadAsync(h.Anonymous.PostAsync("/api/runs", Json($$"""{"files":["{{h.Files.Pair()}}"]}""")));
        Assert.Equal(401, status);
        Assert.Contains("Authorization: Bearer", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(401, body.GetProperty("status").GetInt32());

        using var wrong = new HttpClient { BaseAddress = h.Server.Addresses[0] };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        using var response = await wrong.PostAsync("/api/runs", Json($$"""{"files":["{{h.Files.Pair()}}"]}"""));
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("not the daemon's", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(h.Registry.List());

        // The token is checked before the body is read: a bad body without a token is still 401.
        (status, _) = await ReadAsync(h.Anonymous.PostAsync("/api/runs", Json("{not json")));
        Assert.Equal(401, status);
        (status, _) = await ReadAsync(h.Anonymous.DeleteAsync("/api/runs/r1/faults/x"));
        Assert.Equal(401, status);
    }

    [Fact]
    public async Task AChangingRequestOfTheWrongContentTypeOrMethodIs401WithoutTheTokenAnd415Or405WithIt()
    {
        await using var h = await StartAsync();
        static StringContent Text() => new("files=a.toml", Encoding.UTF8, "text/plain");

        // Without the token nothing about the request is judged but the token: not its content type, not its method.
        Assert.Equal(401, (await ReadAsync(h.Anonymous.PostAsync("/api/runs", Text()))).Status);
        Assert.Equal(401, (await ReadAsync(h.Anonymous.PostAsync("/api/runs/r1/faults", Text()))).Status);
        Assert.Equal(401, (await ReadAsync(h.Anonymous.PutAsync("/api/runs/r1/pause", Json("{}")))).Status);

        // With it, the content type and the method are what is wrong.
        Assert.Equal(415, (await ReadAsync(h.Client.PostAsync("/api/runs", Text()))).Status);
        Assert.Equal(405, (await ReadAsync(h.Client.PutAsync("/api/runs/r1/pause", Json("{}")))).Status);

        // A path that needs no token keeps its answers: reading is open, and so is checking a fault.
        Assert.Equal(405, (await ReadAsync(h.Anonymous.GetAsync("/api/runs/r1/pause"))).Status);
        Assert.Equal(415, (await ReadAsync(h.Anonymous.PostAsync("/api/fault-kinds/validate", Text()))).Status);
        Assert.Empty(h.Registry.List());
    }

    [Fact]
    public async Task BadJsonAnUnknownFieldAndAHugeBodyAreProblems400400And413()
    {
        await using var h = await StartAsync();
        var (status, body) = await ReadAsync(h.Client.PostAsync("/api/runs", Json("{\"files\": [")));
        Assert.Equal(400, status);
        Assert.Contains("not valid JSON", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        (status, body) = await ReadAsync(h.Client.PostAsync("/api/runs", Json($$"""{"files":["{{h.Files.Pair()}}"],"durration":"1s"}""")));
        Assert.Equal(400, status);
        Assert.Contains("unknown field 'durration'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        (status, body) = await ReadAsync(h.Client.PostAsync("/api/runs", Json($$"""{"files":["{{h.Files.Pair()}}"],"seed":"one"}""")));
        Assert.Equal(400, status);
        Assert.Contains("seed", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var huge = "{\"files\":[\"" + new string('a', 200 * 1024) + "\"]}";
        (status, body) = await ReadAsync(h.Client.PostAsync("/api/runs", Json(huge)));
        Assert.True(status == 413, body.ToString());
        Assert.True(body.ValueKind == JsonValueKind.Object && body.TryGetProperty("detail", out _), $"[{body.ValueKind}] {body}");
        Assert.Contains("larger", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(h.Registry.List());

        (status, body) = await ReadAsync(h.Client.PostAsync("/api/runs", Json("""{"files":[]}""")));
        Assert.Equal(400, status);
        (status, body) = await ReadAsync(h.Client.PostAsync("/api/runs", Json($$"""{"files":["{{h.Files.Pair()}}"],"duration":"soon"}""")));
        Assert.Equal(400, status);
        Assert.Contains("'duration' 'soon'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANullFileAndAnEmptyBodyAre400NamingWhatIsWrong()
    {
        await using var h = await StartAsync();

        // A JSON null in 'files' reached the loader and threw: 500 with no body.
        var (status, body) = await ReadAsync(h.Client.PostAsync("/api/runs", Json($$"""{"files":["{{h.Files.Pair()}}",null]}""")));
        Assert.Equal(400, status);
        Assert.Equal("'files[1]' must be a path or an installed plugin's name, not null", body.GetProperty("detail").GetString());

        // No body at all, or JSON null: ASP.NET's "Implicit body inferred … Did you mean to use a Service instead?".
        foreach (var empty in new[] { string.Empty, "null" })
        {
            (status, body) = await ReadAsync(h.Client.PostAsync("/api/runs", Json(empty)));
            Assert.Equal(400, status);
            Assert.Equal("this endpoint needs a JSON body", body.GetProperty("detail").GetString());
        }

        Assert.Empty(h.Registry.List());
    }

    [Fact]
    public async Task RequestsTheEndpointsRefuseAreCountedAsBadRequests()
    {
        await using var h = await StartAsync();

        // A plan with errors, a bad duration, a body that is not JSON: only what the JSON reader refused was counted.
        Assert.Equal(400, (await ReadAsync(h.Client.PostAsync("/api/runs", Json("""{"files":["/nonexistent/plan.toml"]}""")))).Status);
        Assert.Equal(400, (await ReadAsync(h.Client.PostAsync("/api/runs", Json($$"""{"files":["{{h.Files.Pair()}}"],"duration":"soon"}""")))).Status);
        using var text = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain");
        using var wrongType = await h.Client.PostAsync("/api/runs", text);
        Assert.Equal(415, (int)wrongType.StatusCode);

        using var metrics = await h.Anonymous.GetAsync("/metrics");
        var exposition = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("trdpsim_daemon_requests_rejected_total{reason=\"bad_request\"} 3\n", exposition, StringComparison.Ordinal);
        Assert.Equal(200, (await ReadAsync(h.Anonymous.GetAsync("/healthz"))).Status);
    }

    [Fact]
    public async Task ARateOrCycleBeyondThePlansBoundsIs400()
    {
        await using var h = await StartAsync();
        var id = await h.StartRunAsync(h.Files.Pair());
        var t = $"/api/runs/{id}/telegrams/out/cycle";

        // {"rate":1e308} set a cycle of 0 ns, which fired on every tick of the wheel (a core, billions of dropped
        // cycles); {"cycle":"99999999h"} overflowed into a negative cycle. Both were answered 200.
        foreach (var request in new[] { """{"rate":1e308}""", """{"cycle":"10us"}""", """{"cycle":"99999999h"}""" })
        {
            var (status, body) = await ReadAsync(h.Client.PostAsync(t, Json(request)));
            Assert.True(status == 400, request + " → " + status);
            Assert.Contains("from 1 ms to 24 h", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task APlanWithErrorsIs400WithEveryErrorAtItsPosition()
    {
        await using var h = await StartAsync();
        var path = h.Files.Write("broken.toml", "[run]\nname = \"x\"\n[nosuchsection]\nfoo = 1\n");
        var (status, body) = await ReadAsync(h.Client.PostAsync("/api/runs", Json($$"""{"files":["{{path}}"]}""")));
        Assert.Equal(400, status);
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith(path + ":3:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownIdsAre404OnEveryRunEndpoint()
    {
        await using var h = await StartAsync();
        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => h.Client.GetAsync("/api/runs/r99"),
            () => h.Client.PostAsync("/api/runs/r99/pause", null),
            () => h.Client.PostAsync("/api/runs/r99/stop", null),
            () => h.Client.GetAsync("/api/runs/r99/faults"),
            () => h.Client.PostAsync("/api/runs/r99/faults", Json("""{"kind":"loss"}""")),
            () => h.Client.DeleteAsync("/api/runs/r99/faults/x"),
            () => h.Client.GetAsync("/api/runs/r99/telegrams/out/fields/life"),
            () => h.Client.GetAsync("/api/runs/r99/params"),
        })
        {
            var (status, body) = await ReadAsync(request());
            Assert.Equal(404, status);
            Assert.Contains("no run with id 'r99'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ARunIsStartedPausedResumedAndStoppedAndACommandThatDoesNotFitItsStateIs409()
    {
        await using var h = await StartAsync();
        var id = await h.StartRunAsync(h.Files.Pair());
        var (status, body) = await ReadAsync(h.Client.GetAsync($"/api/runs/{id}"));
        Assert.Equal(200, status);
        Assert.Equal("running", body.GetProperty("state").GetString());
        Assert.Equal(2, body.GetProperty("telegrams").GetArrayLength());

        (status, body) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/pause", null));
        Assert.Equal(200, status);
        Assert.Equal("paused", body.GetProperty("state").GetString());
        (status, body) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/pause", null));
        Assert.Equal(409, status);
        (status, _) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/resume", null));
        Assert.Equal(200, status);
        await Task.Delay(50);
        (status, body) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/stop", null));
        Assert.Equal(200, status);
        Assert.Equal("stopped", body.GetProperty("state").GetString());

        (status, body) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/pause", null));
        Assert.Equal(409, status);
        Assert.Contains("stopped", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        (status, _) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/reset", null));
        Assert.Equal(409, status);

        (status, body) = await ReadAsync(h.Client.GetAsync($"/api/runs/{id}"));
        Assert.Equal("stopped", body.GetProperty("state").GetString());
        Assert.Equal("stopped", body.GetProperty("outcome").GetProperty("stopReason").GetString());
        var actions = body.GetProperty("audit").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["start-run", "pause", "resume", "stop-run"], actions);
        Assert.All(body.GetProperty("audit").EnumerateArray().Skip(1), e => Assert.StartsWith("http:", e.GetProperty("actor").GetString(), StringComparison.Ordinal));
        (status, _) = await ReadAsync(h.Client.GetAsync($"/api/runs/{id}/summary"));
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task ConcurrentCommandsOnOneRunAreAppliedOnceAndTheRestAreConflicts()
    {
        await using var h = await StartAsync();
        var id = await h.StartRunAsync(h.Files.Pair());
        var pauses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ReadAsync(h.Client.PostAsync($"/api/runs/{id}/pause", null))));
        Assert.Equal(1, pauses.Count(p => p.Status == 200));
        Assert.Equal(7, pauses.Count(p => p.Status == 409));

        var stops = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ReadAsync(h.Client.PostAsync($"/api/runs/{id}/stop", null))));
        Assert.Equal(1, stops.Count(p => p.Status == 200));
        Assert.Equal(5, stops.Count(p => p.Status == 409));
    }

    [Fact]
    public async Task ASecondLiveRunWhoseDeviceAddressCollidesIsRefusedNamingTheAddress()
    {
        // The plans are on UDP (they claim their endpoints); the harness still plays them on in-memory networks.
        await using var h = await StartAsync();
        var plan = File.ReadAllText(h.Files.Pair("udp-a")).Replace("transport = \"in-memory\"", "transport = \"udp\"", StringComparison.Ordinal)
            .Replace("10.9.0.", "127.61.0.", StringComparison.Ordinal);
        var first = h.Files.Write("udp-a.toml", plan);
        var second = h.Files.Write("udp-b.toml", plan.Replace("name = \"udp-a\"", "name = \"udp-b\"", StringComparison.Ordinal));
        await h.StartRunAsync(first);
        var (status, body) = await ReadAsync(h.Client.PostAsync("/api/runs", Json($$"""{"files":["{{second}}"]}""")));
        Assert.Equal(409, status);
        Assert.Contains("127.61.0.1:17224", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFaultIsInjectedListedAndRepairedAndABadOneIs400()
    {
        await using var h = await StartAsync();
        var id = await h.StartRunAsync(h.Files.Pair());
        var (status, body) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/faults", Json("""{"kind":"loss","name":"drop-all","telegram":"out","probability":1}""")));
        Assert.Equal(201, status);
        Assert.Equal("drop-all", body.GetProperty("subject").GetString());

        (status, body) = await ReadAsync(h.Client.GetAsync($"/api/runs/{id}/faults"));
        Assert.Equal(200, status);
        Assert.Contains(body.EnumerateArray(), f => f.GetProperty("name").GetString() == "drop-all");

        (status, body) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/faults", Json("""{"kind":"loss","probability":"lots"}""")));
        Assert.Equal(400, status);
        Assert.Contains("probability", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        (status, _) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/faults", Json("""{"kind":"no-such-kind"}""")));
        Assert.Equal(400, status);
        (status, body) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/faults", Json("""{"kind":"loss","telegram":"nothing"}""")));
        Assert.True(status == 404, body.ToString());

        (status, _) = await ReadAsync(h.Client.DeleteAsync($"/api/runs/{id}/faults/drop-all"));
        Assert.Equal(200, status);
        (status, body) = await ReadAsync(h.Client.DeleteAsync($"/api/runs/{id}/faults/drop-all"));
        Assert.Equal(409, status); // known to the run, but no longer active
        Assert.Contains("no active fault called 'drop-all'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        (status, body) = await ReadAsync(h.Client.GetAsync($"/api/runs/{id}"));
        var actions = body.GetProperty("audit").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("inject", actions);
        Assert.Contains("repair", actions);
    }

    [Fact]
    public async Task CyclesSilenceAndFieldsAreChangedReadLockedAndUnlocked()
    {
        await using var h = await StartAsync();
        var id = await h.StartRunAsync(h.Files.Pair());
        var t = $"/api/runs/{id}/telegrams/out";
        Assert.Equal(200, (await ReadAsync(h.Client.PostAsync(t + "/cycle", Json("""{"cycle":"20ms"}""")))).Status);
        Assert.Equal(200, (await ReadAsync(h.Client.PostAsync(t + "/cycle", Json("""{"rate":50}""")))).Status);
        Assert.Equal(400, (await ReadAsync(h.Client.PostAsync(t + "/cycle", Json("""{"cycle":"20ms","rate":50}""")))).Status);
        Assert.Equal(400, (await ReadAsync(h.Client.PostAsync(t + "/cycle", Json("""{"cycle":"fast"}""")))).Status);
        Assert.Equal(404, (await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/telegrams/nope/cycle", Json("""{"cycle":"20ms"}""")))).Status);
        Assert.Equal(200, (await ReadAsync(h.Client.PostAsync(t + "/silence", null))).Status);
        Assert.Equal(200, (await ReadAsync(h.Client.PostAsync(t + "/unsilence", null))).Status);

        Assert.Equal(200, (await ReadAsync(h.Client.PutAsync(t + "/fields/mode", Json("""{"value":3}""")))).Status);
        var (status, body) = await ReadAsync(h.Client.GetAsync(t + "/fields/mode"));
        Assert.Equal(200, status);
        Assert.Equal(3, body.GetProperty("readings")[0].GetProperty("value").GetDouble());
        Assert.Equal(200, (await ReadAsync(h.Client.PostAsync(t + "/fields/life/lock", Json("""{"value":77}""")))).Status);
        await Task.Delay(50);
        (_, body) = await ReadAsync(h.Client.GetAsync(t + "/fields/life"));
        Assert.Equal(77, body.GetProperty("readings")[0].GetProperty("value").GetDouble());
        Assert.Equal(200, (await ReadAsync(h.Client.PostAsync(t + "/fields/life/unlock", null))).Status);
        Assert.Equal(404, (await ReadAsync(h.Client.GetAsync(t + "/fields/nofield"))).Status);
        Assert.Equal(400, (await ReadAsync(h.Client.PutAsync(t + "/fields/mode", Json("{}")))).Status);

        (status, body) = await ReadAsync(h.Client.GetAsync(t));
        Assert.Equal(200, status);
        Assert.True(body.GetProperty("counters").GetProperty("sent").GetInt64() > 0);
    }

    [Fact]
    public async Task AScenarioParameterChangedOverHttpIsReadLiveByTheScriptAndResetPutsItBack()
    {
        await using var h = await StartAsync();
        var overlay = h.Files.Write("overlay.js", """
            export default function (plan) {
              plan.param("mode", { type: "number", default: 1 });
              plan.every("20ms", run => run.setField("out", "life", run.param("mode"))); // pinned against its counter
            }
            """);
        var id = await h.StartRunAsync(h.Files.Pair("with-scenario"), overlay);
        var field = $"/api/runs/{id}/telegrams/out/fields/life";
        var first = await EventuallyAsync(h, field, 1);
        Assert.True(first == 1, $"mode {first}; the run: {(await ReadAsync(h.Client.GetAsync($"/api/runs/{id}"))).Body}");

        var (status, body) = await ReadAsync(h.Client.PatchAsync($"/api/runs/{id}/params", Json("""{"mode":5}""")));
        Assert.True(status == 200, body.ToString());
        Assert.Equal(5, await EventuallyAsync(h, field, 5));
        (status, body) = await ReadAsync(h.Client.GetAsync($"/api/runs/{id}/params"));
        Assert.Contains(body.EnumerateArray(), p => p.GetProperty("name").GetString() == "mode" && p.GetProperty("value").GetString() == "5");

        (status, body) = await ReadAsync(h.Client.PatchAsync($"/api/runs/{id}/params", Json("""{"mode":"fast"}""")));
        Assert.Equal(400, status);
        (status, body) = await ReadAsync(h.Client.PatchAsync($"/api/runs/{id}/params", Json("""{"speed":3}""")));
        Assert.Equal(404, status);
        Assert.Contains("declared: mode", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        (status, body) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/reset", null));
        Assert.True(status == 200, body.ToString());
        (_, body) = await ReadAsync(h.Client.GetAsync($"/api/runs/{id}/params"));
        Assert.Contains(body.EnumerateArray(), p => p.GetProperty("name").GetString() == "mode" && p.GetProperty("value").GetString() == "1");
    }

    /// <summary>Reads a field until it has <paramref name="expected"/> (or 5 s passed); the last value read.</summary>
    private static async Task<double> EventuallyAsync(ControlServerHarness h, string field, double expected)
    {
        var value = double.NaN;
        for (var i = 0; i < 100 && value != expected; i++)
        {
            await Task.Delay(50);
            var (status, body) = await ReadAsync(h.Client.GetAsync(field));
            Assert.True(status == 200, body.ToString());
            value = body.GetProperty("readings")[0].GetProperty("value").GetDouble();
        }

        return value;
    }

    [Fact]
    public async Task ParametersOfARunWithoutAScenarioAre404AndPluginsListRefuseAndDelete()
    {
        await using var h = await StartAsync();
        var id = await h.StartRunAsync(h.Files.Pair());
        var (status, body) = await ReadAsync(h.Client.PatchAsync($"/api/runs/{id}/params", Json("""{"speed":3}""")));
        Assert.Equal(404, status);
        Assert.Contains("no scenario", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        (status, body) = await ReadAsync(h.Anonymous.GetAsync("/api/plugins"));
        Assert.Equal(200, status);
        Assert.Equal(0, body.GetArrayLength());
        using var garbage = new ByteArrayContent([1, 2, 3, 4]);
        garbage.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        (status, _) = await ReadAsync(h.Client.PostAsync("/api/plugins", garbage));
        Assert.Equal(400, status);
        (status, _) = await ReadAsync(h.Client.DeleteAsync("/api/plugins/not-here"));
        Assert.Equal(404, status);
        (status, _) = await ReadAsync(h.Client.DeleteAsync("/api/plugins/Bad..Name"));
        Assert.Equal(400, status);
    }
}
