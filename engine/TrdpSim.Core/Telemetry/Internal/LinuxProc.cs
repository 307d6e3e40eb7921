using System.Runtime.InteropServices;

namespace TrdpSim.Telemetry.Internal;

/// <summary>Source-generated (AOT-safe) libc calls that list a directory, read a link and read a file without a
/// managed allocation: .NET's directory enumeration and link reading build a string per entry and every opened file
/// is a <c>SafeFileHandle</c>, which readers of <c>/proc</c> that run every second for hours turn into a steady stream
/// of garbage. Paths are marshalled on the stack.</summary>
internal static unsafe partial class LinuxProc
{
    /// <summary>Offset of <c>d_name</c> in <c>struct dirent</c> on 64-bit Linux (glibc and musl alike: <c>d_ino</c> 8,
    /// <c>d_off</c> 8, <c>d_reclen</c> 2, <c>d_type</c> 1 bytes).</summary>
    public const int DirentNameOffset = 19;

    /// <summary><c>O_RDONLY | O_CLOEXEC</c> (the same value on x86-64 and arm64).</summary>
    public const int ReadOnlyCloseOnExec = 0x80000;

    /// <summary><c>AT_FDCWD</c>: <see cref="OpenAt(int, string, int)"/> with an absolute or working-directory path.</summary>
    public const int CurrentDirectory = -100;

    /// <summary>Opens a directory stream; 0 on failure.</summary>
    [LibraryImport("libc", EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint OpenDirectory(string path);

    /// <summary>The next entry (a <c>struct dirent</c> owned by the stream), 0 at the end.</summary>
    [LibraryImport("libc", EntryPoint = "readdir")]
    public static partial nint ReadDirectory(nint directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    public static partial int CloseDirectory(nint directory);

    /// <summary>The file descriptor of a directory stream, for the <c>…at</c> calls below.</summary>
    [LibraryImport("libc", EntryPoint = "dirfd")]
    public static partial int DirectoryDescriptor(nint directory);

    /// <summary>Reads the target of the link <paramref name="name"/> (null-terminated) in the directory
    /// <paramref name="directoryDescriptor"/> into <paramref name="buffer"/> (not null-terminated); its length, or -1.</summary>
    [LibraryImport("libc", EntryPoint = "readlinkat")]
    public static partial nint ReadLinkAt(int directoryDescriptor, byte* name, byte* buffer, nuint size);

    /// <summary>Opens <paramref name="path"/> (null-terminated; relative to <paramref name="directoryDescriptor"/>)
    /// with <paramref name="flags"/>; the descriptor, or -1.</summary>
    [LibraryImport("libc", EntryPoint = "openat")]
    public static partial int OpenAt(int directoryDescriptor, byte* path, int flags);

    /// <summary><see cref="OpenAt(int, byte*, int)"/> with a managed path (absolute, or relative to the directory).</summary>
    [LibraryImport("libc", EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenAt(int directoryDescriptor, string path, int flags);

    [LibraryImport("libc", EntryPoint = "read")]
    public static partial nint Read(int descriptor, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int descriptor);
}
