using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TrdpSim.Protocol;

namespace TrdpSim.Transport.Tcp;

/// <summary>
/// Cuts a TCP byte stream into MD frames (trdp-wire.md §8.9): no length prefix, each frame is the
/// 116-byte header followed by <c>datasetLength</c> bytes padded to a multiple of 4. Pure, no I/O.
/// </summary>
/// <remarks>
/// <para><b>Use:</b> put received bytes in with <see cref="Write"/> (copies) or
/// <see cref="GetWriteMemory"/> + <see cref="Advance"/> (receive straight into the framer), then call
/// <see cref="TryReadFrame"/> until it returns <see cref="MdStreamResult.NeedMoreData"/> before writing
/// again. Chunks may split frames anywhere and may hold several frames.</para>
/// <para><b>Validation:</b> each header is checked with <see cref="TrdpFrame{THeader}.TryDecode">MdFrame.TryDecode</see> on its 116 bytes
/// (FCS, version, msgType, datasetLength ≤ 65388). A bad header <b>poisons</b> the stream: TCP has no
/// resynchronisation point, so every later call returns <see cref="MdStreamResult.Error"/> with the
/// first failure in <see cref="Error"/>, and the connection must be closed. <see cref="Reset"/> clears it.</para>
/// <para><b>Padding:</b> TCNopen always writes padded frames, so the frame length is
/// <see cref="TrdpFrame{THeader}.FrameLength">MdFrame.FrameLength</see>(datasetLength). A peer that does not pad desynchronises the stream;
/// the next header then fails its FCS and the stream is poisoned (reported, never silently skipped).</para>
/// <para><b>Buffer:</b> one array, grown on demand from 2 × chunk size to at most one maximum MD frame
/// (65504 bytes) plus one chunk; growth is the only allocation and happens at most a few times per
/// framer. A frame span returned by <see cref="TryReadFrame"/> points into this buffer and is valid only
/// until the next <see cref="Write"/>, <see cref="GetWriteMemory"/> or <see cref="Reset"/>.</para>
/// <para><b>Threading:</b> not thread-safe; one reader (the connection's receive path) owns it.</para>
/// </remarks>
internal sealed class MdStreamFramer
{
    /// <summary>Default minimum free space offered per receive: 16 KiB.</summary>
    public const int DefaultChunkSize = 16 * 1024;

    private readonly int _chunkSize;
    private readonly int _maxCapacity;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _pendingFrameLength;
    private MdHeader _pendingHeader;
    private FrameCheck _error;

    /// <summary>Creates a framer.</summary>
    /// <param name="chunkSize">Minimum free space offered by <see cref="GetWriteMemory"/> once frames are
    /// drained; 116 … 1 MiB. Default 16 KiB.</param>
    public MdStreamFramer(int chunkSize = DefaultChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, MdFrame.HeaderSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSize, 1024 * 1024);
        _chunkSize = chunkSize;
        _maxCapacity = MdFrame.MaxFrameSize + chunkSize;
        _buffer = new byte[Math.Min(2 * chunkSize, _maxCapacity)];
    }

    /// <summary>Bytes buffered and not yet returned as frames.</summary>
    public int BufferedBytes => _end - _start;

    /// <summary>Current buffer size (grows up to 65504 + chunk size).</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Upper bound of <see cref="Capacity"/>: one maximum MD frame plus one chunk.</summary>
    public int MaxCapacity => _maxCapacity;

    /// <summary><see cref="FrameCheck.Ok"/>, or the check that poisoned the stream.</summary>
    public FrameCheck Error => _error;

    /// <summary>True once a bad header was seen; the connection must be closed.</summary>
    public bool IsPoisoned => _error != FrameCheck.Ok;

    /// <summary>
    /// Free space at the end of the buffer to receive into; commit with <see cref="Advance"/>. At least the
    /// chunk size when all complete frames were read; empty when the stream is poisoned.
    /// </summary>
    public Memory<byte> GetWriteMemory()
    {
        if (_buffer.Length - _end < _chunkSize)
        {
            MakeRoom();
        }

        return _error != FrameCheck.Ok ? Memory<byte>.Empty : _buffer.AsMemory(_end);
    }

    /// <summary>Commits <paramref name="count"/> bytes written into <see cref="GetWriteMemory"/>.</summary>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _end))
        {
            ThrowAdvance(count);
        }

        _end += count;
    }

    /// <summary>Copies as much of <paramref name="data"/> as fits; returns the number of bytes taken
    /// (less than the length only when complete frames were left unread, or 0 when poisoned).</summary>
    public int Write(ReadOnlySpan<byte> data)
    {
        Span<byte> free = GetWriteMemory().Span;
        int count = Math.Min(free.Length, data.Length);
        data[..count].CopyTo(free);
        _end += count;
        return count;
    }

    /// <summary>
    /// Returns the next complete frame (header + padded data) and its decoded header, or says that more
    /// bytes are needed, or that the stream is poisoned.
    /// </summary>
    /// <param name="frame">The frame bytes inside the framer's buffer; valid until the next write.</param>
    /// <param name="header">The decoded header of <paramref name="frame"/>.</param>
    public MdStreamResult TryReadFrame(out ReadOnlySpan<byte> frame, out MdHeader header)
    {
        frame = default;
        if (_error != FrameCheck.Ok)
        {
            header = default;
            return MdStreamResult.Error;
        }

        int available = _end - _start;
        if (_pendingFrameLength == 0)
        {
            if (available < MdFrame.HeaderSize)
            {
                header = default;
                return MdStreamResult.NeedMoreData;
            }

            // Only the header bytes: DatasetTruncated just means the data has not arrived yet.
            FrameCheck check = MdFrame.TryDecode(new ReadOnlySpan<byte>(_buffer, _start, MdFrame.HeaderSize), out _pendingHeader);
            if (check != FrameCheck.Ok && check != FrameCheck.DatasetTruncated)
            {
                _error = check;
                header = _pendingHeader;
                return MdStreamResult.Error;
            }

            _pendingFrameLength = MdFrame.FrameLength((int)_pendingHeader.DatasetLength);
        }

        if (available < _pendingFrameLength)
        {
            header = default;
            return MdStreamResult.NeedMoreData;
        }

        frame = new ReadOnlySpan<byte>(_buffer, _start, _pendingFrameLength);
        header = _pendingHeader;
        _start += _pendingFrameLength;
        _pendingFrameLength = 0;
        if (_start == _end)
        {
            _start = 0;
            _end = 0;
        }

        return MdStreamResult.Frame;
    }

    /// <summary>Drops buffered bytes and the poisoned state (the buffer is kept).</summary>
    public void Reset()
    {
        _start = 0;
        _end = 0;
        _pendingFrameLength = 0;
        _error = FrameCheck.Ok;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MakeRoom()
    {
        int buffered = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, buffered);
            _start = 0;
            _end = buffered;
        }

        int needed = Math.Max(buffered, _pendingFrameLength) + _chunkSize;
        if (_buffer.Length < needed && _buffer.Length < _maxCapacity)
        {
            int size = Math.Min(_maxCapacity, Math.Max(needed, 2 * _buffer.Length));
            byte[] grown = new byte[size];
            Buffer.BlockCopy(_buffer, 0, grown, 0, buffered);
            _buffer = grown;
        }
    }

    [DoesNotReturn]
    private static void ThrowAdvance(int count) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, "More bytes than the write memory offered.");
}
