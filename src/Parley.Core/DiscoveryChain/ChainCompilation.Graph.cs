using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain;

/// <content>Whole-graph passes: loop detection, flattening nested splitters, pruning.</content>
internal sealed partial class ChainCompilation
{
    private const string PopVisit = "_popvisit";

    private void DetectCircularReferences()
    {
        var todo = new Stack<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var visitChain = new List<string>();

        todo.Push(_startNode);
        while (todo.TryPop(out var current))
        {
            if (current == PopVisit)
            {
                if (visitChain.Count > 0)
                {
                    visited.Remove(visitChain[^1]);
                    visitChain.RemoveAt(visitChain.Count - 1);
                }

                continue;
            }

            visitChain.Add(current);
            if (!visited.Add(current))
            {
                throw new ConfigEntryGraphException($"detected circular reference: [{string.Join(" -> ", visitChain)}]");
            }

            todo.Push(PopVisit);
            var node = _nodes[current];
            switch (node.Type)
            {
                case DiscoveryGraphNodeType.Router:
                    foreach (var route in node.Routes)
                    {
                        todo.Push(route.NextNode);
                    }

                    break;
                case DiscoveryGraphNodeType.Splitter:
                    foreach (var split in node.Splits)
                    {
                        todo.Push(split.NextNode);
                    }

                    break;
                default:
                    // Redirect loops are caught while resolving; failover does not recurse.
                    break;
            }
        }
    }

    private void FlattenAdjacentSplitterNodes()
    {
        bool anyChanged;
        do
        {
            anyChanged = false;
            foreach (var node in _nodes.Values.Where(n => n.Type == DiscoveryGraphNodeType.Splitter).ToList())
            {
                var fixedSplits = new List<DiscoverySplit>(node.Splits.Count);
                var changed = false;
                foreach (var split in node.Splits)
                {
                    var next = _nodes[split.NextNode];
                    if (next.Type != DiscoveryGraphNodeType.Splitter)
                    {
                        fixedSplits.Add(split);
                        continue;
                    }

                    changed = true;
                    foreach (var inner in next.Splits)
                    {
                        fixedSplits.Add(new DiscoverySplit
                        {
                            Definition = MergeParent(inner.Definition, split.Definition),
                            Weight = ConfigEntryNormalizer.NormalizeSplitWeight(split.Weight * inner.Weight / 100f),
                            NextNode = inner.NextNode,
                        });
                    }
                }

                if (changed)
                {
                    node.SplitList = fixedSplits;
                    anyChanged = true;
                }
            }
        }
        while (anyChanged);
    }

    private void RemoveUnusedNodes()
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Queue<string>();
        todo.Enqueue(_startNode);
        while (todo.TryDequeue(out var next))
        {
            if (!visited.Add(next))
            {
                continue;
            }

            var node = _nodes[next];
            foreach (var route in node.Routes)
            {
                todo.Enqueue(route.NextNode);
            }

            foreach (var split in node.Splits)
            {
                todo.Enqueue(split.NextNode);
            }
        }

        foreach (var name in _nodes.Keys.Where(k => !visited.Contains(k)).ToList())
        {
            _nodes.Remove(name);
        }
    }

    // A flattened split keeps the inner leg's definition with the outer leg's header changes merged in: request
    // headers as if the outer split ran first, response headers as if it ran last.
    private static ServiceSplit MergeParent(ServiceSplit child, ServiceSplit parent) => child with
    {
        RequestHeaders = MergeHeaders(parent.RequestHeaders, child.RequestHeaders),
        ResponseHeaders = MergeHeaders(child.ResponseHeaders, parent.ResponseHeaders),
    };

    private static HttpHeaderModifiers? MergeHeaders(HttpHeaderModifiers? first, HttpHeaderModifiers? second)
    {
        if (first is null)
        {
            return second;
        }

        if (second is null)
        {
            return first;
        }

        var add = new Dictionary<string, string>(first.Add, StringComparer.Ordinal);
        var set = new Dictionary<string, string>(first.Set, StringComparer.Ordinal);
        foreach (var (k, v) in second.Add)
        {
            add[k] = v;
        }

        foreach (var (k, v) in second.Set)
        {
            set[k] = v;
            add.Remove(k);
        }

        return new HttpHeaderModifiers
        {
            Add = add,
            Set = set,
            Remove = first.Remove.Concat(second.Remove).Distinct(StringComparer.Ordinal).ToList(),
        };
    }
}
