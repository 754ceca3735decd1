using System.Buffers;
using System.Text;

namespace Parley.Proxy.Forwarding.Http1;

/// <content>
/// Parsing (RFC 9112, as strictly as Kestrel): token method and field names, no whitespace before a colon, no obs-fold,
/// no control characters in values, CRLF or a bare LF ending lines, one <c>Host</c>, a consistent <c>Content-Length</c>, a
/// request <c>Transfer-Encoding</c> only when it ends in <c>chunked</c> and never with <c>Content-Length</c>.
/// </content>
internal sealed partial class Http1Head
{
    /// <summary>Reads a request head from the start of <paramref name="buffer"/>.</summary>
    public HeadStatus ReadRequest(in ReadOnlySequence<byte> buffer) => Read(buffer, request: true);

    /// <summary>Reads a response head from the start of <paramref name="buffer"/>.</summary>
    public HeadStatus ReadResponse(in ReadOnlySequence<byte> buffer) => Read(buffer, request: false);

    private HeadStatus Read(in ReadOnlySequence<byte> buffer, bool request)
    {
        var reader = new SequenceReader<byte>(buffer);
        long firstLine = -1;
        var lines = 0;
        long end = -1;
        while (reader.TryReadTo(out ReadOnlySpan<byte> line, (byte)'\n'))
        {
            if (firstLine < 0)
            {
                firstLine = reader.Consumed;
                if (firstLine > Http1Limits.MaxRequestLine)
                {
                    return request ? HeadStatus.UriTooLong : HeadStatus.HeadersTooLarge;
                }

                continue;
            }

            if (line.Length == 0 || line is [(byte)'\r'])
            {
                end = reader.Consumed;
                break;
            }

            if (++lines > Http1Limits.MaxHeaderCount || reader.Consumed - firstLine > Http1Limits.MaxHeadersTotal)
            {
                return HeadStatus.HeadersTooLarge;
            }
        }

        if (end < 0)
        {
            if (firstLine < 0)
            {
                return buffer.Length > Http1Limits.MaxRequestLine
                    ? request ? HeadStatus.UriTooLong : HeadStatus.HeadersTooLarge
                    : HeadStatus.Incomplete;
            }

            return buffer.Length - firstLine > Http1Limits.MaxHeadersTotal ? HeadStatus.HeadersTooLarge : HeadStatus.Incomplete;
        }

        var head = Reset((int)end);
        buffer.Slice(0, end).CopyTo(head);
        var startLine = head[..((int)firstLine - 1)];
        var status = request ? ParseRequestLine(startLine) : ParseStatusLine(startLine);
        if (status != HeadStatus.Complete)
        {
            return status;
        }

        return ParseFields(head, (int)firstLine, request);
    }

    private HeadStatus ParseRequestLine(ReadOnlySpan<byte> line)
    {
        line = TrimLineEnd(line);
        var space = line.IndexOf((byte)' ');
        if (space <= 0 || !IsToken(line[..space]))
        {
            return HeadStatus.BadRequest;
        }

        var rest = line[(space + 1)..];
        var second = rest.IndexOf((byte)' ');
        if (second <= 0)
        {
            return HeadStatus.BadRequest;
        }

        var target = rest[..second];
        var version = rest[(second + 1)..];
        foreach (var b in target)
        {
            if (b <= 0x20 || b == 0x7F)
            {
                return HeadStatus.BadRequest;
            }
        }

        MethodRange = (0, space);
        TargetRange = (space + 1, second);
        if (version.SequenceEqual("HTTP/1.1"u8))
        {
            // Origin form only; "*" and absolute or authority forms are Kestrel's to interpret.
            return target[0] == (byte)'/' ? HeadStatus.Complete : HeadStatus.HandOver;
        }

        return IsHttpVersion(version) ? HeadStatus.HandOver : HeadStatus.BadRequest;
    }

    private HeadStatus ParseStatusLine(ReadOnlySpan<byte> line)
    {
        line = TrimLineEnd(line);
        if (line.Length < 12 || !IsHttpVersion(line[..8]) || line[8] != (byte)' ' || (line.Length > 12 && line[12] != (byte)' '))
        {
            return HeadStatus.BadRequest;
        }

        var code = line.Slice(9, 3);
        if (!char.IsAsciiDigit((char)code[0]) || !char.IsAsciiDigit((char)code[1]) || !char.IsAsciiDigit((char)code[2]))
        {
            return HeadStatus.BadRequest;
        }

        Status = ((code[0] - '0') * 100) + ((code[1] - '0') * 10) + (code[2] - '0');
        Http10 = line[7] == (byte)'0' && line[5] == (byte)'1';
        ReasonRange = line.Length > 13 ? (13, line.Length - 13) : (0, 0);
        return Status >= 100 ? HeadStatus.Complete : HeadStatus.BadRequest;
    }

    private HeadStatus ParseFields(ReadOnlySpan<byte> head, int start, bool request)
    {
        var hosts = 0;
        var at = start;
        while (true)
        {
            var length = head[at..].IndexOf((byte)'\n');
            var line = TrimLineEnd(head.Slice(at, length));
            if (line.IsEmpty)
            {
                break;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                // Includes obs-fold (a line starting with whitespace) and whitespace before the colon.
                return HeadStatus.BadRequest;
            }

            var valueStart = colon + 1;
            var valueEnd = line.Length;
            while (valueStart < valueEnd && line[valueStart] is (byte)' ' or (byte)'\t')
            {
                valueStart++;
            }

            while (valueEnd > valueStart && line[valueEnd - 1] is (byte)' ' or (byte)'\t')
            {
                valueEnd--;
            }

            var value = line[valueStart..valueEnd];
            foreach (var b in value)
            {
                if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
                {
                    return HeadStatus.BadRequest;
                }
            }

            var field = new HeaderField(at, colon, at + valueStart, valueEnd - valueStart);
            _fields.Add(field);
            if (!Framing(line[..colon], value, ref hosts))
            {
                return HeadStatus.BadRequest;
            }

            at += length + 1;
        }

        if (request)
        {
            if (hosts != 1 || (HasTransferEncoding && (!Chunked || ContentLength >= 0)))
            {
                return HeadStatus.BadRequest;
            }

            if (Upgrade)
            {
                return HeadStatus.HandOver;
            }
        }

        return HeadStatus.Complete;
    }

    // Notes what the framing fields say; false when they are malformed.
    private bool Framing(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, ref int hosts)
    {
        switch (name.Length)
        {
            case 4 when Ascii.EqualsIgnoreCase(name, "host"u8):
                hosts++;
                return true;
            case 7 when Ascii.EqualsIgnoreCase(name, "upgrade"u8):
                Upgrade = true;
                return true;
            case 10 when Ascii.EqualsIgnoreCase(name, "connection"u8):
                return ConnectionField(value);
            case 14 when Ascii.EqualsIgnoreCase(name, "content-length"u8):
                if (value.IsEmpty || value.Length > 18 || value.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
                {
                    return false;
                }

                var length = long.Parse(value, provider: System.Globalization.CultureInfo.InvariantCulture);
                if (ContentLength >= 0 && ContentLength != length)
                {
                    return false;
                }

                ContentLength = length;
                return true;
            case 17 when Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8):
                HasTransferEncoding = true;
                var last = value.LastIndexOf((byte)',');
                Chunked = Ascii.EqualsIgnoreCase(Trim(last < 0 ? value : value[(last + 1)..]), "chunked"u8);
                return true;
            default:
                return true;
        }
    }

    private bool ConnectionField(ReadOnlySpan<byte> value)
    {
        foreach (var range in value.Split((byte)','))
        {
            var token = Trim(value[range]);
            if (Ascii.EqualsIgnoreCase(token, "close"u8))
            {
                ConnectionClose = true;
            }
            else if (Ascii.EqualsIgnoreCase(token, "keep-alive"u8))
            {
                ConnectionKeepAlive = true;
            }
            else if (!token.IsEmpty)
            {
                (ConnectionTokens ??= []).Add(Encoding.Latin1.GetString(token));
            }
        }

        return true;
    }

    private static ReadOnlySpan<byte> TrimLineEnd(ReadOnlySpan<byte> line) => line is [.., (byte)'\r'] ? line[..^1] : line;

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value) => value.Trim(" \t"u8);

    private static bool IsHttpVersion(ReadOnlySpan<byte> version) =>
        version.Length == 8 && version.StartsWith("HTTP/"u8) && char.IsAsciiDigit((char)version[5]) && version[6] == (byte)'.' &&
        char.IsAsciiDigit((char)version[7]);

    // RFC 9110 tchar.
    private static bool IsToken(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || "!#$%&'*+-.^_`|~"u8.Contains(b)))
            {
                return false;
            }
        }

        return !value.IsEmpty;
    }
}
