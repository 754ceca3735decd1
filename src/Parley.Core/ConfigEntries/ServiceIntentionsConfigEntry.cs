namespace Parley.Core.ConfigEntries;

/// <summary>
/// <c>service-intentions</c>: who may call the destination service <see cref="ConfigEntry.Name"/>.
/// Normalization sorts <see cref="Sources"/> by precedence, highest first.
/// </summary>
public sealed record ServiceIntentionsConfigEntry : ConfigEntry
{
    public override string Kind => ConfigEntryKinds.ServiceIntentions;

    public IReadOnlyList<SourceIntention> Sources { get; init; } = [];
}
