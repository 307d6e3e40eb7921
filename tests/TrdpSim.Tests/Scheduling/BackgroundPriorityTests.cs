using TrdpSim.Scheduling;

namespace TrdpSim.Tests.Scheduling;

/// <summary>A thread that can wait lowers its own priority, never another thread's, and never raises it back.</summary>
public sealed class BackgroundPriorityTests
{
    [Fact]
    public void LowersTheCallingThreadOnly()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // niceness per thread is Linux's
        }

        var before = BackgroundPriority.CurrentNice();
        int? inside = null;
        var result = -1;
        var thread = new Thread(() =>
        {
            result = BackgroundPriority.LowerCurrentThread(15);
            inside = BackgroundPriority.CurrentNice();
        });
        thread.Start();
        thread.Join();

        Assert.Equal(0, result);
        Assert.Equal(Math.Max(15, before!.Value), inside);
        Assert.Equal(before, BackgroundPriority.CurrentNice());
    }

    [Fact]
    public void NeverRaisesAThreadThatIsAlreadyNicer()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // niceness per thread is Linux's
        }

        int? inside = null;
        var thread = new Thread(() =>
        {
            BackgroundPriority.LowerCurrentThread(19);
            BackgroundPriority.LowerCurrentThread(5); // would need privileges, and would undo the first
            inside = BackgroundPriority.CurrentNice();
        });
        thread.Start();
        thread.Join();

        Assert.Equal(19, inside);
    }
}
