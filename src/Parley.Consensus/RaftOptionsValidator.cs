using Microsoft.Extensions.Options;
using Parley.Consensus.Internal;

namespace Parley.Consensus;

/// <summary>Checks <see cref="RaftOptions"/> and reports every problem at once.</summary>
public sealed class RaftOptionsValidator : IValidateOptions<RaftOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, RaftOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            problems.Add("Raft:DataDir is required.");
        }

        if (!ServerAddress.TryParse(options.ServerEndpoint, out var bind))
        {
            problems.Add($"Raft:ServerEndpoint '{options.ServerEndpoint}' is not host:port.");
        }

        if (options.AdvertiseEndpoint is { } advertise)
        {
            if (!ServerAddress.TryParse(advertise, out var advertised) || ServerAddress.IsWildcard(advertised))
            {
                problems.Add($"Raft:AdvertiseEndpoint '{advertise}' is not a reachable host:port.");
            }
        }
        else if (bind is not null && ServerAddress.IsWildcard(bind))
        {
            problems.Add("Raft:AdvertiseEndpoint is required when Raft:ServerEndpoint listens on a wildcard address.");
        }

        foreach (var member in options.RetryJoin)
        {
            if (!ServerAddress.TryParse(member, out _))
            {
                problems.Add($"Raft:RetryJoin entry '{member}' is not host:port.");
            }
        }

        if (options.BootstrapExpect < 0)
        {
            problems.Add("Raft:BootstrapExpect must be 0 or more.");
        }

        if (options.Bootstrap && options.BootstrapExpect > 1)
        {
            problems.Add("Raft:Bootstrap cannot be combined with Raft:BootstrapExpect above 1.");
        }

        if (options.LowerElectionTimeout <= TimeSpan.Zero || options.LowerElectionTimeout.TotalMilliseconds > int.MaxValue)
        {
            problems.Add("Raft:LowerElectionTimeout must be positive.");
        }

        if (options.UpperElectionTimeout <= options.LowerElectionTimeout || options.UpperElectionTimeout.TotalMilliseconds > int.MaxValue)
        {
            problems.Add("Raft:UpperElectionTimeout must be greater than Raft:LowerElectionTimeout.");
        }

        if (options.HeartbeatThreshold is <= 0 or >= 1)
        {
            problems.Add("Raft:HeartbeatThreshold must be between 0 and 1 (exclusive).");
        }

        if (options.RequestTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            problems.Add("Raft:RequestTimeout must be positive.");
        }

        if (options.RetryJoinInterval <= TimeSpan.Zero)
        {
            problems.Add("Raft:RetryJoinInterval must be positive.");
        }

        if (options.WriteTimeout <= TimeSpan.Zero)
        {
            problems.Add("Raft:WriteTimeout must be positive.");
        }

        if (options.BootstrapExpect > 1 && options.RetryJoin.Count == 0)
        {
            problems.Add("Raft:BootstrapExpect above 1 needs Raft:RetryJoin to find the other servers.");
        }

        if (options.SnapshotThreshold < 1)
        {
            problems.Add("Raft:SnapshotThreshold must be at least 1.");
        }

        if (options.LogChunkSize < 4096)
        {
            problems.Add("Raft:LogChunkSize must be at least 4096 bytes.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
