using Jint;
using Jint.Native;
using TrdpSim.Devices.Md;
using TrdpSim.Scheduling;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>Turns what an <c>mdRequest</c> hook returned into a <see cref="ScriptedReply"/>.</summary>
/// <remarks><c>undefined</c>/<c>null</c> = answer as planned; otherwise
/// <c>{ data, status, error, noReply, delay }</c> (any subset).</remarks>
internal static class ScriptedReplyReader
{
    private static readonly string[] Keys = ["data", "status", "error", "noReply", "delay"];

    public static ScriptedReply Read(ScenarioContext context, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return ScriptedReply.Planned;
        }

        var r = new OptionReader(context, value, "the mdRequest hook's answer", Keys);
        int? error = r.Has("error") ? (int)r.Integer("error", int.MinValue, -1, -1) : null;
        return new ScriptedReply
        {
            Payload = r.Raw("data") is { } data ? Bytes(context, r, data) : null,
            UserStatus = r.Has("status") ? (int)r.Integer("status", 0, int.MaxValue, 0) : null,
            ErrorStatus = error,
            NoReply = r.Raw("noReply") is { } noReply && (noReply.IsBoolean() ? noReply.AsBoolean() : throw r.Bad("noReply", "must be true or false")),
            DelayNanoseconds = r.OptionalDuration("delay") is { } delay ? delay.ToNanoseconds() : null,
        };
    }

    private static byte[] Bytes(ScenarioContext context, OptionReader r, JsValue data)
    {
        if (data.IsUint8Array())
        {
            return data.AsUint8Array();
        }

        if (data is not JsArray array)
        {
            throw r.Bad("data", "must be a Uint8Array or an array of byte values");
        }

        var bytes = new byte[array.Length];
        for (uint i = 0; i < array.Length; i++)
        {
            var item = array.Get(i);
            var n = item.IsNumber() ? item.AsNumber() : -1;
            bytes[i] = n is >= 0 and <= 255 && Math.Floor(n) == n ? (byte)n : throw context.Fail($"'data' of the mdRequest hook's answer: element {i} is not a byte (0…255)");
        }

        return bytes.Length <= Protocol.MdFrame.MaxDatasetLength ? bytes : throw r.Bad("data", $"is longer than the MD limit of {Protocol.MdFrame.MaxDatasetLength} bytes");
    }
}
