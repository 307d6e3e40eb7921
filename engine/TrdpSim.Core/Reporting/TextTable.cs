using System.Text;

namespace TrdpSim.Reporting;

/// <summary>One column of a <see cref="TextTable"/>.</summary>
/// <param name="Header">The header cell; also the key of the legend entry.</param>
/// <param name="Legend">What the header means, for the legend under the table (null: self-explanatory).</param>
/// <param name="Group">A label over a run of adjacent columns (e.g. "send lateness" over p50 p99 max).</param>
/// <param name="LeftAligned">Text columns are left-aligned, figures right-aligned.</param>
/// <param name="MinWidth">Above 0: a name column that is clipped (with "…") down to this width before any
/// column is dropped.</param>
/// <param name="MaxWidth">Longer cells are clipped to this width even when there is room.</param>
/// <param name="DropOrder">Above 0: the column may be left out when the table still does not fit, those
/// with nothing but zeros first, then the highest order first. 0: always shown.</param>
internal sealed record TextColumn(string Header, string? Legend = null, string? Group = null, bool LeftAligned = false,
    int MinWidth = 0, int MaxWidth = int.MaxValue, int DropOrder = 0);

/// <summary>A titled text table laid out for a terminal width: columns as wide as their content, name
/// columns clipped and optional columns left out when that is too wide, labels over column groups, and a
/// legend for the abbreviated headers.</summary>
/// <remarks>Hand-written rather than a console-table package: those draw borders and colours through a
/// console abstraction, while the summary is plain text that goes to files and CI logs as often as to a
/// terminal, and needs width-driven clipping that they do not do.</remarks>
internal sealed class TextTable(string title, params TextColumn[] columns)
{
    private const string Ellipsis = "…";
    private readonly List<string[]> _rows = [];
    private readonly List<(string Term, string Meaning)> _notes = [];
    private int _gap = 2;

    /// <summary>Adds a row: one cell per column.</summary>
    public void Row(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"{cells.Length} cells for {columns.Length} columns", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Adds a legend entry that no header carries (a group label, a unit).</summary>
    public void Note(string term, string meaning) => _notes.Add((term, meaning));

    public int RowCount => _rows.Count;

    /// <summary>Appends a blank line, the title, the group labels, the header, the rows and the legend.</summary>
    public void AppendTo(StringBuilder text, int width)
    {
        var widths = NaturalWidths();
        var shown = new bool[columns.Length];
        Array.Fill(shown, true);
        Fit(widths, shown, width);

        text.AppendLine();
        TextWrap.AppendLine(text, title, width);
        AppendGroups(text, widths, shown);
        AppendCells(text, widths, shown, Array.ConvertAll(columns, c => c.Header));
        foreach (string[] row in _rows)
        {
            AppendCells(text, widths, shown, row);
        }

        AppendLegend(text, shown, width);
        var left = new List<string>();
        for (int c = 0; c < columns.Length; c++)
        {
            if (!shown[c])
            {
                left.Add(columns[c].Group is { } group ? $"{group} {columns[c].Header}" : columns[c].Header);
            }
        }

        if (left.Count > 0)
        {
            TextWrap.AppendLine(text, $"  left out for the terminal's width: {string.Join(", ", left)}", width, "  ");
        }
    }

    private int[] NaturalWidths()
    {
        var widths = new int[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            int w = columns[c].Header.Length;
            foreach (string[] row in _rows)
            {
                w = Math.Max(w, row[c].Length);
            }

            widths[c] = Math.Min(w, Math.Max(columns[c].MaxWidth, columns[c].Header.Length));
        }

        return widths;
    }

    /// <summary>Narrows the gaps to one space, then clips name columns, then leaves out optional columns,
    /// until the table fits.</summary>
    private void Fit(int[] widths, bool[] shown, int width)
    {
        int[] natural = (int[])widths.Clone();
        _gap = 2;
        WidenForGroups(widths, shown);
        if (Total(widths, shown) > width)
        {
            _gap = 1;
        }

        while (Total(widths, shown) > width)
        {
            int widest = -1;
            for (int c = 0; c < columns.Length; c++)
            {
                if (shown[c] && columns[c].MinWidth > 0 && widths[c] > columns[c].MinWidth && (widest < 0 || widths[c] > widths[widest]))
                {
                    widest = c;
                }
            }

            if (widest >= 0)
            {
                widths[widest]--;
                continue;
            }

            int drop = -1;
            for (int c = 0; c < columns.Length; c++)
            {
                if (shown[c] && columns[c].DropOrder > 0 && (drop < 0 || DropsBefore(c, drop)))
                {
                    drop = c;
                }
            }

            if (drop < 0)
            {
                return; // nothing left to give up: the terminal wraps
            }

            shown[drop] = false;
            WidenForGroups(widths, shown);
        }

        // A left-out column may have freed more room than the names were clipped by: give it back.
        for (bool grew = true; grew;)
        {
            grew = false;
            for (int c = 0; c < columns.Length; c++)
            {
                if (shown[c] && widths[c] < natural[c] && columns[c].Group is null && Total(widths, shown) < width)
                {
                    widths[c]++;
                    grew = true;
                }
            }
        }
    }

    /// <summary>Whether column <paramref name="a"/> is left out before <paramref name="b"/>: a column that says
    /// nothing (all zeros) before one that does, then by <see cref="TextColumn.DropOrder"/>.</summary>
    private bool DropsBefore(int a, int b) => IsBlank(a) != IsBlank(b) ? IsBlank(a) : columns[a].DropOrder > columns[b].DropOrder;

    private bool IsBlank(int c)
    {
        foreach (string[] row in _rows)
        {
            if (row[c] is not ("0" or "-" or ""))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Makes every group as wide as its label plus a rule on each side, by widening its first column.</summary>
    private void WidenForGroups(int[] widths, bool[] shown)
    {
        foreach (var (first, last) in Groups(shown))
        {
            int span = Span(widths, shown, first, last);
            int needed = columns[first].Group!.Length + 4;
            if (span < needed)
            {
                widths[first] += needed - span;
            }
        }
    }

    private int Total(int[] widths, bool[] shown)
    {
        int total = 0;
        for (int c = 0; c < columns.Length; c++)
        {
            if (shown[c])
            {
                total += Gap(c, shown) + widths[c];
            }
        }

        return total;
    }

    /// <summary>Spaces before column <paramref name="c"/>: none for the first shown, one more where a group starts.</summary>
    private int Gap(int c, bool[] shown)
    {
        int previous = c - 1;
        while (previous >= 0 && !shown[previous])
        {
            previous--;
        }

        if (previous < 0)
        {
            return 0;
        }

        return columns[c].Group is { } group && columns[previous].Group != group ? _gap + 1 : _gap;
    }

    /// <summary>Runs of shown columns with the same group label, as (first, last) column indexes.</summary>
    private List<(int First, int Last)> Groups(bool[] shown)
    {
        var groups = new List<(int, int)>();
        for (int c = 0; c < columns.Length; c++)
        {
            if (!shown[c] || columns[c].Group is null)
            {
                continue;
            }

            int last = c;
            for (int next = c + 1; next < columns.Length && (!shown[next] || columns[next].Group == columns[c].Group); next++)
            {
                if (shown[next])
                {
                    last = next;
                }
            }

            groups.Add((c, last));
            c = last;
        }

        return groups;
    }

    private int Span(int[] widths, bool[] shown, int first, int last)
    {
        int span = widths[first];
        for (int c = first + 1; c <= last; c++)
        {
            span += shown[c] ? Gap(c, shown) + widths[c] : 0;
        }

        return span;
    }

    private void AppendGroups(StringBuilder text, int[] widths, bool[] shown)
    {
        var groups = Groups(shown);
        if (groups.Count == 0)
        {
            return;
        }

        var line = new StringBuilder();
        int at = 0;
        foreach (var (first, last) in groups)
        {
            int start = 0;
            for (int c = 0; c < first; c++)
            {
                start += shown[c] ? Gap(c, shown) + widths[c] : 0;
            }

            start += Gap(first, shown);
            line.Append(' ', start - at);
            int span = Span(widths, shown, first, last);
            string label = " " + columns[first].Group + " ";
            int left = (span - label.Length) / 2;
            line.Append('─', left).Append(label).Append('─', span - label.Length - left);
            at = start + span;
        }

        text.AppendLine(line.ToString());
    }

    private void AppendCells(StringBuilder text, int[] widths, bool[] shown, string[] cells)
    {
        var line = new StringBuilder();
        for (int c = 0; c < columns.Length; c++)
        {
            if (!shown[c])
            {
                continue;
            }

            line.Append(' ', Gap(c, shown));
            string cell = cells[c].Length <= widths[c] ? cells[c] : cells[c][..(widths[c] - Ellipsis.Length)] + Ellipsis;
            if (columns[c].LeftAligned)
            {
                line.Append(cell).Append(' ', widths[c] - cell.Length);
            }
            else
            {
                line.Append(' ', widths[c] - cell.Length).Append(cell);
            }
        }

        text.AppendLine(line.ToString().TrimEnd());
    }

    private void AppendLegend(StringBuilder text, bool[] shown, int width)
    {
        var entries = new List<string>();
        for (int c = 0; c < columns.Length; c++)
        {
            if (shown[c] && columns[c].Legend is { } legend)
            {
                entries.Add($"{columns[c].Header} = {legend}");
            }
        }

        foreach (var (term, meaning) in _notes)
        {
            entries.Add($"{term} = {meaning}");
        }

        if (entries.Count > 0)
        {
            TextWrap.AppendItems(text, "  ", entries, "; ", width);
        }
    }
}
