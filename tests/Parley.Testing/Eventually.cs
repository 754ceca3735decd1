using System.Text.Json.Nodes;
using Parley.Client;

namespace Parley.Testing;

/// <summary>
/// The one way tests wait for something another component makes true asynchronously: polls a condition until it holds
/// or the timeout passes, then fails with the message and the last thing it saw. A read that fails the way a server
/// still starting or changing leader fails (connection refused, an API error, a client timeout) counts as "not yet".
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts unless the caller says otherwise: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    // In-process conditions are cheap to look at; reads over HTTP are spaced out so a 2-core box is not kept busy polling.
    private static readonly TimeSpan LocalInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan RemoteInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds for its value, and returns that value.</summary>
    public static async Task<T> ReadAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string message, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var observed = "nothing yet";
        while (true)
        {
            try
            {
                var value = await read();
                if (done(value))
                {
                    return value;
                }

                observed = value is JsonNode node ? node.ToJsonString() : value?.ToString() ?? "null";
            }
            catch (Exception e) when (e is HttpRequestException or ParleyApiException
                || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                observed = e.Message;
            }

            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"timed out after {timeout} waiting until {message}; last seen: {observed}");
            }

            await Task.Delay(RemoteInterval, cancellationToken);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it reports true; a failure shows its last observation.</summary>
    public static Task TrueAsync(
        Func<Task<(bool Ok, string Observed)>> condition, TimeSpan timeout, string message, CancellationToken cancellationToken) =>
        ReadAsync(async () => new Observation(await condition()), o => o.Ok, timeout, message, cancellationToken);

    /// <summary>Polls <paramref name="condition"/> until it returns true.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string message, CancellationToken cancellationToken) =>
        ReadAsync(condition, ok => ok, timeout, message, cancellationToken);

    /// <summary>Polls <paramref name="read"/> until it returns <paramref name="expected"/>.</summary>
    public static Task EqualAsync<T>(
        T expected,
        Func<Task<T>> read,
        TimeSpan timeout,
        string message,
        CancellationToken cancellationToken) =>
        ReadAsync(read, value => EqualityComparer<T>.Default.Equals(value, expected), timeout, message, cancellationToken);

    /// <summary>Checks the in-process <paramref name="condition"/> every 20 ms until it holds.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string message, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"timed out after {timeout} waiting until {message}");
            }

            await Task.Delay(LocalInterval, cancellationToken);
        }
    }

    // What a (bool, string) condition saw, printed as its observation when the wait fails.
    private readonly record struct Observation((bool Ok, string Observed) Seen)
    {
        public bool Ok => Seen.Ok;

        public override string ToString() => Seen.Observed;
    }
}
