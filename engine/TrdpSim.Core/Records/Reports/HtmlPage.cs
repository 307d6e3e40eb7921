using System.Net;
using System.Text;

namespace TrdpSim.Records.Reports;

/// <summary>A small builder for the reports' HTML: escaped text, tables, and the self-contained page frame (style
/// and script inlined, nothing loaded at view time).</summary>
internal sealed class HtmlPage
{
    private readonly StringBuilder _body = new();

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public HtmlPage Heading(int level, string text)
    {
        _body.Append("<h").Append(level).Append('>').Append(Encode(text)).Append("</h").Append(level).Append(">\n");
        return this;
    }

    public HtmlPage Paragraph(string text, string? cssClass = null)
    {
        _body.Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Raw markup the caller built from encoded parts.</summary>
    public HtmlPage Raw(string html)
    {
        _body.Append(html);
        return this;
    }

    /// <summary>A table; a cell beginning with <c>#</c> is right-aligned (the <c>#</c> is dropped), a cell of the
    /// form <c>class|text</c> in <paramref name="classed"/> columns gets that class.</summary>
    public HtmlPage Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? classed = null)
    {
        _body.Append("<table>\n<tr>");
        foreach (string cell in header)
        {
            _body.Append("<th>").Append(Encode(cell)).Append("</th>");
        }

        _body.Append("</tr>\n");
        foreach (IReadOnlyList<string> row in rows)
        {
            _body.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
            {
                string cell = row[i];
                if (classed is not null && classed.Contains(i) && cell.IndexOf('|', StringComparison.Ordinal) is > 0 and var bar)
                {
                    _body.Append("<td class=\"").Append(Encode(cell[..bar])).Append("\">").Append(Encode(cell[(bar + 1)..])).Append("</td>");
                }
                else if (cell.StartsWith('#'))
                {
                    _body.Append("<td class=\"num\">").Append(Encode(cell[1..])).Append("</td>");
                }
                else
                {
                    _body.Append("<td>").Append(Encode(cell)).Append("</td>");
                }
            }

            _body.Append("</tr>\n");
        }

        _body.Append("</table>\n");
        return this;
    }

    /// <summary>The whole page: <paramref name="dataJson"/> goes into <c>&lt;script id="run-data"&gt;</c> for the
    /// bundle's charts (null: a page without charts).</summary>
    public string Render(string title, string? dataJson)
    {
        var page = new StringBuilder(_body.Length + 64 * 1024);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n")
            .Append(ReportBundle.Inline(ReportBundle.Style)).Append("\n</style>\n</head>\n<body>\n")
            .Append(_body);
        if (dataJson is not null)
        {
            page.Append("<script type=\"application/json\" id=\"run-data\">").Append(ReportBundle.Inline(dataJson)).Append("</script>\n")
                .Append("<script>").Append(ReportBundle.ScriptElement).Append("</script>\n");
        }

        return page.Append("</body>\n</html>\n").ToString();
    }
}
