namespace TrdpSim.Tests.Infrastructure;

/// <summary>The repository's root (where Engine.sln is), found upwards from the test binaries: configs, plugins and the
/// artifacts folder the browser and soak tests keep their output in.</summary>
internal static class RepositoryRoot
{
    /// <summary>The root, or null when the tests run outside a checkout.</summary>
    public static string? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Engine.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>The root; a test that needs the checkout's files fails here, naming where it looked.</summary>
    public static string Require() =>
        Find() ?? throw new InvalidOperationException("Engine.sln not found above " + AppContext.BaseDirectory);

    /// <summary>A path under the root (under the test binaries outside a checkout).</summary>
    public static string Of(params string[] parts) => Path.Combine([Find() ?? AppContext.BaseDirectory, .. parts]);
}
