using System.Globalization;

namespace TrdpSim.Tests.Infrastructure;

/// <summary>Reads a thread's niceness from <c>/proc/self/task/*/stat</c> (Linux), by the thread's name.</summary>
internal static class ThreadNiceness
{
    /// <summary>The highest niceness among the threads named <paramref name="name"/> (tests running beside each other
    /// may have one each) once it is at least <paramref name="atLeast"/> (a thread lowers itself just after it
    /// starts), or what it is after <paramref name="wait"/>; null when no such thread shows.</summary>
    public static int? Of(string name, int atLeast = 19, TimeSpan? wait = null)
    {
        var until = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(2));
        int? nice = null;
        do
        {
            nice = Read(name);
            if (nice >= atLeast)
            {
                return nice;
            }

            Thread.Sleep(10);
        }
        while (DateTime.UtcNow < until);

        return nice;
    }

    private static int? Read(string name)
    {
        int? highest = null;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != name)
                {
                    continue;
                }

                // Fields after the ")" that ends the name: state is field 3, nice field 19.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var nice = int.Parse(fields[19 - 3], CultureInfo.InvariantCulture);
                highest = highest is null ? nice : Math.Max(highest.Value, nice);
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }

        return highest;
    }
}
