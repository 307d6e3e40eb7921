using System.Globalization;

namespace TrdpSim.Recording;

/// <summary>Which telegrams a recording keeps (<c>--record-filter comid=1000,1001 device=tcms</c>): terms of
/// different keys must all hold, the values of one key are alternatives; no term keeps everything.</summary>
/// <remarks>The ComId is the one in the frame's header (bytes 8–11, PD and MD alike): 'Mc' and 'Me' carry 0, and a
/// frame too short to have one is not kept when a ComId filter is set. The device is the simulated device that
/// sent or received the frame.</remarks>
public sealed class RecordingFilter
{
    public static readonly RecordingFilter All = new(null, null);

    private RecordingFilter(HashSet<uint>? comIds, HashSet<string>? devices)
    {
        ComIds = comIds;
        DeviceNames = devices;
    }

    /// <summary>ComIds kept; null keeps every ComId.</summary>
    public IReadOnlySet<uint>? ComIds { get; }

    /// <summary>Devices whose frames are kept; null keeps every device.</summary>
    public IReadOnlySet<string>? DeviceNames { get; }

    /// <summary>Whether frames of <paramref name="device"/> may be kept.</summary>
    public bool KeepsDevice(string device) => DeviceNames is null || DeviceNames.Contains(device);

    /// <summary>Parses terms <c>comid=1,2</c> and <c>device=a,b</c> (repeatable; repeated keys add values).</summary>
    /// <returns>False with a message naming the term when a term is malformed.</returns>
    public static bool TryParse(IEnumerable<string> terms, out RecordingFilter filter, out string error)
    {
        ArgumentNullException.ThrowIfNull(terms);
        filter = All;
        error = string.Empty;
        HashSet<uint>? comIds = null;
        HashSet<string>? devices = null;
        foreach (var term in terms)
        {
            var equals = term.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? term : term[..equals].Trim();
            var values = equals < 0 ? [] : term[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries);
            if (equals < 0 || values.Length == 0 || Array.Exists(values, v => v.Length == 0))
            {
                error = $"'{term}': expected key=value[,value…], e.g. comid=1000,1001 or device=tcms";
                return false;
            }

            switch (key.ToLowerInvariant())
            {
                case "comid":
                    comIds ??= [];
                    foreach (var value in values)
                    {
                        if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var comId))
                        {
                            error = $"'{term}': ComId '{value}' is not a whole number from 0 to {uint.MaxValue}";
                            return false;
                        }

                        comIds.Add(comId);
                    }

                    break;
                case "device":
                    devices ??= new HashSet<string>(StringComparer.Ordinal);
                    devices.UnionWith(values);
                    break;
                default:
                    error = $"'{term}': unknown key '{key}' (comid, device)";
                    return false;
            }
        }

        filter = comIds is null && devices is null ? All : new RecordingFilter(comIds, devices);
        return true;
    }

    /// <summary>e.g. <c>comid=1000,1001 device=tcms</c>, or <c>all</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (ComIds is not null)
        {
            var sorted = new List<uint>(ComIds);
            sorted.Sort();
            parts.Add("comid=" + string.Join(',', sorted));
        }

        if (DeviceNames is not null)
        {
            var sorted = new List<string>(DeviceNames);
            sorted.Sort(StringComparer.Ordinal);
            parts.Add("device=" + string.Join(',', sorted));
        }

        return parts.Count == 0 ? "all" : string.Join(' ', parts);
    }
}
