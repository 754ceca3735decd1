using System.Buffers.Binary;
using ARSoft.Tools.Net.Dns;
using Parley.Core.Acl;
using Parley.State.Store;

namespace Parley.Dns.Wire;

/// <summary>
/// A service lookup's address answer, kept in wire format so that the next query with the same key is answered by
/// copying bytes: its header flags, every distinct A (or AAAA) record the lookup found, how many of them a UDP reply
/// carries, and the OPT record. Each reply picks that many records at random, which is what the responder's shuffle and
/// trim produce, so a replayed reply cannot be told from a computed one. Valid only for the snapshot and DNS token it was
/// computed with.
/// </summary>
internal sealed class DnsAnswerTemplate
{
    // Each answer record: a pointer to the question's name (which starts at offset 12), type, class, TTL and data.
    private const ushort QuestionPointer = 0xC00C;

    private readonly StateSnapshot _snapshot;
    private readonly AclAuthorizer? _acl;
    private readonly ushort _flags;
    private readonly byte[][] _records;
    private readonly int _count;
    private readonly byte[] _additional;
    private readonly int _additionalCount;

    private DnsAnswerTemplate(
        StateSnapshot snapshot,
        AclAuthorizer? acl,
        ushort flags,
        byte[][] records,
        int count,
        byte[] additional,
        int additionalCount)
    {
        _snapshot = snapshot;
        _acl = acl;
        _flags = flags;
        _records = records;
        _count = count;
        _additional = additional;
        _additionalCount = additionalCount;
    }

    /// <summary>Whether the template still answers for <paramref name="snapshot"/> as <paramref name="acl"/>.</summary>
    public bool IsFor(StateSnapshot snapshot, AclAuthorizer? acl) => ReferenceEquals(snapshot, _snapshot) && ReferenceEquals(acl, _acl);

    /// <summary>
    /// A template from a UDP reply and the same lookup's untrimmed reply (every record), or null when the reply is not a
    /// plain address answer (SRV, CNAME, a name error, records of mixed types or names): those are always computed.
    /// </summary>
    public static DnsAnswerTemplate? Create(StateSnapshot snapshot, AclAuthorizer? acl, DnsMessage reply, DnsMessage untrimmed)
    {
        var question = reply.Questions[0];
        var type = question.RecordType;
        if (reply.ReturnCode != ReturnCode.NoError || type is not (RecordType.A or RecordType.Aaaa) || reply.AnswerRecords.Count == 0
            || reply.AuthorityRecords.Count > 0 || reply.AdditionalRecords.Any(r => r is not OptRecord)
            || untrimmed.AnswerRecords.Count < reply.AnswerRecords.Count || untrimmed.AuthorityRecords.Count > 0
            || !untrimmed.AnswerRecords.All(
                r => r.RecordType == type && r.Name.ToString().Equals(question.Name.ToString(), StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var records = untrimmed.AnswerRecords.Select(Encode).ToArray();
        var additional = reply.AdditionalRecords.OfType<OptRecord>().Select(EncodeOpt).SingleOrDefault() ?? [];
        return new DnsAnswerTemplate(
            snapshot, acl, DnsWireWriter.Flags(reply), records, reply.AnswerRecords.Count, additional, additional.Length > 0 ? 1 : 0);
    }

    /// <summary>Writes the reply to <paramref name="datagram"/> (read as <paramref name="request"/>) and returns its length.</summary>
    public int Write(Span<byte> destination, ReadOnlySpan<byte> datagram, in DnsRequest request)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, request.Id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], _flags);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)_count);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], (ushort)_additionalCount);

        // The question as the client wrote it (resolvers randomise its case and check it comes back unchanged).
        datagram[12..request.QuestionEnd].CopyTo(destination[12..]);
        var position = request.QuestionEnd;

        // A partial Fisher-Yates shuffle: the first _count of a random order of all records.
        var n = _records.Length;
        Span<int> order = n <= 512 ? stackalloc int[n] : new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        for (var i = 0; i < _count; i++)
        {
            var j = Random.Shared.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
            var record = _records[order[i]];
            record.CopyTo(destination[position..]);
            position += record.Length;
        }

        _additional.CopyTo(destination[position..]);
        return position + _additional.Length;
    }

    private static byte[] Encode(DnsRecordBase record)
    {
        var address = record switch
        {
            ARecord a => a.Address,
            AaaaRecord aaaa => aaaa.Address,
            _ => throw new InvalidOperationException("Only address records are templated."),
        };
        var data = address.GetAddressBytes();
        var bytes = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, QuestionPointer);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)record.RecordType);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)record.RecordClass);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(6), (uint)record.TimeToLive);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), (ushort)data.Length);
        data.CopyTo(bytes.AsSpan(12));
        return bytes;
    }

    private static byte[] EncodeOpt(OptRecord opt)
    {
        var bytes = new byte[11];
        DnsWireWriter.WriteOpt(bytes, opt);
        return bytes;
    }
}
