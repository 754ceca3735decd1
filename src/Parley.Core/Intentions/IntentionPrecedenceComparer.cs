namespace Parley.Core.Intentions;

/// <summary>
/// Consul's intention order: higher precedence first, then source namespace, source name, destination
/// namespace, destination name (and, in Parley, the source peer) to keep equal precedences deterministic.
/// </summary>
public sealed class IntentionPrecedenceComparer : IComparer<Intention>
{
    public static IntentionPrecedenceComparer Instance { get; } = new();

    public int Compare(Intention? x, Intention? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        var c = y.Precedence.CompareTo(x.Precedence);
        if (c == 0)
        {
            c = string.CompareOrdinal(x.SourceNamespace, y.SourceNamespace);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.SourceName, y.SourceName);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.DestinationNamespace, y.DestinationNamespace);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.DestinationName, y.DestinationName);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.SourcePeer, y.SourcePeer);
        }

        return c == 0 ? string.CompareOrdinal(x.SourcePartition, y.SourcePartition) : c;
    }
}
