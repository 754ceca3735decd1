namespace Parley.Core.Go;

/// <summary>
/// Go's <c>base64.StdEncoding.DecodeString</c>: standard alphabet, <c>=</c> padding required, CR and LF
/// ignored anywhere, and on failure the same byte offset Go reports
/// (<c>illegal base64 data at input byte N</c>).
/// </summary>
internal static class GoBase64
{
    private const byte Invalid = 0xFF;
    private static readonly byte[] DecodeMap = BuildDecodeMap();

    /// <summary>Decodes <paramref name="src"/>; on failure returns <see langword="false"/> and Go's error offset.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> src, out byte[] decoded, out long errorOffset)
    {
        var dst = new byte[((src.Length + 3) / 4 * 3) + 3];
        var n = 0;
        var si = 0;
        errorOffset = -1;
        while (si < src.Length)
        {
            si = DecodeQuantum(dst.AsSpan(n), src, si, out var written, out var error);
            n += written;
            if (error >= 0)
            {
                errorOffset = error;
                decoded = [];
                return false;
            }
        }

        decoded = dst.AsSpan(0, n).ToArray();
        return true;
    }

    // One group of four symbols, following Go's decodeQuantum step for step (newlines skipped, padding rules,
    // trailing garbage after padding reported at its own offset).
    private static int DecodeQuantum(Span<byte> dst, ReadOnlySpan<byte> src, int si, out int written, out long error)
    {
        Span<byte> dbuf = stackalloc byte[4];
        dbuf.Clear();
        var dlen = 4;
        written = 0;
        error = -1;

        for (var j = 0; j < 4; j++)
        {
            if (src.Length == si)
            {
                if (j == 0)
                {
                    return si;
                }

                // With padding, a short final group is an error at its start (minus skipped newlines).
                error = si - j;
                return si;
            }

            var input = src[si];
            si++;
            var value = DecodeMap[input];
            if (value != Invalid)
            {
                dbuf[j] = value;
                continue;
            }

            if (input is (byte)'\n' or (byte)'\r')
            {
                j--;
                continue;
            }

            if (input != '=')
            {
                error = si - 1;
                return si;
            }

            // Padding reached.
            switch (j)
            {
                case 0:
                case 1:
                    error = si - 1;
                    return si;
                case 2:
                    // "==" expected; the first '=' is consumed.
                    si = SkipNewlines(src, si);
                    if (si == src.Length)
                    {
                        error = src.Length;
                        return si;
                    }

                    if (src[si] != '=')
                    {
                        error = si - 1;
                        return si;
                    }

                    si++;
                    break;
            }

            si = SkipNewlines(src, si);
            if (si < src.Length)
            {
                error = si; // trailing garbage
            }

            dlen = j;
            break;
        }

        var val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
        switch (dlen)
        {
            case 4:
                dst[2] = (byte)val;
                dst[1] = (byte)(val >> 8);
                dst[0] = (byte)(val >> 16);
                break;
            case 3:
                dst[1] = (byte)(val >> 8);
                dst[0] = (byte)(val >> 16);
                break;
            case 2:
                dst[0] = (byte)(val >> 16);
                break;
        }

        written = dlen - 1;
        return si;
    }

    private static int SkipNewlines(ReadOnlySpan<byte> src, int si)
    {
        while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r')
        {
            si++;
        }

        return si;
    }

    private static byte[] BuildDecodeMap()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var map = new byte[256];
        Array.Fill(map, Invalid);
        for (var i = 0; i < alphabet.Length; i++)
        {
            map[alphabet[i]] = (byte)i;
        }

        return map;
    }
}
