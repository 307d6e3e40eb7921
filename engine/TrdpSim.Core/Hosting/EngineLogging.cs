using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace TrdpSim.Hosting;

/// <summary>How log lines look: <c>text</c> (one readable line) or <c>json</c> (one JSON object per line).</summary>
internal enum LogFormat
{
    Text,
    Json,
}

/// <summary>The engine's logging set-up (Microsoft.Extensions.Logging with the console provider): every line to
/// standard error — standard output holds the summary —, UTC timestamps with milliseconds, text or JSON lines.</summary>
/// <remarks>
/// Text: <c>2025-06-01T12:00:00.123Z info  trdpsim: running 'demo' …</c>. JSON: the console provider's JSON lines
/// (<c>Timestamp</c>, <c>EventId</c>, <c>LogLevel</c>, <c>Category</c>, <c>Message</c>, <c>State</c>). The provider
/// writes from its own thread; dispose the factory at exit so the last lines are written.
/// </remarks>
internal static class EngineLogging
{
    /// <summary>The timestamp format of every line (UTC).</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    /// <summary>The level names <c>--log-level</c> accepts, lowest first.</summary>
    public static IReadOnlyList<string> LevelNames { get; } = ["trace", "debug", "info", "warn", "error", "none"];

    /// <summary>A logger factory writing to standard error from <paramref name="minimum"/> up.</summary>
    public static ILoggerFactory Create(LogFormat format, LogLevel minimum) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(minimum);
        builder.AddConsole(options =>
        {
            options.LogToStandardErrorThreshold = LogLevel.Trace;
            options.FormatterName = format == LogFormat.Json ? ConsoleFormatterNames.Json : TextLogFormatter.FormatterName;
        });
        if (format == LogFormat.Json)
        {
            builder.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = TimestampFormat.TrimEnd();
                options.IncludeScopes = false;
            });
        }
        else
        {
            // Registered by hand: AddConsoleFormatter<,> binds options from configuration through reflection.
            builder.Services.AddSingleton<ConsoleFormatter>(_ => new TextLogFormatter());
        }
    });

    /// <summary>A level from its <c>--log-level</c> name (<see cref="LevelNames"/>).</summary>
    public static bool TryParseLevel(string text, out LogLevel level)
    {
        var index = -1;
        for (var i = 0; i < LevelNames.Count; i++)
        {
            if (string.Equals(LevelNames[i], text, StringComparison.OrdinalIgnoreCase))
            {
                index = i;
            }
        }

        level = index switch
        {
            0 => LogLevel.Trace,
            1 => LogLevel.Debug,
            2 => LogLevel.Information,
            3 => LogLevel.Warning,
            4 => LogLevel.Error,
            _ => LogLevel.None,
        };
        return index >= 0;
    }

    /// <summary>The short name of a level in text lines.</summary>
    public static string ShortName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
