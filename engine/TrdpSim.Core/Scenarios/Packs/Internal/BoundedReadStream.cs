namespace TrdpSim.Scenarios.Packs.Internal;

/// <summary>A read-only stream over another that fails once more than a set number of bytes has been read.</summary>
/// <remarks>Sits between the gzip decompressor and the tar reader so a small archive that inflates to
/// gigabytes (a gzip bomb) is stopped at the bound instead of after it has filled memory.</remarks>
internal sealed class BoundedReadStream(Stream inner, long limit, string what) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        _read += n;
        if (_read > limit)
        {
            throw new PluginPackException($"{what}: the archive unpacks to more than {limit / (1 << 20)} MiB; refused");
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
