using Microsoft.Net.Http.Headers;
using TrdpSim.Control.Security;
using TrdpSim.Records.Reports;

namespace TrdpSim.Control.WebConsole;

/// <summary>Serves the web console from the binary: <c>GET /</c> (index.html, never cached), <c>GET /assets/{file}</c>
/// (content-hashed, cached for a year, Brotli or gzip as the browser accepts) and <c>GET /api/token/check</c>, with
/// which the page checks the token it was given. The page loads nothing from anywhere else (its Content-Security-Policy
/// says so), reads through the open API and changes through the token-protected one.</summary>
public static class ConsoleEndpoints
{
    /// <summary>Only this origin: scripts, styles, API calls and the stream's WebSocket; frames only from blob: URLs the page
    /// made itself (a stored run's report, fetched with the token in its header). A blob: page keeps the policy of the
    /// page that made it, so the report's one inline script is allowed here by its hash (and nothing else inline is):
    /// its charts draw in the frame or tab, while the token stays in a header and in no URL.</summary>
    internal static readonly string ContentSecurityPolicy =
        $"default-src 'self'; script-src 'self'{(ReportBundle.ScriptHashSource is { } report ? " " + report : string.Empty)}; connect-src 'self' ws: wss:; " +
        "img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        var assets = ConsoleAssets.Embedded;
        app.MapGet("/", (HttpContext http) => Serve(http, assets, "index.html"))
            .WithTags("console").Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/assets/{file}", (HttpContext http, string file) => Serve(http, assets, "assets/" + file))
            .WithTags("console").Produces(StatusCodes.Status200OK, contentType: "text/javascript").ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/token/check", () => TypedResults.Ok(new Api.TokenCheckResponse(true))).RequireControlToken()
            .WithTags("console").Produces<Api.TokenCheckResponse>().ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    internal static IResult Serve(HttpContext http, ConsoleAssets assets, string path)
    {
        if (assets.Find(path) is not { } asset)
        {
            return path == "index.html"
                ? Problems.Problem(StatusCodes.Status404NotFound, "this trdpsim was built without the web console (web/console: npm ci && npm run build, then rebuild)")
                : Problems.Problem(StatusCodes.Status404NotFound, $"no console file '{path}' (an older page? reload it)");
        }

        var headers = http.Response.Headers;
        headers.CacheControl = asset.Immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.XContentTypeOptions = "nosniff";
        if (!asset.Immutable)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
        }

        var accepted = http.Request.Headers.AcceptEncoding.ToString();
        var (body, encoding) = Choose(asset, accepted);
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        return TypedResults.Bytes(body, asset.ContentType);
    }

    /// <summary>Brotli, else gzip, else the file as built: by what the request accepts (a <c>q=0</c> refuses).</summary>
    internal static (byte[] Body, string? Encoding) Choose(ConsoleAsset asset, string acceptEncoding)
    {
        if (asset.Brotli is { } br && Accepts(acceptEncoding, "br"))
        {
            return (br, "br");
        }

        if (asset.Gzip is { } gz && Accepts(acceptEncoding, "gzip"))
        {
            return (gz, "gzip");
        }

        return (asset.Identity, null);
    }

    internal static bool Accepts(string acceptEncoding, string coding)
    {
        foreach (var part in acceptEncoding.Split(','))
        {
            var item = part.Trim();
            var semicolon = item.IndexOf(';', StringComparison.Ordinal);
            var name = (semicolon < 0 ? item : item[..semicolon]).Trim();
            if (!string.Equals(name, coding, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var refused = semicolon >= 0 && item[(semicolon + 1)..].Replace(" ", string.Empty, StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000";
            return !refused;
        }

        return false;
    }
}
