namespace Parley.Client;

/// <summary>An address and port, as used in tagged addresses of services.</summary>
public sealed record ServiceAddress
{
    /// <summary>The address.</summary>
    public string Address { get; init; } = "";

    /// <summary>The port.</summary>
    public int Port { get; init; }
}
