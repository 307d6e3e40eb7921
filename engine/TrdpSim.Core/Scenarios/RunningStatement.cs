using Jint;

namespace TrdpSim.Scenarios;

/// <summary>Finds the statement a scenario engine ran last: where a sandbox limit stopped a script that
/// Jint gives no position for.</summary>
/// <remarks>
/// Jint's statement limit (and a cancellation) stops the script without recording where; the engine
/// still knows the syntax element it ran last but exposes it only as the top frame of its stack trace.
/// That text prints the element's end line with its start column (a loop body spanning lines names the
/// closing brace's line), so instead of parsing it the engine's stack-trace handler is asked for the top
/// frame's own location while the trace is built. The handler returns null, so stack traces and
/// <c>Error.stack</c> keep Jint's format.
/// </remarks>
internal sealed class RunningStatement
{
    private bool _capturing;
    private Acornima.SourceLocation? _top;

    /// <summary>Installs the handler on <paramref name="options"/>; before the engine is made from them.</summary>
    public void Attach(Options options) => options.Interop.BuildCallStackHandler = Observe;

    /// <summary>The location of the element <paramref name="engine"/> ran last, when it has run any.</summary>
    public bool TryFind(Engine engine, out Acornima.SourceLocation where)
    {
        _capturing = true;
        _top = null;
        try
        {
            _ = engine.Advanced.StackTrace; // builds the frames through Observe, top frame first
        }
        finally
        {
            _capturing = false;
        }

        where = _top ?? default;
        return _top is { Start.Line: > 0 };
    }

    private string? Observe(string description, Acornima.SourceLocation location, string[]? arguments)
    {
        if (_capturing && _top is null)
        {
            _top = location;
        }

        return null;
    }
}
