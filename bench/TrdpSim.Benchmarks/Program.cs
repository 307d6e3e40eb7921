using BenchmarkDotNet.Running;

namespace TrdpSim.Benchmarks;

/// <summary>Runs any benchmark class of this assembly: <c>dotnet run -c Release -- --filter '*Wheel*'</c>.</summary>
internal static class Program
{
    private static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchConfig.Create());
}
