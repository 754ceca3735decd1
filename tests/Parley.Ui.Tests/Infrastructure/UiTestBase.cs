using Parley.Testing;

namespace Parley.Ui.Tests.Infrastructure;

/// <summary>
/// Base of the browser tests: opens tabs that are closed after the test, with a screenshot of each when the
/// test failed (<c>FAILED-&lt;test&gt;-&lt;n&gt;.png</c>), and fails a test whose pages threw script errors.
/// </summary>
public abstract class UiTestBase(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly List<UiSession> _sessions = [];
    private readonly List<TestAgent> _agents = [];

    protected ChromiumFixture Chromium { get; } = chromium;

    /// <summary>Opens a browser tab on <paramref name="agent"/>'s UI.</summary>
    protected async Task<UiSession> OpenAsync(TestAgent agent, int width = 1280, int height = 800, bool dark = false)
    {
        var session = await UiSession.OpenAsync(Chromium, agent.Address, width, height, dark);
        _sessions.Add(session);
        return session;
    }

    /// <summary>Starts a one-server cluster that is stopped after the test.</summary>
    protected async Task<TestAgent> StartClusterAsync(string datacenter)
    {
        var agent = await Clusters.StartAsync(datacenter, TestContext.Current.CancellationToken);
        _agents.Add(agent);
        return agent;
    }

    /// <summary>Starts a one-server cluster with ACLs on and <c>default_policy = "deny"</c>, stopped after the test.</summary>
    protected async Task<TestAgent> StartDenyingClusterAsync(string datacenter, string management)
    {
        var agent = await Clusters.StartDenyingAsync(datacenter, management, TestContext.Current.CancellationToken);
        _agents.Add(agent);
        return agent;
    }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        var failed = TestContext.Current.TestState?.Result is TestResult.Failed;
        var errors = new List<string>();
        for (var i = 0; i < _sessions.Count; i++)
        {
            if (failed)
            {
                await _sessions[i].ScreenshotOnFailureAsync($"FAILED-{TestContext.Current.Test?.TestDisplayName}-{i + 1}");
            }

            errors.AddRange(_sessions[i].PageErrors);
            await _sessions[i].DisposeAsync();
        }

        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        Assert.True(errors.Count == 0, "The UI threw script errors:\n" + string.Join("\n", errors));
        GC.SuppressFinalize(this);
    }
}
