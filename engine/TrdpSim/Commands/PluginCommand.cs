using TrdpSim.Plan;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim plugin validate|pack|install|list</c>: plugin folders and their shareable packs
/// (format and rules: plugins/README.md, "Plugin packs").</summary>
/// <remarks>Exit codes: 0 done, 2 bad usage or an invalid/refused plugin or pack (nothing was changed),
/// 3 the file system failed (cannot read or write).</remarks>
internal static class PluginCommand
{
    private const string Usage = """
        usage: trdpsim plugin validate <plugin dir | name | pack.trdpplugin> [--param k=v ...] [--sha256 <hex>]
               trdpsim plugin pack <plugin dir> [--out <folder>]
               trdpsim plugin install <name-version.trdpplugin> [--dir <folder>] [--force] [--sha256 <hex>]
               trdpsim plugin list [--dir <folder>]
        """;

    private static readonly string[] ListHeader = ["NAME", "VERSION", "API", "DESCRIPTION"];

    public static int Execute(CommandLine line)
    {
        string sub = line.Arguments.Count > 0 ? line.Arguments[0] : string.Empty;
        try
        {
            return sub switch
            {
                "validate" when line.Arguments.Count == 2 => Validate(line, line.Arguments[1]),
                "pack" when line.Arguments.Count == 2 => Pack(line, line.Arguments[1]),
                "install" when line.Arguments.Count == 2 => Install(line, line.Arguments[1]),
                "list" when line.Arguments.Count == 1 => List(line),
                _ => Fail(Usage),
            };
        }
        catch (PluginPackException e)
        {
            return Fail("trdpsim: " + e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"trdpsim: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }

    private static int Validate(CommandLine line, string argument)
    {
        bool archive = argument.EndsWith(PluginPackWriter.Extension, StringComparison.Ordinal) && File.Exists(argument);
        string? sha256 = archive ? line.Value("--sha256") : null;
        if (!ValidateCommand.TryReadParameters(line, out Dictionary<string, string>? parameters) || UnknownOption(line))
        {
            return ExitCodes.Usage;
        }

        if (archive)
        {
            return ValidateArchive(argument, sha256, parameters);
        }

        if (Load(PluginDirectory.ResolveRunTarget(argument), parameters) is not { } loaded)
        {
            return ExitCodes.Usage;
        }

        Console.WriteLine($"{argument}: ok — {Describe(loaded)}");
        return ExitCodes.Ok;
    }

    /// <summary>Verifies a pack as <c>install</c> would, unpacks it into a temporary folder and validates the
    /// plugin there; errors name the files as <c>archive/name/file:line:col</c>.</summary>
    private static int ValidateArchive(string archive, string? sha256, Dictionary<string, string> parameters)
    {
        PluginPackContents pack = PluginPackReader.Read(archive, sha256);
        string temporary = Path.Combine(Path.GetTempPath(), $"trdpsim-validate-{Guid.NewGuid():N}");
        try
        {
            string directory = PluginInstaller.Install(pack, temporary, force: false).Directory;
            if (Load(directory, parameters, (directory, $"{archive}/{pack.Manifest.Name}")) is not { } loaded)
            {
                return ExitCodes.Usage;
            }

            Console.WriteLine($"{archive}: ok — sha256 {pack.Sha256}; {Describe(loaded)}");
            return ExitCodes.Ok;
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static string Describe((PluginManifest Manifest, RunPlan Plan) loaded) =>
        $"{loaded.Manifest.Name} {loaded.Manifest.Version} (api {loaded.Manifest.ApiVersion}), {loaded.Manifest.Parameters.Count} parameters; {ValidateCommand.Describe(loaded.Plan)}";

    private static int Pack(CommandLine line, string directory)
    {
        string output = line.Value("--out") ?? ".";
        if (UnknownOption(line))
        {
            return ExitCodes.Usage;
        }

        if (Load(directory, new Dictionary<string, string>()) is not { } loaded)
        {
            Console.Error.WriteLine($"trdpsim: {directory} was not packed: fix the errors above");
            return ExitCodes.Usage;
        }

        PackedPlugin packed = PluginPackWriter.Write(directory, loaded.Manifest, output);
        Console.WriteLine($"packed {loaded.Manifest.Name} {loaded.Manifest.Version} ({packed.FileCount} files) into {packed.ArchivePath}");
        Console.WriteLine($"sha256 {packed.Sha256} (also in {packed.ChecksumPath}: copy it along with the pack)");
        return ExitCodes.Ok;
    }

    private static int Install(CommandLine line, string archive)
    {
        string? sha256 = line.Value("--sha256");
        bool force = line.Has("--force");
        if (PluginsDirectory(line) is not { } directory || UnknownOption(line))
        {
            return ExitCodes.Usage;
        }

        if (sha256 is not null && (sha256.Length != 64 || !IsHex(sha256)))
        {
            return Fail($"trdpsim: --sha256 '{sha256}' is not 64 hex digits");
        }

        PluginPackContents pack = PluginPackReader.Read(archive, sha256);
        PluginInstallResult result = PluginInstaller.Install(pack, directory, force);
        PluginManifest m = pack.Manifest;
        Console.WriteLine(result.Outcome switch
        {
            PluginInstallOutcome.AlreadyInstalled => $"{m.Name} {m.Version} is already installed in {result.Directory}",
            PluginInstallOutcome.Replaced => $"installed {m.Name} {m.Version} (api {m.ApiVersion}) in {result.Directory}, replacing {result.PreviousVersion ?? "a folder that was not a valid plugin"}",
            _ => $"installed {m.Name} {m.Version} (api {m.ApiVersion}) in {result.Directory}",
        });
        return ExitCodes.Ok;
    }

    private static int List(CommandLine line)
    {
        if (PluginsDirectory(line) is not { } directory || UnknownOption(line))
        {
            return ExitCodes.Usage;
        }

        IReadOnlyList<InstalledPlugin> plugins = PluginDirectory.List(directory);
        if (plugins.Count == 0)
        {
            Console.WriteLine($"no plugins in {directory}");
            return ExitCodes.Ok;
        }

        var rows = new List<string[]> { ListHeader };
        foreach (InstalledPlugin plugin in plugins)
        {
            rows.Add(plugin.Manifest is { } m
                ? [m.Name, m.Version, m.ApiVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Description]
                : [plugin.Folder, "?", "?", "invalid: " + plugin.Problem]);
        }

        int[] widths = new int[3];
        foreach (string[] row in rows)
        {
            for (int i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        Console.WriteLine($"plugins in {directory}:");
        foreach (string[] row in rows)
        {
            Console.WriteLine($"{row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadRight(widths[2])}  {row[3]}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Loads and fully validates a plugin folder; prints every error and returns null on failure.</summary>
    /// <remarks><paramref name="rename"/> replaces a path prefix in the printed positions (a temporary folder by the archive's name).</remarks>
    private static (PluginManifest Manifest, RunPlan Plan)? Load(string directory, IReadOnlyDictionary<string, string> parameters, (string From, string To)? rename = null)
    {
        if (!Directory.Exists(directory))
        {
            Console.Error.WriteLine($"{directory}: error: no such plugin folder");
            return null;
        }

        var result = PluginLoader.Load(directory, parameters, out PluginManifest? manifest).Validated();
        var errors = new List<PlanError>(result.Errors);

        if (errors.Count == 0 && manifest is not null && result.Plan is not null)
        {
            return (manifest, result.Plan);
        }

        foreach (PlanError error in errors)
        {
            PlanError shown = error;
            if (rename is { } r && error.Location.File.StartsWith(r.From, StringComparison.Ordinal))
            {
                shown = new PlanError(error.Location with { File = r.To + error.Location.File[r.From.Length..] }, error.Message.Replace(r.From, r.To, StringComparison.Ordinal));
            }

            Console.Error.WriteLine(shown.ToString());
        }

        Console.Error.WriteLine($"{rename?.To ?? directory}: {errors.Count} error(s)");
        return null;
    }

    private static string? PluginsDirectory(CommandLine line)
    {
        string? directory = line.Value("--dir") ?? PluginDirectory.Default();
        if (directory is null)
        {
            Console.Error.WriteLine($"trdpsim: no plugin directory: set ${PluginDirectory.EnvironmentVariable} or HOME, or pass --dir <folder>");
        }

        return directory;
    }

    private static bool UnknownOption(CommandLine line)
    {
        foreach (string unknown in line.Unused())
        {
            Console.Error.WriteLine($"trdpsim: unknown option '{unknown}'");
            return true;
        }

        return false;
    }

    private static bool IsHex(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.Usage;
    }
}
