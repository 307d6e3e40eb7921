using Jint;
using Jint.Native;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios;

/// <summary>A scenario's Jint engine kept alive after the load because its timeline or hooks call back
/// into it during the run.</summary>
/// <remarks>
/// Only the scenario worker thread calls into the engine once the run starts (Jint engines are not
/// thread-safe). The sandbox limits apply to every callback as they did to the load; cancelling
/// <see cref="Cancel"/> interrupts a callback that is running (stop, Ctrl-C).
/// </remarks>
internal sealed class ScenarioScript : IScenarioScript
{
    private readonly CancellationTokenSource _cancellation;

    public ScenarioScript(ScenarioContext context, List<JsValue> callbacks, List<SourceLocation> origins, CancellationTokenSource cancellation)
    {
        Context = context;
        Callbacks = callbacks;
        CallbackOrigins = origins;
        _cancellation = cancellation;
    }

    public ScenarioContext Context { get; }

    /// <summary>The parameters the scenario declared, with their values now (<c>run.param</c>).</summary>
    public Runtime.LiveParameters? Parameters { get; init; }

    public Engine Engine => Context.Engine;

    public string FileName => Context.FileName;

    /// <summary>The functions timeline entries and hooks refer to by index.</summary>
    public List<JsValue> Callbacks { get; }

    /// <summary>Where each callback was registered, by the same index.</summary>
    public List<SourceLocation> CallbackOrigins { get; }

    /// <summary>Adds a callback registered while the run goes (<c>run.after</c>); worker thread.</summary>
    public int AddCallback(JsValue callback, SourceLocation origin)
    {
        Callbacks.Add(callback);
        CallbackOrigins.Add(origin);
        return Callbacks.Count - 1;
    }

    /// <summary>Interrupts the callback running now and every later one.</summary>
    public void Cancel() => _cancellation.Cancel();

    public void Dispose()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
        Engine.Dispose();
    }
}
