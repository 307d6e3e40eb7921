using System.Text;

namespace TrdpSim.Hosting.Daemon;

/// <summary>Writes every line to another writer with a prefix (<c>[r3] </c>), so the messages of several live
/// runs (scenario logs) can share the daemon's standard error and still say whose they are.</summary>
internal sealed class PrefixedLineWriter(TextWriter inner, string prefix) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly Lock _lock = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (_lock)
        {
            if (value == '\n')
            {
                inner.WriteLine(prefix + _line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }
}
