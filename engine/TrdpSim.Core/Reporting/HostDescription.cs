using System.Runtime;
using System.Runtime.InteropServices;

namespace TrdpSim.Reporting;

/// <summary>The machine a run played on, as a run manifest records it: figures from two hosts are only
/// comparable when one knows they came from two hosts.</summary>
/// <param name="Hostname">The machine name.</param>
/// <param name="Os">The distribution (<c>PRETTY_NAME</c> of /etc/os-release), else the runtime's OS description.</param>
/// <param name="Kernel">The kernel release (<c>uname -r</c>).</param>
/// <param name="Architecture">The processor architecture, e.g. <c>x64</c>.</param>
/// <param name="CpuCount">Processors available to the process.</param>
/// <param name="Runtime">The .NET runtime, e.g. <c>.NET 10.0.1</c>.</param>
/// <param name="NativeAot">Whether this is the NativeAOT binary (no JIT): its timings differ from a <c>dotnet run</c>.</param>
internal sealed record HostDescription(string Hostname, string Os, string Kernel, string Architecture, int CpuCount, string Runtime, bool NativeAot)
{
    /// <summary>Describes the machine this process runs on.</summary>
    public static HostDescription Current() => new(
        Environment.MachineName,
        ReadOsRelease("/etc/os-release") ?? RuntimeInformation.OSDescription,
        ReadFirstLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString,
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        // Not RuntimeFeature.IsDynamicCodeSupported: PublishAot=true switches that off for JIT runs of the
        // same project too. A NativeAOT binary has no JIT, so it never compiled a method.
        JitInfo.GetCompiledMethodCount() == 0);

    private static string? ReadOsRelease(string path)
    {
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
                {
                    string value = line["PRETTY_NAME=".Length..].Trim().Trim('"');
                    return value.Length > 0 ? value : null;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or a container without the file: the runtime's description stands in.
        }

        return null;
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return text.Length > 0 ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
