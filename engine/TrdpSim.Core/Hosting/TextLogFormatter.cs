using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace TrdpSim.Hosting;

/// <summary>One readable line per log entry: <c>2025-06-01T12:00:00.123Z warn  trdpsim: message</c>, and the
/// exception's first line when there is one (the whole trace is for <c>--log-format json</c>).</summary>
internal sealed class TextLogFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "trdpsim-text";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTime.UtcNow.ToString(EngineLogging.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(EngineLogging.ShortName(logEntry.LogLevel).PadRight(6));
        textWriter.Write("trdpsim: ");
        textWriter.Write(message);
        if (logEntry.Exception is { } e)
        {
            textWriter.Write($" ({e.GetType().Name}: {e.Message})");
        }

        textWriter.WriteLine();
    }
}
