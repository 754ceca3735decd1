using System.Buffers.Binary;
using System.Net;
using ARSoft.Tools.Net.Dns;
using Parley.Core.Acl;
using Parley.Core.Dns;
using Parley.Dns.Wire;
using Parley.State.Store;

namespace Parley.Dns;

public sealed partial class DnsListener
{
    /// <summary>
    /// One UDP query, on a receive loop. A plain query whose answer was computed for the same snapshot and token is
    /// replayed from its template (no parsing beyond the question, no allocation); anything else is parsed and answered
    /// by the responder, and a service lookup's address answer is kept as a template for the next query. Questions for
    /// the recursors are relayed off the loop.
    /// </summary>
    private int OnDatagram(ReadOnlySpan<byte> datagram, SocketAddress from, DnsWireWriter writer)
    {
        var snapshot = _store.Current;
        AclAuthorizer? acl;
        Span<char> key = stackalloc char[DnsRequest.MaxKeyLength];
        var plain = DnsRequest.TryRead(datagram, key, out var request);
        DnsMessage? query = null;
        try
        {
            acl = _acl.Authorizer();
            if (plain && _cache.Find(key[..request.KeyLength], snapshot, acl) is { } template)
            {
                return template.Write(writer.Buffer, datagram, request);
            }

            var bytes = datagram.ToArray();
            query = DnsMessage.Parse(new ArraySegment<byte>(bytes));
            if (AnswerLocally(query, tcp: false, snapshot, acl) is not { } reply)
            {
                _ = RelayAsync(bytes, query, Copy(from));
                return 0;
            }

            if (plain && Templated(query, reply, snapshot, acl) is { } computed)
            {
                _cache.Store(key[..request.KeyLength], computed);
            }

            return writer.Write(reply);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (query is null)
            {
                // Not a DNS message we can read: FORMERR, as Consul answers, when there is a header to answer.
                return datagram.Length < 12 || (datagram[2] & 0x80) != 0 ? 0
                    : DnsWireWriter.WriteHeaderOnly(writer.Buffer, BinaryPrimitives.ReadUInt16BigEndian(datagram),
                        (ushort)(0x8000 | (datagram[2] & 0x79) << 8 | (int)ReturnCode.FormatError));
            }

            _logger.QueryFailed(e, query.Questions.FirstOrDefault()?.ToString() ?? "");
            return writer.Write(Failure(query, ReturnCode.ServerFailure));
        }
    }

    // Only service lookups (the same answer for the same snapshot, apart from the shuffle) with no A-record limit (which
    // the responder applies before trimming) are templated.
    private DnsAnswerTemplate? Templated(DnsMessage query, DnsMessage reply, StateSnapshot snapshot, AclAuthorizer? acl)
    {
        var question = query.Questions[0];
        if (_options.ARecordLimit != 0 || question.RecordType is not (RecordType.A or RecordType.Aaaa)
            || DnsNames.TrimDomain(question.Name.ToString(), _options.Domain, _options.AltDomain) is not { } relative
            || DnsNames.Parse(relative, isSrv: false).Kind is not (DnsLookupKind.Service or DnsLookupKind.Connect or DnsLookupKind.Ingress))
        {
            return null;
        }

        // Every record the lookup has: the TCP answer, which only the 64 KiB limit trims.
        var untrimmed = _responder.As(acl).Answer(snapshot, query, tcp: true);
        return DnsAnswerTemplate.Create(snapshot, acl, reply, untrimmed);
    }

    private async Task RelayAsync(byte[] datagram, DnsMessage query, SocketAddress to)
    {
        try
        {
            var reply = await _recursor.RelayAsync(datagram, query.Questions[0].ToString(), _stopping.Token).ConfigureAwait(false);
            if (reply is null)
            {
                var writer = new DnsWireWriter();
                reply = writer.Buffer[..writer.Write(Failure(query, ReturnCode.ServerFailure))];
            }

            _udp!.SendTo(reply, to);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.QueryFailed(e, query.Questions[0].ToString());
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The agent is stopping: the client will ask again elsewhere.
        }
    }

    private static SocketAddress Copy(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }
}
