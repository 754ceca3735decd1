namespace Parley.IntegrationTests.Peering;

/// <summary>Polls a condition that other clusters make true asynchronously.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="what"/> and the last observation.</summary>
    public static async Task TrueAsync(Func<Task<(bool Ok, string Observed)>> condition, string what, TimeSpan? timeout = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var observed = "";
        while (true)
        {
            try
            {
                bool ok;
                (ok, observed) = await condition();
                if (ok)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or Parley.Client.ParleyApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                observed = e.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}; last seen: {observed}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="read"/> returns <paramref name="expected"/>.</summary>
    public static Task EqualAsync<T>(T expected, Func<Task<T>> read, string what, TimeSpan? timeout = null) =>
        TrueAsync(async () =>
        {
            var value = await read();
            return (EqualityComparer<T>.Default.Equals(value, expected), value?.ToString() ?? "null");
        }, what, timeout);
}
