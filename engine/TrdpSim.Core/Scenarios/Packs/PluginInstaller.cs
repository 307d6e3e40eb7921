namespace TrdpSim.Scenarios.Packs;

/// <summary>Installs a verified pack into a plugin directory as <c>&lt;dir&gt;/&lt;name&gt;/</c>.</summary>
/// <remarks>
/// Files are written to a hidden staging folder in the plugin directory first and moved into place
/// with one rename, so a failed install never leaves a half-written plugin behind. An existing
/// <c>&lt;name&gt;/</c> with exactly the pack's files is left as it is; anything else there (another
/// version, or the same version changed locally) is only replaced when forced.
/// Installed folders keep <c>MANIFEST.sha256</c>, so <c>sha256sum -c</c> can check them later.
/// </remarks>
internal static class PluginInstaller
{
    /// <summary>Installs <paramref name="pack"/> into <paramref name="pluginsDirectory"/> (created if missing).
    /// Throws <see cref="PluginPackException"/> when an existing folder would be replaced without
    /// <paramref name="force"/>, and <see cref="IOException"/> when the file system fails (after putting
    /// back a replaced folder).</summary>
    public static PluginInstallResult Install(PluginPackContents pack, string pluginsDirectory, bool force)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(pluginsDirectory);
        PluginManifest manifest = pack.Manifest;
        string directory = Path.GetFullPath(pluginsDirectory);
        string target = Path.Combine(directory, manifest.Name);
        string? previous = null;
        bool exists = Directory.Exists(target) || File.Exists(target);
        if (exists)
        {
            if (Directory.Exists(target) && SameFiles(target, pack.Files))
            {
                return new PluginInstallResult(PluginInstallOutcome.AlreadyInstalled, target, manifest.Version);
            }

            previous = PluginManifestReader.ReadDirectory(target).Manifest?.Version;
            if (!force)
            {
                string what = previous is null ? "something that is not a valid plugin"
                    : previous == manifest.Version ? $"{manifest.Name} {previous} with different files (changed locally?)"
                    : $"{manifest.Name} {previous}";
                throw new PluginPackException($"{target} already holds {what}; installing {manifest.Name} {manifest.Version} would replace it: use --force to do so");
            }
        }

        Directory.CreateDirectory(directory);
        string staging = Path.Combine(directory, $".install-{manifest.Name}-{Guid.NewGuid():N}");
        string removed = Path.Combine(directory, $".remove-{manifest.Name}-{Guid.NewGuid():N}");
        try
        {
            WriteFiles(staging, pack.Files);
            if (exists)
            {
                Move(target, removed);
            }

            Directory.Move(staging, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (Directory.Exists(removed) && !Directory.Exists(target))
            {
                Directory.Move(removed, target);
            }

            throw new IOException($"cannot install {manifest.Name} into {directory}: {e.Message}", e);
        }
        finally
        {
            DeleteQuietly(staging);
            DeleteQuietly(removed);
        }

        return new PluginInstallResult(exists ? PluginInstallOutcome.Replaced : PluginInstallOutcome.Installed, target, previous);
    }

    private static void WriteFiles(string staging, IReadOnlyDictionary<string, byte[]> files)
    {
        string root = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
        foreach ((string relative, byte[] data) in files)
        {
            // The names were checked by PackPaths when the pack was read; this guards the invariant anyway.
            string path = Path.GetFullPath(Path.Combine(staging, relative));
            if (PackPaths.Problem(relative) is not null || !path.StartsWith(root, StringComparison.Ordinal))
            {
                throw new PluginPackException($"refusing to write '{relative}' outside the plugin folder");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, data);
        }
    }

    private static bool SameFiles(string folder, IReadOnlyDictionary<string, byte[]> files)
    {
        int count = 0;
        foreach (string path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/');
            if (!files.TryGetValue(relative, out byte[]? expected) || new FileInfo(path).Length != expected.Length ||
                !File.ReadAllBytes(path).AsSpan().SequenceEqual(expected))
            {
                return false;
            }

            count++;
        }

        return count == files.Count;
    }

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover hidden folder is harmless: list skips names starting with '.'.
        }
    }
}
