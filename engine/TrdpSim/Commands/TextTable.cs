namespace TrdpSim.Cli.Commands;

/// <summary>Prints rows as left-aligned columns two spaces apart (the last column is not padded).</summary>
internal static class TextTable
{
    public static void Write(IReadOnlyList<string[]> rows)
    {
        int columns = rows.Count > 0 ? rows[0].Length : 0;
        int[] widths = new int[columns];
        foreach (string[] row in rows)
        {
            for (int i = 0; i < columns; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (string[] row in rows)
        {
            var line = new System.Text.StringBuilder();
            for (int i = 0; i < columns; i++)
            {
                line.Append(i + 1 < columns ? row[i].PadRight(widths[i]) + "  " : row[i]);
            }

            Console.WriteLine(line.ToString().TrimEnd());
        }
    }
}
