using Parley.Peering.Export;

namespace Parley.Peering.Import;

/// <summary>
/// The importer's side of paging: collects the pages of each service and hands out the whole instance list once
/// every page of one version has arrived. A page of a newer version discards an unfinished older one.
/// </summary>
/// <remarks>One per stream; not thread-safe (the stream applies responses one at a time).</remarks>
public sealed class ExportedServiceAssembler
{
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    /// <summary>Services with pages still missing.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Adds one received message; returns every instance of the service when it is complete, else null.</summary>
    /// <exception cref="InvalidDataException">The paging fields are inconsistent.</exception>
    public IReadOnlyList<V1.CheckServiceNode>? Add(string serviceName, V1.ExportedService message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.PageCount <= 1)
        {
            _pending.Remove(serviceName);
            return message.Nodes;
        }

        if (message.PageCount > ExportPager.MaxPages)
        {
            throw new InvalidDataException($"page count {message.PageCount} is over the limit of {ExportPager.MaxPages}");
        }

        if (message.Page >= message.PageCount)
        {
            throw new InvalidDataException($"page {message.Page} is out of range for {message.PageCount} pages");
        }

        if (!_pending.TryGetValue(serviceName, out var pending) || pending.Version != message.Version
            || pending.Pages.Length != message.PageCount)
        {
            pending = new Pending(message.Version, new V1.ExportedService?[message.PageCount]);
            _pending[serviceName] = pending;
        }

        if (pending.Pages[message.Page] is null)
        {
            pending.Received++;
        }

        pending.Pages[message.Page] = message;
        if (pending.Received < pending.Pages.Length)
        {
            return null;
        }

        _pending.Remove(serviceName);
        return [.. pending.Pages.SelectMany(p => p!.Nodes)];
    }

    /// <summary>Forgets a service's unfinished pages (it is no longer exported).</summary>
    public void Forget(string serviceName) => _pending.Remove(serviceName);

    private sealed class Pending(string version, V1.ExportedService?[] pages)
    {
        public string Version { get; } = version;
        public V1.ExportedService?[] Pages { get; } = pages;
        public int Received { get; set; }
    }
}
