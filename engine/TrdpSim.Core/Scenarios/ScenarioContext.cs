using Jint;
using Jint.Native;
using Jint.Runtime;
using TrdpSim.Configuration;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios;

/// <summary>State shared by the host API objects while one scenario file is run: the engine, the
/// error sink and the file name used in positions.</summary>
internal sealed class ScenarioContext
{
    /// <summary>The module specifier the scenario is registered under; stack traces show it.</summary>
    public const string ModuleName = "scenario";

    private readonly Dictionary<JsValue, SourceLocation> _hostErrors = new(ReferenceEqualityComparer.Instance);

    private readonly RunningStatement _running = new();

    /// <summary>Makes the engine from <paramref name="options"/> (their stack-trace handler becomes the
    /// context's, see <see cref="LimitSite"/>).</summary>
    public ScenarioContext(Options options, string fileName, PlanErrorSink errors)
    {
        _running.Attach(options);
        Budget = ScenarioSandbox.BudgetOf(options);
        Engine = new Engine(options);
        FileName = fileName;
        Errors = errors;
    }

    public Engine Engine { get; }

    /// <summary>The sandbox limits checked over each whole entry, when the options came from the sandbox.</summary>
    public EntryBudget? Budget { get; }

    public string FileName { get; }

    public PlanErrorSink Errors { get; }

    /// <summary>The position of the innermost script call into the host (the JS call that is running
    /// now), from Jint's call stack: the first frame's <c>line:col</c> (both 1-based).</summary>
    public SourceLocation CallSite()
    {
        string trace = Engine.Advanced.StackTrace ?? string.Empty;
        int end = trace.IndexOf('\n', StringComparison.Ordinal);
        ReadOnlySpan<char> first = (end < 0 ? trace : trace[..end]).AsSpan().TrimEnd().TrimEnd(')');
        int colColon = first.LastIndexOf(':');
        if (colColon > 0)
        {
            int lineColon = first[..colColon].LastIndexOf(':');
            if (lineColon > 0 &&
                int.TryParse(first[(lineColon + 1)..colColon], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int line) &&
                int.TryParse(first[(colColon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int column))
            {
                return new SourceLocation(FileName, line, column);
            }
        }

        return new SourceLocation(FileName, 0, 0);
    }

    /// <summary>Where the sandbox limit <paramref name="limit"/> stopped the script: the position Jint
    /// recorded with it, else the statement the engine ran last (the statement limit records none), else
    /// <paramref name="fallback"/>.</summary>
    public SourceLocation LimitSite(Exception limit, SourceLocation fallback) =>
        (JintException.TryGetJavaScriptLocation(limit, out Acornima.SourceLocation where) && where.Start.Line > 0) || _running.TryFind(Engine, out where)
            ? new SourceLocation(FileName, where.Start.Line, where.Start.Column + 1)
            : fallback;

    /// <summary>An <c>Error</c> the script can catch; when nobody catches it the load reports
    /// <paramref name="message"/> at the call that caused it.</summary>
    public JavaScriptException Fail(string message)
    {
        var exception = new JavaScriptException(Engine.Intrinsics.Error, message);
        _hostErrors[exception.Error] = CallSite();
        return exception;
    }

    /// <summary>A duration argument (<c>"30s"</c>) of a host call; anything else is an error at the call.</summary>
    /// <param name="value">The script's argument.</param>
    /// <param name="what">The call, for the message (<c>plan.at()</c>).</param>
    /// <param name="allowZero">Whether <c>"0s"</c> is accepted (otherwise the duration must be positive).</param>
    public TimeSpan Duration(JsValue value, string what, bool allowZero)
    {
        string text = value.IsString() ? value.AsString() : throw Fail($"{what} expects a duration string such as \"30s\"");
        return DurationParser.TryParse(text, out TimeSpan time, out string error) && (allowZero ? time >= TimeSpan.Zero : time > TimeSpan.Zero)
            ? time
            : throw Fail($"{what}: '{text}' is not a {(allowZero ? "duration" : "positive duration")}" + (error.Length > 0 ? $" ({error})" : string.Empty));
    }

    /// <summary>Where a host-raised error (see <see cref="Fail"/>) was raised, if it is one.</summary>
    public bool TryGetHostErrorSite(JsValue error, out SourceLocation at) => _hostErrors.TryGetValue(error, out at);
}
