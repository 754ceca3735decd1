using System.Net;
using Parley.Testing;

namespace Parley.IntegrationTests.Mesh;

/// <summary>
/// Callers that GET <c>/</c> over and over through an upstream while a test breaks and heals the path. Once
/// <see cref="MarkHealedAsync"/> has seen a request succeed, every request that starts afterwards must succeed
/// (until <see cref="ExpectFailures"/>): those that do not are counted as lost.
/// </summary>
internal sealed class LoadLoop : IAsyncDisposable
{
    private readonly HttpClient _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers;
    private readonly List<string> _lost = [];
    private int _healed;
    private int _epoch;
    private int _succeeded;
    private int _afterHeal;

    public LoadLoop(Uri upstream, int callers)
    {
        _app = new HttpClient { BaseAddress = upstream, Timeout = TimeSpan.FromSeconds(5) };
        _workers = Enumerable.Range(0, callers).Select(_ => Task.Run(RunAsync)).ToList();
    }

    /// <summary>Requests that failed although they started after the path was known to be healed.</summary>
    public IReadOnlyList<string> Lost
    {
        get
        {
            lock (_lost)
            {
                return [.. _lost];
            }
        }
    }

    /// <summary>Requests that started after the heal and succeeded.</summary>
    public int AfterHeal => Volatile.Read(ref _afterHeal);

    /// <summary>Waits until a request succeeds, then counts every later failure as lost.</summary>
    public async Task MarkHealedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var seen = Volatile.Read(ref _succeeded);
        await Eventually.TrueAsync(() => Volatile.Read(ref _succeeded) != seen, timeout, "a request gets through", cancellationToken);

        Interlocked.Increment(ref _epoch);
        Volatile.Write(ref _healed, 1);
    }

    /// <summary>Forgets the heal: failures are expected again (the test is about to break the path).</summary>
    public void ExpectFailures()
    {
        Volatile.Write(ref _healed, 0);
        Interlocked.Increment(ref _epoch);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(30));
        _app.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            // A request counts only if the path was healed when it started and nobody broke it since.
            var epoch = Volatile.Read(ref _epoch);
            var healed = Volatile.Read(ref _healed) == 1;
            string outcome;
            try
            {
                using var response = await _app.GetAsync("/", _stop.Token);
                outcome = response.StatusCode == HttpStatusCode.OK
                    ? ""
                    : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(_stop.Token)}";
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                outcome = e.Message;
            }

            if (outcome.Length == 0)
            {
                Interlocked.Increment(ref _succeeded);
                if (healed)
                {
                    Interlocked.Increment(ref _afterHeal);
                }
            }
            else if (healed && Volatile.Read(ref _epoch) == epoch)
            {
                lock (_lost)
                {
                    _lost.Add(outcome);
                }
            }
            else
            {
                // Failures while the path is broken are expected; do not spin on a refused port.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }
}
