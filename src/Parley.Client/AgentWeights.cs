namespace Parley.Client;

/// <summary>DNS SRV weights of a service instance by health.</summary>
public sealed record AgentWeights
{
    /// <summary>The weight while passing. Consul's default is 1.</summary>
    public int Passing { get; init; }

    /// <summary>The weight while warning. Consul's default is 1.</summary>
    public int Warning { get; init; }
}
