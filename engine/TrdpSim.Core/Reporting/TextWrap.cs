using System.Text;

namespace TrdpSim.Reporting;

/// <summary>Wraps prose lines of the summary (totals, legends, threshold details) at word boundaries.</summary>
internal static class TextWrap
{
    /// <summary>Appends <paramref name="text"/> as lines of at most <paramref name="width"/> columns; lines
    /// after the first start with <paramref name="indent"/>. A word longer than a line stays whole.</summary>
    public static void AppendLine(StringBuilder output, string text, int width, string indent = "  ")
    {
        if (text.Length <= width)
        {
            output.AppendLine(text);
            return;
        }

        int lineStart = output.Length;
        bool lineEmpty = true; // nothing but the indent on this line yet
        bool continuation = false;
        foreach (string word in text.Split(' '))
        {
            if (!lineEmpty && output.Length - lineStart + 1 + word.Length > width)
            {
                while (output.Length > lineStart && output[^1] == ' ')
                {
                    output.Length--; // the spaces before the break
                }

                output.AppendLine();
                lineStart = output.Length;
                output.Append(indent);
                lineEmpty = true;
                continuation = true;
            }

            if (lineEmpty && continuation && word.Length == 0)
            {
                continue; // a double space at the break would only push the next line right
            }

            if (!lineEmpty)
            {
                output.Append(' ');
            }

            output.Append(word);
            lineEmpty = false;
        }

        output.AppendLine();
    }

    /// <summary>Appends <paramref name="head"/> and <paramref name="items"/> joined by <paramref name="separator"/>,
    /// breaking lines between items (an item is only split when it is longer than a line), so that a figure
    /// stays beside its name.</summary>
    public static void AppendItems(StringBuilder output, string head, IReadOnlyList<string> items, string separator, int width, string indent = "  ")
    {
        var line = new StringBuilder(head);
        bool lineHasItem = false;
        string lineEnd = separator.TrimEnd(); // what a line ends with when the next item goes on the next line
        for (int i = 0; i < items.Count; i++)
        {
            string piece = (i == 0 ? string.Empty : separator) + items[i];
            int room = i == items.Count - 1 ? width : width - lineEnd.Length;
            if (lineHasItem && line.Length + piece.Length > room)
            {
                AppendLine(output, line.Append(lineEnd).ToString(), width, indent);
                line.Clear().Append(indent).Append(items[i]);
            }
            else
            {
                line.Append(piece);
            }

            lineHasItem = true;
        }

        AppendLine(output, line.ToString(), width, indent);
    }
}
