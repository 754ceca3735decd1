using Microsoft.Extensions.Options;
using Parley.Core.Go;

namespace Parley.Peering;

/// <summary>Checks <see cref="PeeringOptions"/> once, when the agent starts, and reports every problem at once.</summary>
public sealed class PeeringOptionsValidator : IValidateOptions<PeeringOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, PeeringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Datacenter))
        {
            problems.Add("Peering:Datacenter is required.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            problems.Add($"Peering:HeartbeatInterval ({GoDuration.Format(options.HeartbeatInterval)}) must be positive.");
        }

        if (options.HeartbeatTimeout <= options.HeartbeatInterval)
        {
            var timeout = GoDuration.Format(options.HeartbeatTimeout);
            var interval = GoDuration.Format(options.HeartbeatInterval);
            problems.Add($"Peering:HeartbeatTimeout ({timeout}) must be greater than Peering:HeartbeatInterval ({interval}), " +
                "or every stream fails between two heartbeats.");
        }

        if (options.TokenTtl is { } ttl && ttl <= TimeSpan.Zero)
        {
            problems.Add($"Peering:TokenTtl ({GoDuration.Format(ttl)}) must be positive, or null for tokens that never expire.");
        }

        if (options.DeletionBatchSize < 1)
        {
            problems.Add($"Peering:DeletionBatchSize ({options.DeletionBatchSize}) must be at least 1.");
        }

        if (options.ExportPageBytes < 1)
        {
            problems.Add($"Peering:ExportPageBytes ({options.ExportPageBytes}) must be at least 1.");
        }

        if (options.ExchangeBudget <= TimeSpan.Zero)
        {
            problems.Add($"Peering:ExchangeBudget ({GoDuration.Format(options.ExchangeBudget)}) must be positive.");
        }

        if (options.MeshGatewayWait < TimeSpan.Zero)
        {
            problems.Add($"Peering:MeshGatewayWait ({GoDuration.Format(options.MeshGatewayWait)}) cannot be negative.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
