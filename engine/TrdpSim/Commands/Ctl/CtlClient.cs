using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary>The HTTP client of <c>trdpsim ctl</c>: sends the token and a client name, reads problems, and turns
/// every answer into the exit-code rules (0 ok, 2 a 4xx, 3 no answer or a 5xx).</summary>
internal sealed class CtlClient : IDisposable
{
    private readonly HttpClient _http;

    public CtlClient(Uri baseAddress, string? token, TimeSpan timeout)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
        _http.DefaultRequestHeaders.Add("X-Trdpsim-Client", "ctl");
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public HttpClient Http => _http;

    /// <summary>Sends a request; the answer's status and body (a connection failure throws <see cref="HttpRequestException"/>).</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, HttpContent? content = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A JSON body from a generated type.</summary>
    public static StringContent Json<T>(T value, JsonTypeInfo<T> type) =>
        new(JsonSerializer.Serialize(value, type), Encoding.UTF8, "application/json");

    /// <summary>A JSON object written from <c>name=value</c> words: numbers and booleans as such, the rest as strings.</summary>
    public static StringContent JsonObject(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in pairs)
            {
                if (value is "true" or "false")
                {
                    json.WriteBoolean(name, value == "true");
                }
                else if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    json.WriteNumber(name, number);
                }
                else
                {
                    json.WriteString(name, value);
                }
            }

            json.WriteEndObject();
        }

        return new StringContent(Encoding.UTF8.GetString(buffer.ToArray()), Encoding.UTF8, "application/json");
    }

    /// <summary>Prints a problem answer (RFC 7807) and returns its exit code: 2 for a 4xx, 3 for a 5xx.</summary>
    public static int Fail(HttpStatusCode status, string body)
    {
        var code = (int)status;
        string? title = null;
        string? detail = null;
        var errors = new List<string>();
        try
        {
            // Read leniently: a problem may carry members of its own (traceId …) besides those the daemon documents.
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            title = Text(root, "title");
            detail = Text(root, "detail");
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in list.EnumerateArray())
                {
                    errors.Add(error.ToString());
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy, an old daemon): the status alone says enough.
        }

        Console.Error.WriteLine($"trdpsim ctl: {code} {title ?? status.ToString()}: {detail ?? body.Trim()}");
        foreach (var error in errors)
        {
            Console.Error.WriteLine(error);
        }

        return code >= 500 ? ExitCodes.RuntimeError : ExitCodes.Usage;
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public void Dispose() => _http.Dispose();
}
