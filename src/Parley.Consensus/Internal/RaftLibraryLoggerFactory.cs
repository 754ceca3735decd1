using Microsoft.Extensions.Logging;

namespace Parley.Consensus.Internal;

/// <summary>
/// The logger factory handed to DotNext. DotNext warns, with a stack trace, on every heartbeat to a server that is down
/// ("Cluster member ... is unavailable", "Replication of ... is failed"): ten lines a second for as long as the server is
/// away. Those two events are logged at Debug here; Parley's own events say when the leader is lost and elected.
/// </summary>
internal sealed class RaftLibraryLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    // DotNext's event ids: 74010 member unavailable, 74015 replication of a member failed (it retries).
    private static readonly HashSet<int> Repetitive = [74010, 74015];

    public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The factory is the host's; it is not ours to dispose.
    public void Dispose()
    {
    }

    private sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && Repetitive.Contains(eventId.Id))
            {
                logLevel = LogLevel.Debug;
            }

            if (inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
