namespace TrdpSim.Records;

/// <summary>Proof that a live process still writes a run: an exclusively opened file <c>locks/&lt;id&gt;.lock</c>
/// in the data directory, held while the run plays.</summary>
/// <remarks>On Linux .NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/>; the kernel drops it
/// when the process dies, however it dies (SIGKILL, OOM). So a run marked live whose lock can be taken has lost
/// its writer: it crashed. A pid check would be fooled by pid reuse; the lock is not.</remarks>
/// <param name="path">The lock file.</param>
/// <param name="stream">The file, opened exclusively (made by <see cref="TryTake"/>).</param>
internal sealed class RunLock(string path, FileStream stream) : IDisposable
{
    public string Path { get; } = path;

    /// <summary>Takes the lock of run <paramref name="id"/>; null when another process (or handle) holds it.</summary>
    public static RunLock? TryTake(string directory, string id)
    {
        string folder = System.IO.Path.Combine(directory, "locks");
        Directory.CreateDirectory(folder);
        string path = System.IO.Path.Combine(folder, id + ".lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new RunLock(path, stream);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Releases the lock and removes the file (the run is closed).</summary>
    public void Release()
    {
        stream.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stale lock file is harmless: taking it later succeeds and the run is already closed.
        }
    }

    public void Dispose() => stream.Dispose();
}
