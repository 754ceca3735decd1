using System.Buffers.Binary;
using System.Text;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace Parley.Dns.Wire;

/// <summary>
/// Encodes a reply into DNS wire format (RFC 1035) with name compression, for the UDP path, which ARSoft.Tools.Net
/// does not expose an encoder for. It knows the record types Parley's responder produces: A, AAAA, CNAME, NS, PTR,
/// SRV, TXT, SOA and the EDNS OPT pseudo-record. One writer per thread: it owns its buffer.
/// </summary>
internal sealed class DnsWireWriter
{
    private const int MaxPointer = 0x3FFF;
    private readonly Dictionary<string, int> _names = new(StringComparer.OrdinalIgnoreCase);
    private int _position;

    /// <summary>The buffer replies are written into: large enough for any DNS message.</summary>
    public byte[] Buffer { get; } = new byte[ushort.MaxValue];

    /// <summary>The header flags of <paramref name="message"/> (the second 16-bit word of its header).</summary>
    public static ushort Flags(DnsMessage message) => (ushort)(
        (message.IsQuery ? 0 : 0x8000)
        | (((int)message.OperationCode & 0xF) << 11)
        | (message.IsAuthoritiveAnswer ? 0x0400 : 0)
        | (message.IsTruncated ? 0x0200 : 0)
        | (message.IsRecursionDesired ? 0x0100 : 0)
        | (message.IsRecursionAllowed ? 0x0080 : 0)
        | (message.IsAuthenticData ? 0x0020 : 0)
        | (message.IsCheckingDisabled ? 0x0010 : 0)
        | ((int)message.ReturnCode & 0xF));

    /// <summary>Writes <paramref name="message"/> into <see cref="Buffer"/> and returns its length.</summary>
    public int Write(DnsMessage message)
    {
        _position = 0;
        _names.Clear();
        UInt16(message.TransactionID);
        UInt16(Flags(message));
        UInt16(message.Questions.Count);
        UInt16(message.AnswerRecords.Count);
        UInt16(message.AuthorityRecords.Count);
        UInt16(message.AdditionalRecords.Count);
        foreach (var question in message.Questions)
        {
            Name(question.Name, compress: true);
            UInt16((int)question.RecordType);
            UInt16((int)question.RecordClass);
        }

        foreach (var record in message.AnswerRecords.Concat(message.AuthorityRecords).Concat(message.AdditionalRecords))
        {
            Record(record);
        }

        return _position;
    }

    /// <summary>Writes a header with no sections: the reply to a query that could not be read.</summary>
    public static int WriteHeaderOnly(Span<byte> destination, ushort id, ushort flags)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], flags);
        destination[4..12].Clear();
        return 12;
    }

    /// <summary>
    /// Writes the EDNS OPT pseudo-record (the root name, the UDP size as class, the extended flags as TTL, no options
    /// echoed) and returns its length.
    /// </summary>
    public static int WriteOpt(Span<byte> destination, OptRecord opt)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)RecordType.Opt);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], opt.UdpPayloadSize);
        BinaryPrimitives.WriteUInt32BigEndian(
            destination[5..], ((uint)opt.ExtendedReturnCode << 24) | ((uint)opt.Version << 16) | (opt.IsDnsSecOk ? 0x8000u : 0));
        BinaryPrimitives.WriteUInt16BigEndian(destination[9..], 0);
        return 11;
    }

    private void Record(DnsRecordBase record)
    {
        if (record is OptRecord opt)
        {
            _position += WriteOpt(Buffer.AsSpan(_position), opt);
            return;
        }

        Name(record.Name, compress: true);
        UInt16((int)record.RecordType);
        UInt16((int)record.RecordClass);
        UInt32((uint)record.TimeToLive);
        var lengthAt = _position;
        _position += 2;
        Data(record);
        BinaryPrimitives.WriteUInt16BigEndian(Buffer.AsSpan(lengthAt), (ushort)(_position - lengthAt - 2));
    }

    private void Data(DnsRecordBase record)
    {
        switch (record)
        {
            case ARecord a:
                Address(a.Address);
                break;
            case AaaaRecord aaaa:
                Address(aaaa.Address);
                break;
            case CNameRecord cname:
                Name(cname.CanonicalName, compress: true);
                break;
            case NsRecord ns:
                Name(ns.NameServer, compress: true);
                break;
            case PtrRecord ptr:
                Name(ptr.PointerDomainName, compress: true);
                break;
            case SrvRecord srv:
                UInt16(srv.Priority);
                UInt16(srv.Weight);
                UInt16(srv.Port);

                // RFC 2782: the target is not compressed.
                Name(srv.Target, compress: false);
                break;
            case TxtRecord txt:
                foreach (var part in txt.TextParts)
                {
                    Text(part);
                }

                break;
            case SoaRecord soa:
                Name(soa.MasterName, compress: true);
                Name(soa.ResponsibleName, compress: true);
                UInt32(soa.SerialNumber);
                UInt32((uint)soa.RefreshInterval);
                UInt32((uint)soa.RetryInterval);
                UInt32((uint)soa.ExpireInterval);
                UInt32((uint)soa.NegativeCachingTTL);
                break;
            default:
                throw new NotSupportedException($"The DNS wire writer cannot encode {record.RecordType} records.");
        }
    }

    private void Address(System.Net.IPAddress address)
    {
        if (!address.TryWriteBytes(Buffer.AsSpan(_position), out var written))
        {
            throw new InvalidOperationException("The DNS reply is larger than a DNS message can be.");
        }

        _position += written;
    }

    private void Text(string part)
    {
        // A character-string holds at most 255 bytes; a longer part goes out as several strings, as Consul's does.
        var bytes = Encoding.UTF8.GetBytes(part);
        var offset = 0;
        do
        {
            var length = Math.Min(255, bytes.Length - offset);
            Buffer[_position++] = (byte)length;
            bytes.AsSpan(offset, length).CopyTo(Buffer.AsSpan(_position));
            _position += length;
            offset += length;
        }
        while (offset < bytes.Length);
    }

    private void Name(DomainName name, bool compress)
    {
        var labels = name.Labels;
        for (var i = 0; i < labels.Length; i++)
        {
            var suffix = string.Join('.', labels, i, labels.Length - i);
            if (compress && _names.TryGetValue(suffix, out var at))
            {
                UInt16(0xC000 | at);
                return;
            }

            if (_position <= MaxPointer)
            {
                _names.TryAdd(suffix, _position);
            }

            var length = Encoding.UTF8.GetBytes(labels[i], Buffer.AsSpan(_position + 1));
            Buffer[_position] = (byte)length;
            _position += length + 1;
        }

        Buffer[_position++] = 0;
    }

    private void UInt16(int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Buffer.AsSpan(_position), (ushort)value);
        _position += 2;
    }

    private void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Buffer.AsSpan(_position), value);
        _position += 4;
    }
}
