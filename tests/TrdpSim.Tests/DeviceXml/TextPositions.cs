namespace TrdpSim.Tests.DeviceXml;

/// <summary>Where a piece of text is, as the XML reader counts: 1-based line and column.</summary>
internal static class TextPositions
{
    /// <summary>Line and column of the first <paramref name="marker"/> in <paramref name="text"/>.</summary>
    public static (int Line, int Column) Of(string text, string marker)
    {
        int index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{marker}' not in the text");
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}
