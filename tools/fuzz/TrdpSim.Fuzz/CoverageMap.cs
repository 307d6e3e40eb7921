using System.Runtime.InteropServices;

namespace TrdpSim.Fuzz;

/// <summary>The coverage map the instrumented assemblies write to. Under AFL it is AFL's shared memory (SharpFuzz
/// attaches it); outside AFL nobody sets it and the first instrumented branch writes through a null pointer, so a
/// finding could only be reproduced with a second, uninstrumented publish.</summary>
internal static class CoverageMap
{
    private const int Size = 1 << 16; // AFL's map size, the one SharpFuzz's instrumentation indexes into.

    /// <summary>Gives the instrumented code a private map of its own (harmless in an uninstrumented build).</summary>
    public static unsafe void Provide()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(Size);
        }
    }
}
