using Parley.Testing;

namespace Parley.IntegrationTests;

/// <summary>
/// Tests that share one real agent per test (started before, disposed after): the agent, its HTTP client and the test's
/// cancellation token.
/// </summary>
public abstract class OneAgentTests : IAsyncLifetime
{
    private TestAgent? _agent;

    /// <summary>The agent, started by <see cref="InitializeAsync"/>.</summary>
    protected TestAgent Agent => _agent ?? throw new InvalidOperationException("The agent starts in InitializeAsync.");

    /// <summary>A client of the agent's HTTP API.</summary>
    protected HttpClient Http => Agent.Http;

    /// <summary>The running test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() => _agent = await TestAgent.StartAsync(cancellationToken: Ct);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
