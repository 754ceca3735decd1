using System.Buffers.Binary;

namespace Parley.Dns.Wire;

/// <summary>
/// What the UDP fast path needs from a query datagram, read without allocating: its ID, where its question ends, and a
/// key that is equal for every query whose reply differs only in ID and question case (same name ignoring case, type,
/// class, the header bits a reply copies, and the same EDNS header). Only plain queries qualify: one question, no
/// answer or authority records, at most an OPT record of EDNS version 0.
/// </summary>
internal readonly ref struct DnsRequest
{
    /// <summary>The longest key: four header words, a name of at most 255 bytes and the EDNS size.</summary>
    public const int MaxKeyLength = 4 + 255 + 1;

    private const ushort RecursionDesired = 0x0100;
    private const ushort CheckingDisabled = 0x0010;

    private DnsRequest(ushort id, int questionEnd, int keyLength)
    {
        Id = id;
        QuestionEnd = questionEnd;
        KeyLength = keyLength;
    }

    /// <summary>The query's transaction ID.</summary>
    public ushort Id { get; }

    /// <summary>The offset just past the question: the header and question a reply copies.</summary>
    public int QuestionEnd { get; }

    /// <summary>How many characters of the key buffer <see cref="TryRead"/> filled.</summary>
    public int KeyLength { get; }

    /// <summary>
    /// Reads <paramref name="datagram"/>; false when it is not a plain query (the slow path then answers it). The key is
    /// written to <paramref name="key"/> (at least <see cref="MaxKeyLength"/> characters).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, Span<char> key, out DnsRequest request)
    {
        request = default;
        if (datagram.Length < 12)
        {
            return false;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        var counts = datagram[4..12];

        // A query (QR clear), opcode QUERY, one question, nothing but an optional OPT record after it.
        if ((flags & 0xF800) != 0 || BinaryPrimitives.ReadUInt16BigEndian(counts) != 1
            || BinaryPrimitives.ReadUInt32BigEndian(counts[2..]) != 0 || BinaryPrimitives.ReadUInt16BigEndian(counts[6..]) > 1)
        {
            return false;
        }

        var position = 12;
        var length = 4;
        while (true)
        {
            if (position >= datagram.Length)
            {
                return false;
            }

            int label = datagram[position++];
            if (label == 0)
            {
                break;
            }

            // Compression has no place in a question; a name is at most 255 bytes.
            if (label > 63 || position + label > datagram.Length || length + label + 2 > MaxKeyLength)
            {
                return false;
            }

            foreach (var b in datagram.Slice(position, label))
            {
                // Anything but plain ASCII names goes the slow way, which knows the escaping rules.
                if (b is <= 0x20 or >= 0x7F or (byte)'.' or (byte)'\\')
                {
                    return false;
                }

                key[length++] = (char)(b is >= (byte)'A' and <= (byte)'Z' ? b + 32 : b);
            }

            key[length++] = '.';
            position += label;
        }

        if (position + 4 > datagram.Length)
        {
            return false;
        }

        var questionEnd = position + 4;
        key[0] = (char)(flags & (RecursionDesired | CheckingDisabled));
        key[1] = (char)BinaryPrimitives.ReadUInt16BigEndian(datagram[position..]);
        key[2] = (char)BinaryPrimitives.ReadUInt16BigEndian(datagram[(position + 2)..]);
        key[3] = '\0';
        if (BinaryPrimitives.ReadUInt16BigEndian(counts[6..]) == 1 && !ReadOpt(datagram[questionEnd..], key, ref length))
        {
            return false;
        }

        request = new DnsRequest(BinaryPrimitives.ReadUInt16BigEndian(datagram), questionEnd, length);
        return true;
    }

    // The OPT record: root name, type 41, the UDP size in the class field, version 0; its options change nothing in a
    // reply (none are echoed), so only the size and the DO bit go into the key.
    private static bool ReadOpt(ReadOnlySpan<byte> record, Span<char> key, ref int length)
    {
        if (record.Length < 11 || record[0] != 0 || BinaryPrimitives.ReadUInt16BigEndian(record[1..]) != 41)
        {
            return false;
        }

        var extended = BinaryPrimitives.ReadUInt32BigEndian(record[5..]);
        if ((extended & 0x00FF_0000) != 0 || 11 + BinaryPrimitives.ReadUInt16BigEndian(record[9..]) != record.Length)
        {
            return false;
        }

        key[3] = (char)(1 | (extended & 0x8000));
        key[length++] = (char)BinaryPrimitives.ReadUInt16BigEndian(record[3..]);
        return true;
    }
}
