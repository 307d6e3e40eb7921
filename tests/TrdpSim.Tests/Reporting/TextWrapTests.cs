using System.Text;

namespace TrdpSim.Tests.Reporting;

/// <summary>Prose lines of the summary wrap at word boundaries within the width.</summary>
public sealed class TextWrapTests
{
    [Fact]
    public void LongLinesBreakBetweenWordsWithAHangingIndentAndNoTrailingSpaces()
    {
        var text = new StringBuilder();
        TextWrap.AppendLine(text, "  FAIL  metric: rule  — failed at 00:06: p(99)=16.78ms ≥ 10.00ms in the 10s window  [configs/thresholds.toml:64:10]", 60, "        ");
        string[] lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("  FAIL  metric: rule  — failed at 00:06: p(99)=16.78ms ≥", lines[0]);
        Assert.Equal("        10.00ms in the 10s window", lines[1]);
        Assert.Equal("        [configs/thresholds.toml:64:10]", lines[2]);
        Assert.All(lines, line => Assert.True(line.Length <= 60 && !line.EndsWith(' '), $"'{line}'"));
    }

    [Fact]
    public void ShortLinesStayAsTheyAre()
    {
        var text = new StringBuilder();
        TextWrap.AppendLine(text, "  ok    a: b  — passed", 60);
        Assert.Equal("  ok    a: b  — passed" + Environment.NewLine, text.ToString());
    }

    [Fact]
    public void ItemsStayWholeAcrossLineBreaks()
    {
        var text = new StringBuilder();
        TextWrap.AppendItems(text, "subscribe totals: ", ["received 521", "lost 0", "duplicates 0", "out-of-order 0", "topography rejects 0", "timeouts 1"], ", ", 60);
        string[] lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["subscribe totals: received 521, lost 0, duplicates 0,", "  out-of-order 0, topography rejects 0, timeouts 1"], lines);
    }
}
