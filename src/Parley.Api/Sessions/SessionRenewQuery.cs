using System.Text;
using System.Text.Json;
using Parley.Api.Http;
using Parley.State;

namespace Parley.Api.Sessions;

/// <summary>
/// The leader query <c>session/renew</c>: renewing a TTL session moves a deadline only the leader keeps (Consul's
/// <c>Session.Renew</c> is forwarded to the leader for the same reason, and writes nothing to the log).
/// </summary>
/// <remarks>
/// The request is the session ID in UTF-8; the answer is a JSON array with the session, or empty when it does not exist.
/// Retrying a renewal on a new leader is harmless: it only pushes the deadline out again.
/// </remarks>
public sealed class SessionRenewQuery(SessionDeadlines deadlines) : ILeaderQuery
{
    public const string QueryName = "session/renew";

    /// <inheritdoc/>
    public string Name => QueryName;

    /// <inheritdoc/>
    public ValueTask<byte[]> AnswerAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        var session = deadlines.Renew(Encoding.UTF8.GetString(request.Span));
        return ValueTask.FromResult(
            session is null ? [] : JsonSerializer.SerializeToUtf8Bytes(new[] { SessionJson.From(session) }, ApiJson.Compact));
    }
}
