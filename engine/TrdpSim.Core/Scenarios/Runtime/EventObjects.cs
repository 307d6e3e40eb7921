using Jint;
using Jint.Native;
using TrdpSim.Transport;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>Builds the JavaScript objects hooks receive (worker thread).</summary>
/// <remarks>Telegram, timeout and MD-request events are built from fixed layouts (<see cref="JsObjectLayout"/>):
/// every event of a kind shares one hidden class, so no property descriptors or dictionaries are allocated per
/// event, and <c>data</c> becomes a <c>Uint8Array</c> only when a script reads it. At a hook on every
/// telegram that is most of what an event costs, and what the garbage collector (which pauses every thread,
/// the timing wheel's too) has to clear.</remarks>
internal static class EventObjects
{
    private static readonly LazySlotFactory DataFromCopy = static (instance, state) =>
        instance.Engine.Intrinsics.Uint8Array.Construct((byte[])state!);

    private static readonly JsObjectLayout TelegramLayout = JsObjectLayout.CreateBuilder()
        .Add("device").Add("telegram").Add("comId").Add("time").Add("seq").Add("source").AddLazy("data", DataFromCopy).Build();

    private static readonly JsObjectLayout MdRequestLayout = JsObjectLayout.CreateBuilder()
        .Add("device").Add("replier").Add("comId").Add("time").Add("seq").Add("source").AddLazy("data", DataFromCopy).Build();

    private static readonly JsObjectLayout TimeoutLayout = new("device", "telegram", "comId", "time", "selfInflicted");

    /// <summary><c>{ device, telegram, comId, time, seq, source, data }</c> for a received telegram;
    /// a timeout has no <c>seq</c>, <c>source</c> or <c>data</c> but says whether it was <c>selfInflicted</c>
    /// (its deadline fell inside a stall of trdpsim's own threads); an MD request names the <c>replier</c>
    /// instead of the telegram.</summary>
    /// <remarks>The payload is copied for <c>data</c>: the event's pooled buffer goes back to the pool when
    /// the callback returns, and a script may keep the event and read <c>data</c> later.</remarks>
    public static JsObject Telegram(Engine engine, ScenarioHost host, in ScenarioEvent item)
    {
        var device = (JsValue?)item.DeviceValue ?? new JsString(item.Device ?? string.Empty);
        var name = (JsValue?)item.NameValue ?? new JsString(item.Name ?? string.Empty);
        var comId = JsNumber.Create(item.ComId);
        var time = JsNumber.Create(host.MillisecondsSinceStart(item.Time));
        if (item.Kind is not (ScenarioEventKind.Telegram or ScenarioEventKind.MdRequest))
        {
            return JsObject.Create(engine, TimeoutLayout, [device, name, comId, time, item.SelfInflicted ? JsBoolean.True : JsBoolean.False]);
        }

        var layout = item.Kind == ScenarioEventKind.MdRequest ? MdRequestLayout : TelegramLayout;
        var data = item.Payload is null ? [] : item.Payload.AsSpan(0, item.PayloadLength).ToArray();
        return JsObject.Create(engine, layout, [device, name, comId, time, JsNumber.Create(item.Sequence), Address(item.Source), null], data);
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
