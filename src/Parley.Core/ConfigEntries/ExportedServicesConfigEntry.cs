namespace Parley.Core.ConfigEntries;

/// <summary>
/// <c>exported-services</c>: which local services each peer (or partition, sameness group) may import.
/// Only what this entry grants ever leaves the cluster. In Parley (as in Consul CE) the name is <c>default</c>.
/// </summary>
public sealed record ExportedServicesConfigEntry : ConfigEntry
{
    public override string Kind => ConfigEntryKinds.ExportedServices;

    public IReadOnlyList<ExportedService> Services { get; init; } = [];
}
