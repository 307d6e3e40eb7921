using Jint;
using Jint.Native;
using TrdpSim.Transport;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>Builds the JavaScript objects hooks receive (worker thread; allocation is fine here).</summary>
internal static class EventObjects
{
    /// <summary><c>{ device, telegram, comId, time, seq, source, data }</c> for a received telegram;
    /// a timeout has no <c>seq</c>, <c>source</c> or <c>data</c>; an MD request names the <c>replier</c>
    /// instead of the telegram.</summary>
    public static JsObject Telegram(Engine engine, ScenarioHost host, in ScenarioEvent item)
    {
        var ev = new JsObject(engine);
        ev.FastSetDataProperty("device", item.DeviceValue ?? new JsString(item.Device ?? string.Empty));
        ev.FastSetDataProperty(item.Kind == ScenarioEventKind.MdRequest ? "replier" : "telegram", item.NameValue ?? new JsString(item.Name ?? string.Empty));
        ev.FastSetDataProperty("comId", JsNumber.Create(item.ComId));
        ev.FastSetDataProperty("time", JsNumber.Create(host.MillisecondsSinceStart(item.Time)));
        if (item.Kind is ScenarioEventKind.Telegram or ScenarioEventKind.MdRequest)
        {
            ev.FastSetDataProperty("seq", JsNumber.Create(item.Sequence));
            ev.FastSetDataProperty("source", Address(item.Source));
            ev.FastSetDataProperty("data", engine.Intrinsics.Uint8Array.Construct(item.Payload.AsSpan(0, item.PayloadLength)));
        }

        return ev;
    }

    /// <summary>Source addresses as JavaScript strings, cached: a run sees few distinct sources, and the
    /// worker is the only caller.</summary>
    [ThreadStatic]
    private static Dictionary<uint, JsString>? t_addresses;

    private static JsString Address(uint address)
    {
        var cache = t_addresses ??= [];
        if (!cache.TryGetValue(address, out var text))
        {
            text = new JsString(Ip4Endpoint.FormatAddress(address));
            if (cache.Count < 4096)
            {
                cache[address] = text;
            }
        }

        return text;
    }

    /// <summary><c>{ name, time, tags }</c> for a phase change.</summary>
    public static JsObject Phase(Engine engine, ScenarioHost host, in ScenarioEvent item)
    {
        var ev = new JsObject(engine);
        ev.FastSetDataProperty("name", new JsString(item.Name ?? string.Empty));
        ev.FastSetDataProperty("time", JsNumber.Create(host.MillisecondsSinceStart(item.Time)));
        var tags = item.Phase?.Tags ?? [];
        var values = new JsValue[tags.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new JsString(tags[i]);
        }

        ev.FastSetDataProperty("tags", new JsArray(engine, values));
        return ev;
    }
}
