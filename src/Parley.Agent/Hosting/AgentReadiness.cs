namespace Parley.Agent.Hosting;

/// <summary>Completes when the agent has a leader and has registered itself: the API then answers fully.</summary>
public sealed class AgentReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    internal void MarkReady() => _ready.TrySetResult();
}
