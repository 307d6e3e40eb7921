using System.Security.Cryptography;

namespace TrdpSim.Reporting;

/// <summary>One file a run read its plan from, with the SHA-256 of its content: two runs played the same plan
/// only if their inputs hash the same.</summary>
/// <param name="Path">The file as named on the command line (a plugin folder's files as folder/relative path).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content; <c>null</c> when the file could not be read.</param>
/// <param name="Bytes">The file's length; -1 when it could not be read.</param>
internal sealed record InputFile(string Path, string? Sha256, long Bytes)
{
    /// <summary>Hashes every given file; a folder (a plugin) stands for every file under it, in ordinal path order.</summary>
    public static IReadOnlyList<InputFile> Describe(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<InputFile>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                string[] inside = Directory.GetFiles(path, "*", SearchOption.AllDirectories);
                Array.Sort(inside, StringComparer.Ordinal);
                foreach (string file in inside)
                {
                    files.Add(Hash(file));
                }
            }
            else
            {
                files.Add(Hash(path));
            }
        }

        return files;
    }

    private static InputFile Hash(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return new InputFile(path, Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The plan was read from it moments ago; a file gone or locked since is recorded, not fatal.
            return new InputFile(path, null, -1);
        }
    }
}
