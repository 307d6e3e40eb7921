namespace TrdpSim.Control;

/// <summary>Who sent a request, as its control actions record it (<c>http:&lt;client&gt;</c>): the remote address,
/// and the name the client gives itself in <c>X-Trdpsim-Client</c> (<c>trdpsim ctl</c> sends <c>ctl</c>).</summary>
internal static class ClientName
{
    public const string Header = "X-Trdpsim-Client";

    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var given = context.Request.Headers[Header].ToString();
        if (given.Length == 0)
        {
            return address;
        }

        // Printable ASCII only and bounded: the name ends up in audit events, logs and reports.
        Span<char> clean = stackalloc char[Math.Min(given.Length, 64)];
        for (var i = 0; i < clean.Length; i++)
        {
            clean[i] = given[i] is > ' ' and < '\x7f' ? given[i] : '_';
        }

        return $"{clean}@{address}";
    }
}
