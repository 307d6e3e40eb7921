using System.Globalization;
using TrdpSim.Events;

namespace TrdpSim.Control;

/// <summary>Reads what stream clients ask for — topics, a catch-up point, a token — and says clearly what is wrong
/// with a bad value.</summary>
internal static class StreamRequests
{
    /// <summary>Topic patterns from a comma-separated list (<c>?topics=run.*,anomalies</c>).</summary>
    public static bool TryParseTopics(string? csv, out TopicFilter filter, out string? error) =>
        TryParseTopics(csv is null ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), out filter, out error);

    public static bool TryParseTopics(IReadOnlyList<string> patterns, out TopicFilter filter, out string? error)
    {
        filter = TopicFilter.None;
        foreach (var pattern in patterns)
        {
            if (TopicFilter.Check(pattern) is { } problem)
            {
                error = problem;
                return false;
            }
        }

        if (patterns.Count > TopicFilter.MaxPatterns)
        {
            error = $"more than {TopicFilter.MaxPatterns} topic patterns";
            return false;
        }

        filter = TopicFilter.Of(patterns);
        error = null;
        return true;
    }

    /// <summary>A catch-up point from an event id or a timestamp (at most one of them).</summary>
    public static bool TryParseCatchUp(string? lastId, string? lastTimestamp, out CatchUpRequest? request, out string? error)
    {
        request = null;
        error = null;
        if (!string.IsNullOrEmpty(lastId) && !string.IsNullOrEmpty(lastTimestamp))
        {
            error = "give lastId (or Last-Event-ID) or lastTimestamp, not both";
            return false;
        }

        if (!string.IsNullOrEmpty(lastId))
        {
            if (!long.TryParse(lastId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                error = $"last event id '{lastId}' is not a whole number";
                return false;
            }

            request = CatchUpRequest.AfterEvent(id);
            return true;
        }

        if (!string.IsNullOrEmpty(lastTimestamp))
        {
            if (!TryParseTimestamp(lastTimestamp, out var utc, out error))
            {
                error = "lastTimestamp: " + error;
                return false;
            }

            request = CatchUpRequest.After(utc);
        }

        return true;
    }

    /// <summary>An ISO 8601 timestamp with its zone (<c>Z</c> or <c>+01:00</c>), as UTC.</summary>
    public static bool TryParseTimestamp(string text, out DateTime utc, out string? error)
    {
        utc = default;
        var zoned = text.EndsWith('Z') || text.EndsWith('z') ||
            (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
        if (!zoned)
        {
            error = $"'{text}' has no time zone: write it as UTC with Z (2025-06-01T12:00:00.5Z) or with an offset (+02:00)";
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            error = $"'{text}' is not an ISO 8601 timestamp such as 2025-06-01T12:00:00.5Z";
            return false;
        }

        utc = parsed.UtcDateTime;
        error = null;
        return true;
    }

    /// <summary>The bearer token of a request: <c>Authorization: Bearer …</c>, else (when allowed) <c>?access_token=</c>.</summary>
    public static string? Token(HttpContext context, bool allowQuery)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return allowQuery && context.Request.Query.TryGetValue("access_token", out var token) ? token.ToString() : null;
    }

    /// <summary>Who a client is, for logs: its address and port.</summary>
    public static string Client(HttpContext context) =>
        $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
}
