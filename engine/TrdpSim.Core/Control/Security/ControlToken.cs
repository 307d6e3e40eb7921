using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace TrdpSim.Control.Security;

/// <summary>The bearer token every changing request to the control plane must carry.</summary>
/// <remarks>
/// Taken from <c>$TRDPSIM_TOKEN</c>, else the daemon config's <c>token</c>, else the one an earlier start left in
/// the token file, else generated (32 random bytes, base64url) and written to the token file, readable by its owner
/// only (mode 0600), where <c>trdpsim ctl</c> finds it. Keeping the file's token across restarts is what lets open
/// console pages and scripts reconnect after a daemon restart; it is kept only from a regular file that nobody else
/// can read and that holds a token of the generated shape — anything else is replaced. Compared in constant time
/// (over SHA-256 digests, so not even the length leaks); never logged.
/// </remarks>
public sealed class ControlToken
{
    /// <summary>The environment variable both <c>serve</c> and <c>ctl</c> read the token from.</summary>
    public const string EnvironmentVariable = "TRDPSIM_TOKEN";

    /// <summary>The characters of a generated token (base64url without padding).</summary>
    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly byte[] _digest;

    private ControlToken(string value, string source, string? file)
    {
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(value));
        Source = source;
        File = file;
    }

    /// <summary>Where the token came from, in words (never the token itself).</summary>
    public string Source { get; }

    /// <summary>The file a generated token was written to; null when it was given.</summary>
    public string? File { get; }

    /// <summary>A token given as it is (tests, the config).</summary>
    public static ControlToken Of(string value, string source = "given")
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new ControlToken(value, source, null);
    }

    /// <summary>The daemon's token: <c>$TRDPSIM_TOKEN</c>, else <paramref name="configured"/>, else the one kept in
    /// <paramref name="tokenFile"/> (default <see cref="DefaultFile"/>) by an earlier start, else a new one written
    /// there. <paramref name="renew"/> replaces a kept token with a new one.</summary>
    /// <exception cref="IOException">The token file cannot be written.</exception>
    public static ControlToken Resolve(string? configured, string? tokenFile, bool renew = false) =>
        Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable), configured, tokenFile, renew);

    /// <summary><see cref="Resolve(string?, string?, bool)"/> with <c>$TRDPSIM_TOKEN</c>'s value given.</summary>
    internal static ControlToken Resolve(string? fromEnvironment, string? configured, string? tokenFile, bool renew)
    {
        if (fromEnvironment is { Length: > 0 })
        {
            return new ControlToken(fromEnvironment.Trim(), "$" + EnvironmentVariable, null);
        }

        if (!string.IsNullOrEmpty(configured))
        {
            return new ControlToken(configured, "the daemon config", null);
        }

        var file = tokenFile ?? DefaultFile() ?? throw new IOException("no token file: set $XDG_RUNTIME_DIR or HOME, or name one (token-file in the daemon config, or --token-file)");
        if (!renew && Kept(file) is { } kept)
        {
            return new ControlToken(kept, "kept from an earlier start", Path.GetFullPath(file));
        }

        var value = Generate();
        Write(file, value);
        return new ControlToken(value, "generated at start", Path.GetFullPath(file));
    }

    /// <summary>The token an earlier start wrote to <paramref name="file"/>; null unless the file is a regular file
    /// (not a link) with no permission for group or others that holds exactly one token of <see cref="Generate"/>'s
    /// shape. Reading a mode-0600 file at all means this user owns it (or is root).</summary>
    public static string? Kept(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var info = new FileInfo(file);
        if (!info.Exists || info.LinkTarget is not null || info.Length > 256)
        {
            return null;
        }

        const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((info.UnixFileMode & GroupOrOthers) != 0)
        {
            return null;
        }

        try
        {
            var value = System.IO.File.ReadAllText(file).Trim();
            return HasGeneratedShape(value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="value"/> looks like <see cref="Generate"/>'s output: 43 base64url characters.</summary>
    private static bool HasGeneratedShape(string value) =>
        value.Length == 43 && value.AsSpan().IndexOfAnyExcept(TokenCharacters) < 0;

    /// <summary>Whether <paramref name="presented"/> is the token (constant time).</summary>
    public bool Matches(string? presented)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? string.Empty));
        return CryptographicOperations.FixedTimeEquals(digest, _digest);
    }

    /// <summary>A new random token (256 bits, base64url).</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Where a generated token goes by default: <c>$XDG_RUNTIME_DIR/trdpsim/token</c>, else
    /// <c>~/.local/share/trdpsim/token</c>; null when neither is known.</summary>
    public static string? DefaultFile()
    {
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            return Path.Combine(runtime, "trdpsim", "token");
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return data.Length == 0 ? null : Path.Combine(data, "trdpsim", "token");
    }

    /// <summary>Reads a token file (<c>ctl</c>); null when it does not exist.</summary>
    public static string? Read(string file) => System.IO.File.Exists(file) ? System.IO.File.ReadAllText(file).Trim() : null;

    /// <summary>Writes <paramref name="value"/> to <paramref name="file"/> readable and writable by its owner only;
    /// a new folder is made owner-only too. An existing file is narrowed to 0600 before it is written.</summary>
    public static void Write(string file, string value)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("owner-only token files need a Unix file mode");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (System.IO.File.Exists(file))
        {
            System.IO.File.SetUnixFileMode(file, OwnerOnly);
        }

        using var stream = new FileStream(file, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = OwnerOnly,
        });
        stream.Write(Encoding.UTF8.GetBytes(value + "\n"));
    }
}
