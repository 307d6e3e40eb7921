using Jint;
using Jint.Native;
using TrdpSim.Reporting;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>The run summary as the JavaScript object end hooks receive.</summary>
/// <remarks><c>{ name, seconds, sent, received, lost, timeouts, droppedCycles, engineErrors,
/// sendLateness: { p50, p99, max } (µs), telegrams: [{ device, name, role, comId, sent, received, lost,
/// duplicates, outOfOrder, timeouts, droppedCycles }], md: [{ device, name, role, comId, calls, ok,
/// timeouts, requests, replies }] }</c> — documented in plugins/README.md and plugins/trdpsim.d.ts.</remarks>
internal static class SummaryObject
{
    public static JsObject Build(Engine engine, RunSummary summary)
    {
        var obj = new JsObject(engine);
        obj.FastSetDataProperty("name", new JsString(summary.RunName));
        obj.FastSetDataProperty("seconds", JsNumber.Create(summary.Elapsed.TotalSeconds));
        var t = summary.Totals;
        obj.FastSetDataProperty("sent", JsNumber.Create(t.Sent));
        obj.FastSetDataProperty("received", JsNumber.Create(t.Received));
        obj.FastSetDataProperty("lost", JsNumber.Create(t.Lost));
        obj.FastSetDataProperty("timeouts", JsNumber.Create(t.Timeouts));
        obj.FastSetDataProperty("droppedCycles", JsNumber.Create(t.DroppedCycles));
        obj.FastSetDataProperty("engineErrors", JsNumber.Create(summary.EngineErrors));
        var lateness = new JsObject(engine);
        lateness.FastSetDataProperty("p50", JsNumber.Create(summary.SendLateness.P50 / 1000.0));
        lateness.FastSetDataProperty("p99", JsNumber.Create(summary.SendLateness.P99 / 1000.0));
        lateness.FastSetDataProperty("max", JsNumber.Create(summary.SendLateness.Max / 1000.0));
        obj.FastSetDataProperty("sendLateness", lateness);

        obj.FastSetDataProperty("telegrams", Rows(engine, summary.Rows, static (engine, row) =>
        {
            var c = row.Counters;
            var r = Row(engine, row.Device, row.Name, row.Role.ToString(), row.ComId);
            r.FastSetDataProperty("sent", JsNumber.Create(c.Sent));
            r.FastSetDataProperty("received", JsNumber.Create(c.Received));
            r.FastSetDataProperty("lost", JsNumber.Create(c.Lost));
            r.FastSetDataProperty("duplicates", JsNumber.Create(c.Duplicates));
            r.FastSetDataProperty("outOfOrder", JsNumber.Create(c.OutOfOrder));
            r.FastSetDataProperty("timeouts", JsNumber.Create(c.Timeouts));
            r.FastSetDataProperty("droppedCycles", JsNumber.Create(c.DroppedCycles));
            return r;
        }));
        obj.FastSetDataProperty("md", Rows(engine, summary.MdRows, static (engine, row) =>
        {
            var c = row.Counters;
            var r = Row(engine, row.Group.Device, row.Group.Name, row.Group.Role.ToString(), row.Group.ComId);
            r.FastSetDataProperty("calls", JsNumber.Create(c.Calls));
            r.FastSetDataProperty("ok", JsNumber.Create(c.Ok));
            r.FastSetDataProperty("timeouts", JsNumber.Create(c.Timeouts));
            r.FastSetDataProperty("requests", JsNumber.Create(c.Requests));
            r.FastSetDataProperty("replies", JsNumber.Create(c.Replies));
            return r;
        }));
        return obj;
    }

    /// <summary>A JavaScript array with one object per item, each made by <paramref name="row"/>.</summary>
    private static JsArray Rows<T>(Engine engine, IReadOnlyList<T> items, Func<Engine, T, JsObject> row)
    {
        var values = new JsValue[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = row(engine, items[i]);
        }

        return new JsArray(engine, values);
    }

    /// <summary>A telegram or MD row begun with what names it: device, name, role (lower case) and ComId.</summary>
    private static JsObject Row(Engine engine, string device, string name, string role, uint comId)
    {
        var row = new JsObject(engine);
        row.FastSetDataProperty("device", new JsString(device));
        row.FastSetDataProperty("name", new JsString(name));
        row.FastSetDataProperty("role", new JsString(role.ToLowerInvariant()));
        row.FastSetDataProperty("comId", JsNumber.Create(comId));
        return row;
    }
}
