using SharpFuzz;
using TrdpSim.Fuzz;

// trdpsim fuzz targets for AFL++ (tools/fuzz/run.sh <target> <minutes>). With a file argument after the target the
// input is run outside AFL (to reproduce a finding or time a seed): dotnet TrdpSim.Fuzz.dll js seed.js [runs] runs it
// <runs> times (default 1) and prints how long the first run and the others took.
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: TrdpSim.Fuzz <{string.Join('|', Targets.All.Keys)}> [input-file [runs]]");
    return 2;
}

if (args.Length > 1)
{
    int runs = args.Length > 2 && int.TryParse(args[2], out int n) && n > 0 ? n : 1;
    CoverageMap.Provide();
    SeedTimer.Report(target, File.ReadAllBytes(args[1]), runs, Console.Out);
    Console.WriteLine("no failure");
    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
