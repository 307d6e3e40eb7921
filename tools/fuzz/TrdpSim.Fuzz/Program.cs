using SharpFuzz;
using TrdpSim.Fuzz;

// trdpsim fuzz targets for AFL++ (tools/fuzz/run.sh <target> <minutes>); with a file argument after the target
// the input is run once outside AFL (to reproduce a finding): dotnet TrdpSim.Fuzz.dll pd crash-file.
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: TrdpSim.Fuzz <{string.Join('|', Targets.All.Keys)}> [input-file]");
    return 2;
}

if (args.Length > 1)
{
    target(File.ReadAllBytes(args[1]));
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
