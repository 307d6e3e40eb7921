using TrdpSim.DeviceXml.Internal;
using TrdpSim.Plan;

namespace TrdpSim.DeviceXml;

/// <summary>Reads TCNopen XML device configurations (trdp-wire.md §10) into a <see cref="RunPlan"/>: one
/// file per device, several files one train.</summary>
/// <remarks>
/// <para>A pure function of its input: no file is touched except by <see cref="LoadFiles"/>, nothing is
/// sent, nothing throws for bad input (only for null arguments). Every problem is a <see cref="PlanError"/>
/// at <c>file:line:col</c>; items read but not played are warnings. Checks here are the format's own
/// (well-formed XML, known elements, numbers, names, addresses); what the plan means as a whole (dataset
/// layouts, payload sizes, field paths) is checked by the plan's validation like every other source.</para>
/// <para>Fuzzing: <see cref="Load(string, string, XmlReadLimits?)"/> and <see cref="LoadBytes"/> take any text or
/// bytes; smaller <see cref="XmlReadLimits"/> reach the limits quickly.</para>
/// <para>The plan keeps the addresses as written; <see cref="RunPlan.AddressMap"/> is empty (the command
/// line adds rules, then <see cref="Plan.Addresses.AddressMapper"/> rewrites them once).</para>
/// </remarks>
public static class XmlPlanLoader
{
    /// <summary>Reads one device configuration from text.</summary>
    internal static XmlPlanResult Load(string text, string fileName, XmlReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        return LoadTexts([new XmlSource(fileName, text)], limits);
    }

    /// <summary>Reads one device configuration from encoded bytes (UTF-8 by default; a byte-order mark or
    /// an <c>encoding</c> declaration says otherwise).</summary>
    internal static XmlPlanResult LoadBytes(byte[] bytes, string fileName, XmlReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= XmlReadLimits.Default;
        var train = new TrainBinder(fileName);
        if (HardenedXmlReader.Read(bytes, fileName, limits, train.Problems) is { } root)
        {
            DeviceFileBinder.Bind(root, train);
        }

        return Finish(train);
    }

    /// <summary>Reads several device configurations as one train (in order: the first names the run and
    /// sets its network).</summary>
    internal static XmlPlanResult LoadTexts(IReadOnlyList<XmlSource> sources, XmlReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        limits ??= XmlReadLimits.Default;
        var train = new TrainBinder(sources.Count > 0 ? sources[0].FileName : string.Empty);
        foreach (XmlSource source in sources)
        {
            if (HardenedXmlReader.Read(source.Text, source.FileName, limits, train.Problems) is { } root)
            {
                DeviceFileBinder.Bind(root, train);
            }
        }

        return Finish(train);
    }

    /// <summary>Reads device configuration files as one train; a file that is too large is refused before
    /// it is read.</summary>
    internal static XmlPlanResult LoadFiles(IReadOnlyList<string> paths, XmlReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        limits ??= XmlReadLimits.Default;
        var train = new TrainBinder(paths.Count > 0 ? paths[0] : string.Empty);
        foreach (string path in paths)
        {
            if (ReadFile(path, limits, train.Problems) is { } bytes &&
                HardenedXmlReader.Read(bytes, path, limits, train.Problems) is { } root)
            {
                DeviceFileBinder.Bind(root, train);
            }
        }

        return Finish(train);
    }

    private static byte[]? ReadFile(string path, XmlReadLimits limits, Problems problems)
    {
        var where = new SourceLocation(path, 0, 0);
        // A FIFO or a device passes the size check below (its length is 0) and then blocks or never ends.
        if (PlanSourceFile.CheckReadable(path) is { } refused)
        {
            problems.Error(where, refused);
            return null;
        }

        try
        {
            long length = new FileInfo(path).Length;
            if (length > limits.MaxFileBytes)
            {
                problems.Error(where, $"the file has {length} bytes, more than the {limits.MaxFileBytes} a device configuration may have");
                return null;
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Error(where, $"cannot read the file: {e.Message}");
            return null;
        }
    }

    private static XmlPlanResult Finish(TrainBinder train)
    {
        train.ResolveCopies();
        return new(train.Plan, train.Problems.SortedErrors(), train.Problems.Warnings());
    }
}
