using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Consensus.Internal.Rpc;
using Parley.State;

namespace Parley.Consensus;

public sealed partial class RaftReplicator
{
    // The leader-only questions this server can answer, by name.
    private readonly FrozenDictionary<string, ILeaderQuery> _queries = FrozenDictionary<string, ILeaderQuery>.Empty;

    /// <summary>
    /// Creates a replicator that answers <paramref name="leaderQueries"/> when it leads (see <see cref="QueryLeaderAsync"/>);
    /// nothing is opened or bound until <see cref="StartAsync"/>. This is the constructor dependency injection uses; with a
    /// <paramref name="meterFactory"/> the replicator records Consul's raft metrics (<see cref="RaftMetrics"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Two queries share a name.</exception>
    public RaftReplicator(
        IOptions<RaftOptions> options,
        IReplicatedStateMachine stateMachine,
        IFatalErrorHandler fatalErrorHandler,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        IEnumerable<ILeaderQuery> leaderQueries,
        IMeterFactory? meterFactory = null)
        : this(options, stateMachine, fatalErrorHandler, loggerFactory, timeProvider, meterFactory)
    {
        ArgumentNullException.ThrowIfNull(leaderQueries);
        var queries = new Dictionary<string, ILeaderQuery>(StringComparer.Ordinal);
        foreach (var query in leaderQueries)
        {
            if (!queries.TryAdd(query.Name, query))
            {
                throw new ArgumentException($"Two leader queries are named \"{query.Name}\".", nameof(leaderQueries));
            }
        }

        _queries = queries.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Runs the <see cref="ILeaderQuery"/> named <paramref name="name"/> on the leader: here when this server leads, else
    /// sent to the leader over the server port. While no leader is known (an election, a server still forming its cluster)
    /// it waits and retries, as a write does, up to <see cref="RaftOptions.WriteTimeout"/> in all.
    /// </summary>
    /// <exception cref="NoLeaderException">
    /// No leader within <see cref="RaftOptions.WriteTimeout"/>, or the connection to it was lost.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// No query of that name is registered (here or on the leader), or the query failed on the leader.
    /// </exception>
    /// <exception cref="Core.ParleyException">The query refused the request.</exception>
    public async ValueTask<byte[]> QueryLeaderAsync(string name, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfFatal();

        // Every server runs the same code, so a name unknown here is a caller's mistake: say so now, not after finding a leader.
        if (!_queries.ContainsKey(name))
        {
            throw UnknownQuery(name);
        }

        var run = Run;
        var query = new RpcRequest(RpcKind.Query, run.Self, request.ToArray(), Query: name);
        var response = await CallLeaderAsync(run, query, cancellationToken).ConfigureAwait(false);
        return response.Result ?? [];
    }

    private InvalidOperationException UnknownQuery(string name) =>
        new($"No leader query is named \"{name}\"; the registered ones are: " +
            $"{string.Join(", ", _queries.Keys.Order(StringComparer.Ordinal))}.");
}
