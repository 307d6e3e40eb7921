using System.Runtime.InteropServices;

namespace TrdpSim.Plan;

/// <summary>Reads a plan source file (TOML, JavaScript) for a front end: its text, or the error that names the
/// file and why it could not be read — never an exception for a missing, unreadable or oddly named file.</summary>
internal static partial class PlanSourceFile
{
    /// <summary>Largest plan source file read: the same bound as a TCNopen XML device configuration's
    /// (<c>XmlReadLimits.MaxFileBytes</c>); the largest sample configuration is a few kilobytes.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public static bool TryRead(string path, out string text, out PlanError error)
    {
        text = string.Empty;
        if (CheckReadable(path) is { } refused)
        {
            error = new PlanError(new SourceLocation(path, 0, 0), refused);
            return false;
        }

        try
        {
            text = File.ReadAllText(path);
            error = default!;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = new PlanError(new SourceLocation(path, 0, 0), $"cannot read the file: {e.Message}");
            return false;
        }
    }

    /// <summary>Why <paramref name="path"/> must not be read as a plan file, or null: it is not a regular file (a FIFO,
    /// whose open waits for a writer forever and held the command or the daemon's request with it; a device such as
    /// <c>/dev/zero</c>, which never ends and was read until memory ran out), or it is larger than
    /// <see cref="MaxFileBytes"/>. A path that cannot be examined is left to the read, which says why.</summary>
    public static string? CheckReadable(string path)
    {
        if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        Span<byte> status = stackalloc byte[StatxStructSize];
        if (Statx(CurrentDirectory, path, 0, StatxTypeMask | StatxSizeMask, status) != 0)
        {
            return null;
        }

        int type = BitConverter.ToUInt16(status[ModeOffset..]) & FileTypeMask;
        if (type == DirectoryType)
        {
            return null; // plugin folders are read as folders; a folder given as a file fails its read with its own message
        }

        if (type != RegularFileType)
        {
            return $"not a regular file ({Describe(type)}): only a file that ends can be read";
        }

        long size = BitConverter.ToInt64(status[SizeOffset..]);
        return size > MaxFileBytes ? $"the file has {size} bytes, more than the {MaxFileBytes} a plan file may have" : null;
    }

    private static string Describe(int type) => type switch
    {
        0x1000 => "a FIFO",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "not a file",
    };

    // statx(2): its struct has the same layout on every architecture, unlike stat's (x86-64 and arm64 differ).
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint StatxTypeMask = 0x1;    // STATX_TYPE
    private const uint StatxSizeMask = 0x200;  // STATX_SIZE
    private const int StatxStructSize = 256;   // sizeof(struct statx)
    private const int ModeOffset = 28;         // stx_mode (u16)
    private const int SizeOffset = 40;         // stx_size (u64)
    private const int FileTypeMask = 0xF000;   // S_IFMT
    private const int RegularFileType = 0x8000; // S_IFREG
    private const int DirectoryType = 0x4000;  // S_IFDIR

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, Span<byte> buffer);
}
