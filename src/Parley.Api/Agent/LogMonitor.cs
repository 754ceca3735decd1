using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Parley.Api.Agent;

/// <summary>
/// The agent's log, offered to <c>GET /v1/agent/monitor</c>: a logging provider that hands each entry, formatted as Consul's
/// hclog writes it (text or JSON), to every open monitor whose level admits it. With no monitor open it does nothing
/// beyond one array read per entry.
/// </summary>
/// <remarks>Thread-safe. A slow reader loses entries beyond <see cref="BufferSize"/> (counted), as Consul's monitor does.</remarks>
/// <param name="timeProvider">Stamps the entries.</param>
public sealed class LogMonitor(TimeProvider timeProvider) : ILoggerProvider
{
    /// <summary>Entries buffered per monitor before new ones are dropped (Consul's 512).</summary>
    public const int BufferSize = 512;

    private readonly TimeProvider _timeProvider = timeProvider;
    private ImmutableArray<Subscription> _subscriptions = [];

    /// <summary>Opens a monitor receiving entries at <paramref name="minimum"/> and above; dispose it to close.</summary>
    public Subscription Subscribe(LogLevel minimum, bool json)
    {
        var subscription = new Subscription(this, minimum, json);
        ImmutableInterlocked.Update(ref _subscriptions, s => s.Add(subscription));
        return subscription;
    }

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void Remove(Subscription subscription) => ImmutableInterlocked.Update(ref _subscriptions, s => s.Remove(subscription));

    /// <summary>Formats one entry as Consul's hclog does: <c>2024-01-02T03:04:05.678Z [INFO]  module: message</c>.</summary>
    internal static string Format(DateTimeOffset at, LogLevel level, string module, string message, bool json)
    {
        var time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var word = level switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            _ => "error",
        };
        return json
            ? JsonSerializer.Serialize(
                new Dictionary<string, string> { ["@level"] = word, ["@message"] = message, ["@module"] = module, ["@timestamp"] = time })
                + "\n"
            : $"{time} [{word.ToUpperInvariant()}] {new string(' ', 5 - word.Length)}{module}: {message}\n";
    }

    /// <summary>One open monitor: its entries, already formatted.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly LogMonitor _owner;
        private readonly Channel<string> _entries = Channel.CreateBounded<string>(new BoundedChannelOptions(BufferSize)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });

        private long _dropped;

        internal Subscription(LogMonitor owner, LogLevel minimum, bool json)
        {
            _owner = owner;
            Minimum = minimum;
            Json = json;
        }

        /// <summary>The lowest level this monitor receives.</summary>
        public LogLevel Minimum { get; }

        /// <summary>Whether entries are JSON objects (<c>?logjson</c>) rather than text lines.</summary>
        public bool Json { get; }

        /// <summary>The formatted entries, one line each.</summary>
        public ChannelReader<string> Entries => _entries.Reader;

        /// <summary>How many entries were dropped because the reader fell behind.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        internal void Offer(string entry)
        {
            if (!_entries.Writer.TryWrite(entry))
            {
                Interlocked.Increment(ref _dropped);
            }
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            _owner.Remove(this);
            _entries.Writer.TryComplete();
        }
    }

    private sealed class Logger(LogMonitor owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel)
        {
            foreach (var subscription in owner._subscriptions)
            {
                if (logLevel >= subscription.Minimum && logLevel != LogLevel.None)
                {
                    return true;
                }
            }

            return false;
        }

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var subscriptions = owner._subscriptions;
            if (subscriptions.IsEmpty || logLevel == LogLevel.None)
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is not null)
            {
                message += ": " + exception.Message;
            }

            var now = owner._timeProvider.GetUtcNow();
            string? text = null, json = null;
            foreach (var subscription in subscriptions.Where(s => logLevel >= s.Minimum))
            {
                subscription.Offer(subscription.Json
                    ? json ??= Format(now, logLevel, category, message, json: true)
                    : text ??= Format(now, logLevel, category, message, json: false));
            }
        }
    }
}
