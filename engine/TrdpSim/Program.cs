namespace TrdpSim.Cli;

/// <summary>Entry point: the command line (<see cref="CommandLine"/>) picks the verb; all work happens in <c>TrdpSim.Core</c>.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => CommandLine.InvokeAsync(args);
}
