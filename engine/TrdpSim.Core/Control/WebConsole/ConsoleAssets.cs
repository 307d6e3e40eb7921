using System.Reflection;

namespace TrdpSim.Control.WebConsole;

/// <summary>The web console's files, embedded in the engine at build time (web/console: built by esbuild, content
/// hashes in the asset names, each file also pre-compressed as Brotli and gzip). Read once at start-up; nothing
/// is compressed or read from disk per request.</summary>
internal sealed class ConsoleAssets
{
    /// <summary>The manifest resource names' prefix (TrdpSim.Core.csproj, target EmbedConsoleUi).</summary>
    public const string Prefix = "TrdpSim.Console/";

    private readonly Dictionary<string, ConsoleAsset> _files = new(StringComparer.Ordinal);

    private ConsoleAssets()
    {
    }

    /// <summary>The files of this build (empty when the engine was built without the console).</summary>
    public static ConsoleAssets Embedded { get; } = Load(typeof(ConsoleAssets).Assembly);

    public bool IsEmpty => _files.Count == 0;

    public IEnumerable<string> Paths => _files.Keys;

    /// <summary>A file by its path under dist/ (<c>index.html</c>, <c>assets/main-XXXX.js</c>).</summary>
    public ConsoleAsset? Find(string path) => _files.GetValueOrDefault(path);

    internal static ConsoleAssets Load(Assembly assembly)
    {
        var assets = new ConsoleAssets();
        var raw = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            raw[name[Prefix.Length..].Replace('\\', '/')] = copy.ToArray();
        }

        foreach (var (path, bytes) in raw)
        {
            if (path.EndsWith(".br", StringComparison.Ordinal) || path.EndsWith(".gz", StringComparison.Ordinal))
            {
                continue;
            }

            assets._files[path] = new ConsoleAsset(path, ContentType(path), bytes,
                raw.GetValueOrDefault(path + ".br"), raw.GetValueOrDefault(path + ".gz"), Immutable: path.StartsWith("assets/", StringComparison.Ordinal));
        }

        return assets;
    }

    internal static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".json" => "application/json",
        ".woff2" => "font/woff2",
        _ => "application/octet-stream",
    };
}

/// <summary>One console file with its pre-compressed copies.</summary>
/// <param name="Path">Its path under dist/.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Identity">The file as built.</param>
/// <param name="Brotli">Brotli copy, if the build made one.</param>
/// <param name="Gzip">gzip copy, if the build made one.</param>
/// <param name="Immutable">A content-hashed asset: cached for a year; <c>index.html</c> is revalidated every time.</param>
internal sealed record ConsoleAsset(string Path, string ContentType, byte[] Identity, byte[]? Brotli, byte[]? Gzip, bool Immutable);
