using System.Text;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace Parley.Dns;

/// <summary>
/// Consul's trimming of replies. UDP: without EDNS at most <c>udp_answer_limit</c> answers (never more than 8), then
/// as many as fit in 512 bytes (or the EDNS buffer size) measured uncompressed, so the reply fits even if a resolver on
/// the way decompresses it; TC is set when something was cut and <c>enable_truncate</c> is on. TCP: what fits in 64 KiB.
/// The additional section keeps only the records that the remaining SRV answers point at.
/// </summary>
internal static class DnsTrim
{
    private const int MaxUdpAnswers = 8;
    private const int DefaultUdpSize = 512;
    private const int MaxTcpSize = 65523;

    /// <summary>Trims <paramref name="response"/> in place for the transport the query came on.</summary>
    public static void Trim(DnsMessage query, DnsMessage response, bool tcp, DnsOptions options)
    {
        var before = response.AnswerRecords.Count;
        var maxSize = tcp ? MaxTcpSize : Math.Max(DefaultUdpSize, query.IsEDnsEnabled ? (int)(query.EDnsOptions?.UdpPayloadSize ?? 0) : 0);
        if (!tcp && maxSize == DefaultUdpSize)
        {
            Cut(response, Math.Min(MaxUdpAnswers, Math.Max(1, options.UdpAnswerLimit)));
        }

        // Keep at least one answer even if it alone is too big (Consul sends it anyway).
        var budget = tcp ? maxSize : maxSize - 8;
        while (response.AnswerRecords.Count > 1 && Size(response) > budget)
        {
            response.AuthorityRecords.Clear();
            Cut(response, response.AnswerRecords.Count - 1);
        }

        if (!tcp && response.AnswerRecords.Count < before && options.EnableTruncate)
        {
            response.IsTruncated = true;
        }
    }

    private static void Cut(DnsMessage response, int count)
    {
        if (response.AnswerRecords.Count <= count)
        {
            return;
        }

        response.AnswerRecords.RemoveRange(count, response.AnswerRecords.Count - count);
        var targets = response.AnswerRecords.OfType<SrvRecord>().Select(s => s.Target).ToHashSet();
        if (targets.Count > 0)
        {
            response.AdditionalRecords.RemoveAll(r => r is not OptRecord && !targets.Contains(r.Name));
        }
    }

    /// <summary>The reply's size on the wire without name compression.</summary>
    internal static int Size(DnsMessage message) =>
        12
        + message.Questions.Sum(q => NameSize(q.Name) + 4)
        + message.AnswerRecords.Sum(RecordSize)
        + message.AuthorityRecords.Sum(RecordSize)
        + message.AdditionalRecords.Sum(RecordSize)
        + (message.IsEDnsEnabled ? 11 : 0);

    private static int RecordSize(DnsRecordBase record) => NameSize(record.Name) + 10 + record switch
    {
        ARecord => 4,
        AaaaRecord => 16,
        SrvRecord srv => 6 + NameSize(srv.Target),
        CNameRecord cname => NameSize(cname.CanonicalName),
        NsRecord ns => NameSize(ns.NameServer),
        PtrRecord ptr => NameSize(ptr.PointerDomainName),
        TxtRecord txt => txt.TextParts.Sum(p => Encoding.UTF8.GetByteCount(p) + 1),
        SoaRecord soa => NameSize(soa.MasterName) + NameSize(soa.ResponsibleName) + 20,
        _ => 0,
    };

    private static int NameSize(DomainName name) => name.Labels.Sum(l => Encoding.UTF8.GetByteCount(l) + 1) + 1;
}
