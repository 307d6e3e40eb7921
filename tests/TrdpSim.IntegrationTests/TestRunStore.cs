using System.Runtime.CompilerServices;

namespace TrdpSim.IntegrationTests;

/// <summary>Every run these tests play — in process or as a child, which inherits the environment — is recorded
/// into a run store of the test run's own, never into the user's default one.</summary>
internal static class TestRunStore
{
    public static string Directory { get; private set; } = string.Empty;

    [ModuleInitializer]
    internal static void UseTemporaryStore()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("trdpsim-test-store-").FullName;
        Environment.SetEnvironmentVariable("TRDPSIM_DATA_DIR", Directory);
    }
}
