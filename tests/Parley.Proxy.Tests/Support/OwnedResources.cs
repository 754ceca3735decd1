namespace Parley.Proxy.Tests.Support;

/// <summary>
/// What a test started (backends, sidecars, gateways), disposed in the reverse order of starting, so a proxy stops
/// before the backend it forwards to.
/// </summary>
internal sealed class OwnedResources : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _items = [];

    public T Add<T>(T value)
        where T : IAsyncDisposable
    {
        _items.Add(value);
        return value;
    }

    public async Task<T> Add<T>(Task<T> create)
        where T : IAsyncDisposable => Add(await create);

    public async ValueTask DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(_items))
        {
            await item.DisposeAsync();
        }

        _items.Clear();
    }
}
