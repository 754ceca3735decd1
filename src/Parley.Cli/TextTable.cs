using System.Text;

namespace Parley.Cli;

/// <summary>
/// Aligns rows into columns the way Consul's CLI does (<c>columnize</c>): every column but the last padded to its
/// widest cell, columns joined by two spaces, the last column unpadded, cells trimmed, no trailing newline.
/// </summary>
internal static class TextTable
{
    /// <summary>Formats <paramref name="rows"/> (the header is simply the first row).</summary>
    public static string Format(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = new List<int>();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                var width = row[i].Trim().Length;
                if (i == widths.Count)
                {
                    widths.Add(width);
                }
                else if (widths[i] < width)
                {
                    widths[i] = width;
                }
            }
        }

        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            if (r > 0)
            {
                text.Append('\n');
            }

            var row = rows[r];
            for (var i = 0; i < row.Count; i++)
            {
                var cell = row[i].Trim();
                text.Append(cell);
                if (i < row.Count - 1)
                {
                    text.Append(' ', widths[i] - cell.Length).Append("  ");
                }
            }
        }

        return text.ToString();
    }
}
