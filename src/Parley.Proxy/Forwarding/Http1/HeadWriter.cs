using System.Buffers;
using System.Text;
using Parley.Core.ConfigEntries;

namespace Parley.Proxy.Forwarding.Http1;

/// <summary>
/// Builds the head a proxy sends on: the received fields minus the hop-by-hop ones (<c>Connection</c> and what it
/// names, <c>Keep-Alive</c>, <c>Proxy-Connection</c>, <c>TE</c>, <c>Upgrade</c>), then removals and additions (XFCC,
/// a route's header modifiers), written as bytes copied from the received head where unchanged.
/// </summary>
/// <remarks>Not thread-safe; one per connection and direction, reused per message. The source head must stay unchanged while it is
/// used.</remarks>
internal sealed class HeadWriter
{
    private readonly List<Entry> _entries = new(16);
    private Http1Head? _source;

    /// <summary>Starts from <paramref name="source"/>'s end-to-end fields.</summary>
    public void Begin(Http1Head source)
    {
        _source = source;
        _entries.Clear();
        var fields = source.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            if (!IsHopByHop(source, fields[i]))
            {
                _entries.Add(new Entry(i, null, null));
            }
        }
    }

    /// <summary>Removes every field named <paramref name="name"/>.</summary>
    public void Remove(string name)
        => _entries.RemoveAll(e => e.Name is null ? _source!.NameIs(_source.Fields[e.Field], name) : Ascii.EqualsIgnoreCase(e.Name, name));

    /// <summary>Adds a field after the others.</summary>
    public void Add(string name, string value) => _entries.Add(new Entry(-1, name, value));

    /// <summary>
    /// Applies header modifiers as Envoy does, in order: each set's removals, then its sets (replacing), then its additions.
    /// </summary>
    public void Apply(IReadOnlyList<HttpHeaderModifiers> modifiers)
    {
        foreach (var set in modifiers)
        {
            foreach (var name in set.Remove)
            {
                Remove(name);
            }

            foreach (var (name, value) in set.Set)
            {
                Remove(name);
                Add(name, value);
            }

            foreach (var (name, value) in set.Add)
            {
                Add(name, value);
            }
        }
    }

    /// <summary>Writes <c>METHOD target HTTP/1.1</c> and the fields; <paramref name="target"/> null keeps the received one.</summary>
    public void WriteRequest(IBufferWriter<byte> output, string? target)
    {
        var source = _source!;
        output.Write(source.MethodBytes);
        output.Write(" "u8);
        if (target is null)
        {
            output.Write(source.TargetBytes);
        }
        else
        {
            WriteLatin1(output, target);
        }

        output.Write(" HTTP/1.1\r\n"u8);
        WriteFields(output);
    }

    /// <summary>Writes <c>HTTP/1.1 status reason</c>, the fields, and <c>Connection: close</c> when <paramref name="close"/>.</summary>
    public void WriteResponse(IBufferWriter<byte> output, bool close)
    {
        var source = _source!;
        output.Write("HTTP/1.1 "u8);
        Span<byte> status = [
            (byte)('0' + (source.Status / 100)), (byte)('0' + (source.Status / 10 % 10)), (byte)('0' + (source.Status % 10)), (byte)' '];
        output.Write(status);
        output.Write(source.ReasonBytes);
        output.Write("\r\n"u8);
        if (close)
        {
            output.Write("Connection: close\r\n"u8);
        }

        WriteFields(output);
    }

    private void WriteFields(IBufferWriter<byte> output)
    {
        var source = _source!;
        foreach (var entry in _entries)
        {
            if (entry.Name is null)
            {
                var field = source.Fields[entry.Field];
                output.Write(source.Name(field));
                output.Write(": "u8);
                output.Write(source.Value(field));
            }
            else
            {
                WriteLatin1(output, entry.Name);
                output.Write(": "u8);
                WriteLatin1(output, entry.Value!);
            }

            output.Write("\r\n"u8);
        }

        output.Write("\r\n"u8);
    }

    private static void WriteLatin1(IBufferWriter<byte> output, string value)
    {
        var span = output.GetSpan(value.Length);
        var written = Encoding.Latin1.GetBytes(value, span);
        output.Advance(written);
    }

    private static bool IsHopByHop(Http1Head head, HeaderField field)
    {
        var name = head.Name(field);
        var hop = name.Length switch
        {
            2 => Ascii.EqualsIgnoreCase(name, "te"u8),
            7 => Ascii.EqualsIgnoreCase(name, "upgrade"u8),
            10 => Ascii.EqualsIgnoreCase(name, "connection"u8) || Ascii.EqualsIgnoreCase(name, "keep-alive"u8),
            14 => Ascii.EqualsIgnoreCase(name, "content-length"u8) && head.HasTransferEncoding,
            16 => Ascii.EqualsIgnoreCase(name, "proxy-connection"u8),
            _ => false,
        };
        if (hop || head.ConnectionTokens is not { } named)
        {
            return hop;
        }

        foreach (var token in named)
        {
            if (Ascii.EqualsIgnoreCase(name, token))
            {
                return true;
            }
        }

        return false;
    }

    // A received field (Field >= 0) or an added one (Name and Value).
    private readonly record struct Entry(int Field, string? Name, string? Value);
}
