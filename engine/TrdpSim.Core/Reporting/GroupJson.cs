using System.Text.Json;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The members that name a telegram or MD group, written alike in the JSON summary and in the live
/// stream's samples.</summary>
internal static class GroupJson
{
    /// <summary>device, the telegram's name under <paramref name="nameKey"/> (the summary's rows say <c>name</c>,
    /// the live samples <c>telegram</c>), role in lower case, ComId and instance count.</summary>
    public static void WriteTelegram(Utf8JsonWriter json, string nameKey, string device, string name, TelegramRole role, uint comId, int instances)
    {
        json.WriteString("device", device);
        json.WriteString(nameKey, name);
        json.WriteString("role", role.ToString().ToLowerInvariant());
        json.WriteNumber("comId", comId);
        json.WriteNumber("instances", instances);
    }

    /// <summary>device, name, role (<c>caller</c> or <c>replier</c>) and ComId.</summary>
    public static void WriteMd(Utf8JsonWriter json, MdGroup group)
    {
        json.WriteString("device", group.Device);
        json.WriteString("name", group.Name);
        json.WriteString("role", group.Role == MdRole.Caller ? "caller" : "replier");
        json.WriteNumber("comId", group.ComId);
    }
}
