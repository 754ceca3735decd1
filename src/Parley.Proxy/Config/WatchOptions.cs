namespace Parley.Proxy.Config;

/// <summary>How the config source's blocking queries behave.</summary>
public sealed record WatchOptions
{
    /// <summary>The <c>?wait=</c> of each blocking query. Defaults to 5 minutes (Consul's default is 5 minutes too).</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first delay after a failed query; it doubles per failure. Defaults to 100 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between retries. Defaults to 10 seconds: the agent is local, so it is back soon.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an endpoint that does not block (no <c>X-Consul-Index</c>) is read again. Defaults to 1 second.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The delay after <paramref name="failures"/> consecutive failures (1 or more).</summary>
    public TimeSpan RetryDelayAfter(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 20);
        var delay = RetryDelay * Math.Pow(2, exponent);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
