using System.Collections.Concurrent;
using Parley.Core.ConfigEntries;
using Parley.Proxy.Config;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Tests.Support;

/// <summary>
/// An agent in memory for the config source's tests: one index for all data, like a state store's; every read blocks
/// until the index passes the one it was given (or its wait ends); which endpoint reads are in flight is recorded.
/// </summary>
internal sealed partial class FakeAgent : IAgentReads
{
    private readonly Lock _lock = new();
    private ulong _index = 1;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ProxyRegistration? _registration;
    private LeafCertificate? _leaf;
    private TrustBundle? _roots;
    private IReadOnlyList<TrustBundle> _bundles = [];
    private readonly Dictionary<string, IReadOnlyList<ConfigEntry>> _entries = [];
    private readonly Dictionary<EndpointKey, IReadOnlyList<EndpointInput>> _endpoints = [];
    private IReadOnlyList<EndpointInput> _gateways = [];

    private readonly ConcurrentDictionary<EndpointKey, int> _watching = new();
    private TaskCompletionSource _watchingChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once reads of <paramref name="key"/> are (or are no longer) in flight.</summary>
    public async Task WaitWatchingAsync(EndpointKey key, bool watching, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _watchingChanged).Task;
            if (_watching.GetValueOrDefault(key) > 0 == watching)
            {
                return;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    private void Watching(EndpointKey key, int delta)
    {
        _watching.AddOrUpdate(key, Math.Max(delta, 0), (_, n) => n + delta);
        Interlocked.Exchange(ref _watchingChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))
            .TrySetResult();
    }

    public void Set(Action<FakeAgent> change)
    {
        lock (_lock)
        {
            change(this);
            _index++;
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    public FakeAgent Registration(ProxyRegistration value)
    {
        _registration = value;
        return this;
    }

    public FakeAgent Leaf(LeafCertificate value)
    {
        _leaf = value;
        return this;
    }

    public FakeAgent Roots(TrustBundle value)
    {
        _roots = value;
        return this;
    }

    public FakeAgent Bundles(params TrustBundle[] value)
    {
        _bundles = value;
        return this;
    }

    public FakeAgent Entries(string kind, params string[] json)
    {
        _entries[kind] = json.Select(j => ConfigEntryNormalizer.Normalize(ConfigEntryCodec.DecodeJson(j))).ToList();
        return this;
    }

    public FakeAgent Endpoints(EndpointKey key, params EndpointInput[] value)
    {
        _endpoints[key] = value;
        return this;
    }

    public FakeAgent Gateways(params EndpointInput[] value)
    {
        _gateways = value;
        return this;
    }

    public Task<string> DatacenterAsync(CancellationToken cancellationToken) => Task.FromResult("dc1");

    public Task<(ProxyRegistration? Value, ulong Index)> ProxyAsync(string proxyId, ulong index, TimeSpan wait,
        CancellationToken cancellationToken) =>
        ReadAsync(index, wait, () => _registration?.Id == proxyId ? _registration : null, cancellationToken);

    public Task<(LeafCertificate Value, ulong Index)> LeafAsync(string service, ulong index, TimeSpan wait,
        CancellationToken cancellationToken) =>
        ReadAsync(index, wait, () => _leaf ?? throw new HttpRequestException("no leaf yet"), cancellationToken);

    public Task<(TrustBundle Value, ulong Index)> RootsAsync(ulong index, TimeSpan wait, CancellationToken cancellationToken) =>
        ReadAsync(index, wait, () => _roots ?? throw new HttpRequestException("no roots yet"), cancellationToken);

    public Task<(IReadOnlyList<TrustBundle> Value, ulong Index)> PeerBundlesAsync(
        string? service, ulong index, TimeSpan wait, CancellationToken cancellationToken)
            => ReadAsync(index, wait, () => _bundles, cancellationToken);

    public Task<(IReadOnlyList<ConfigEntry> Value, ulong Index)> ConfigEntriesAsync(
        string kind, ulong index, TimeSpan wait, CancellationToken cancellationToken) =>
        ReadAsync(index, wait, () => _entries.GetValueOrDefault(kind, []), cancellationToken);

    public async Task<(IReadOnlyList<EndpointInput> Value, ulong Index)> ConnectEndpointsAsync(
        EndpointKey key, ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        Watching(key, 1);
        try
        {
            return await ReadAsync(index, wait, () => _endpoints.GetValueOrDefault(key, []), cancellationToken);
        }
        finally
        {
            Watching(key, -1);
        }
    }

    public Task<(IReadOnlyList<EndpointInput> Value, ulong Index)> MeshGatewaysAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken) =>
        ReadAsync(index, wait, () => _gateways, cancellationToken);

    private async Task<(T, ulong)> ReadAsync<T>(ulong index, TimeSpan wait, Func<T> read, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_lock)
        {
            if (index < _index)
            {
                return (read(), _index);
            }

            changed = _changed.Task;
        }

        try
        {
            await changed.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
        }

        lock (_lock)
        {
            return (read(), _index);
        }
    }
}
