using Parley.Testing;

namespace Parley.IntegrationTests.Agent;

/// <summary>One in-process agent shared by the tests of a class (its tests run one after another).</summary>
public sealed class AgentFixture : IAsyncLifetime
{
    private TestAgent? _agent;

    public TestAgent Agent => _agent ?? throw new InvalidOperationException("The agent has not started.");

    public HttpClient Http => Agent.Http;

    public async ValueTask InitializeAsync() => _agent = await TestAgent.StartAsync(
        cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
    }
}
