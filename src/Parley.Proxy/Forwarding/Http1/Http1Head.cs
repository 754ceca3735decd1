using System.Buffers;
using System.Text;
using Parley.Core.Intentions;

namespace Parley.Proxy.Forwarding.Http1;

/// <summary>
/// One request or response head, copied out of the connection's pipe into a pooled buffer and parsed in place: the
/// start line and header fields as offsets, the framing facts (<c>Content-Length</c>, chunked, <c>Connection</c>),
/// strings only when asked for. Reused for every message of a connection.
/// </summary>
/// <remarks>Not thread-safe; owned by one connection. <see cref="Dispose"/> returns the buffer to the pool.</remarks>
internal sealed partial class Http1Head : IDisposable
{
    private readonly List<HeaderField> _fields = new(16);
    private byte[] _buffer = [];
    private string? _method;
    private string? _target;
    private HeaderMap? _map;

    /// <summary>The head's bytes (start line to the empty line, inclusive).</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    /// <summary>How many bytes the head took.</summary>
    public int Length { get; private set; }

    /// <summary>The header fields in the order received.</summary>
    public IReadOnlyList<HeaderField> Fields => _fields;

    /// <summary>The request method's bytes.</summary>
    public ReadOnlySpan<byte> MethodBytes => _buffer.AsSpan(MethodRange.Start, MethodRange.Length);

    /// <summary>The request target's bytes (origin form: path and query).</summary>
    public ReadOnlySpan<byte> TargetBytes => _buffer.AsSpan(TargetRange.Start, TargetRange.Length);

    /// <summary>The response status code.</summary>
    public int Status { get; private set; }

    /// <summary>The response's reason phrase bytes.</summary>
    public ReadOnlySpan<byte> ReasonBytes => _buffer.AsSpan(ReasonRange.Start, ReasonRange.Length);

    /// <summary>True for an HTTP/1.0 message (only responses get this far).</summary>
    public bool Http10 { get; private set; }

    /// <summary>The <c>Content-Length</c>, or -1 without one.</summary>
    public long ContentLength { get; private set; } = -1;

    /// <summary>True when the last transfer coding is <c>chunked</c>.</summary>
    public bool Chunked { get; private set; }

    /// <summary>True when a <c>Transfer-Encoding</c> field is present.</summary>
    public bool HasTransferEncoding { get; private set; }

    /// <summary>True when <c>Connection</c> says <c>close</c>.</summary>
    public bool ConnectionClose { get; private set; }

    /// <summary>True when <c>Connection</c> says <c>keep-alive</c>.</summary>
    public bool ConnectionKeepAlive { get; private set; }

    /// <summary>True when an <c>Upgrade</c> field is present.</summary>
    public bool Upgrade { get; private set; }

    /// <summary>Other field names <c>Connection</c> lists (hop-by-hop, not forwarded); null when none.</summary>
    public List<string>? ConnectionTokens { get; private set; }

    /// <summary>The request method.</summary>
    public string Method => _method ??= KnownMethod(MethodBytes) ?? Encoding.ASCII.GetString(MethodBytes);

    /// <summary>The request target (path and query).</summary>
    public string Target => _target ??= Encoding.Latin1.GetString(TargetBytes);

    /// <summary>True for <c>HEAD</c> (its response has no body, whatever its fields say).</summary>
    public bool IsHead => MethodBytes.SequenceEqual("HEAD"u8);

    private (int Start, int Length) MethodRange { get; set; }

    private (int Start, int Length) TargetRange { get; set; }

    private (int Start, int Length) ReasonRange { get; set; }

    /// <summary>A field's name.</summary>
    public ReadOnlySpan<byte> Name(HeaderField field) => _buffer.AsSpan(field.NameStart, field.NameLength);

    /// <summary>A field's value.</summary>
    public ReadOnlySpan<byte> Value(HeaderField field) => _buffer.AsSpan(field.ValueStart, field.ValueLength);

    /// <summary>The values of every field named <paramref name="name"/> joined with commas, or null when there is none.</summary>
    public string? Get(string name)
    {
        string? joined = null;
        foreach (var field in _fields)
        {
            if (NameIs(field, name))
            {
                var value = Encoding.Latin1.GetString(Value(field));
                joined = joined is null ? value : joined + "," + value;
            }
        }

        return joined;
    }

    /// <summary>True when <paramref name="field"/> is named <paramref name="name"/> (ASCII, any case).</summary>
    public bool NameIs(HeaderField field, string name) => System.Text.Ascii.EqualsIgnoreCase(Name(field), name);

    /// <summary>The request as Core's route and permission matchers see it (headers looked up lazily, not copied).</summary>
    public HttpRequestInfo RequestInfo() => new() { Method = Method, Path = Target, Headers = _map ??= new HeaderMap(this) };

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private static string? KnownMethod(ReadOnlySpan<byte> method) => method.Length switch
    {
        3 when method.SequenceEqual("GET"u8) => "GET",
        3 when method.SequenceEqual("PUT"u8) => "PUT",
        4 when method.SequenceEqual("POST"u8) => "POST",
        4 when method.SequenceEqual("HEAD"u8) => "HEAD",
        5 when method.SequenceEqual("PATCH"u8) => "PATCH",
        6 when method.SequenceEqual("DELETE"u8) => "DELETE",
        7 when method.SequenceEqual("OPTIONS"u8) => "OPTIONS",
        _ => null,
    };

    // Makes room for a head of `length` bytes and forgets the previous message.
    private Span<byte> Reset(int length)
    {
        if (_buffer.Length < length)
        {
            Dispose();
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 4096));
        }

        _fields.Clear();
        _method = null;
        _target = null;
        _map = null;
        Length = length;
        Status = 0;
        Http10 = false;
        ContentLength = -1;
        Chunked = HasTransferEncoding = ConnectionClose = ConnectionKeepAlive = Upgrade = false;
        ConnectionTokens = null;
        MethodRange = TargetRange = ReasonRange = default;
        return _buffer.AsSpan(0, length);
    }
}
