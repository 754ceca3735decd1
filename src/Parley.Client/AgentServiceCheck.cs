namespace Parley.Client;

/// <summary>A check defined with a service registration (Consul's <c>api.AgentServiceCheck</c>).</summary>
public sealed record AgentServiceCheck
{
    /// <summary>The check ID; defaults to <c>service:&lt;service id&gt;</c>.</summary>
    [OmitEmpty]
    public string? CheckID { get; init; }

    /// <summary>The check name.</summary>
    [OmitEmpty]
    public string? Name { get; init; }

    /// <summary>A script check's command and arguments.</summary>
    [OmitEmpty]
    public List<string>? Args { get; init; }

    /// <summary>How often the check runs (Go duration, e.g. <c>10s</c>).</summary>
    [OmitEmpty]
    public string? Interval { get; init; }

    /// <summary>How long one run may take (Go duration).</summary>
    [OmitEmpty]
    public string? Timeout { get; init; }

    /// <summary>A TTL check's time to live (Go duration).</summary>
    [OmitEmpty]
    public string? TTL { get; init; }

    /// <summary>The URL an HTTP check requests.</summary>
    [OmitEmpty]
    public string? HTTP { get; init; }

    /// <summary>Headers an HTTP check sends.</summary>
    [OmitEmpty]
    public Dictionary<string, List<string>>? Header { get; init; }

    /// <summary>The method an HTTP check uses.</summary>
    [OmitEmpty]
    public string? Method { get; init; }

    /// <summary>The body an HTTP check sends.</summary>
    [OmitEmpty]
    public string? Body { get; init; }

    /// <summary>The <c>host:port</c> a TCP check connects to.</summary>
    [OmitEmpty]
    public string? TCP { get; init; }

    /// <summary>The endpoint a gRPC health check calls.</summary>
    [OmitEmpty]
    public string? GRPC { get; init; }

    /// <summary>Whether the gRPC check uses TLS.</summary>
    [OmitEmpty]
    public bool GRPCUseTLS { get; init; }

    /// <summary>The TLS server name checks verify.</summary>
    [OmitEmpty]
    public string? TLSServerName { get; init; }

    /// <summary>Whether checks skip TLS verification.</summary>
    [OmitEmpty]
    public bool TLSSkipVerify { get; init; }

    /// <summary>The initial status.</summary>
    [OmitEmpty]
    public string? Status { get; init; }

    /// <summary>Operator notes.</summary>
    [OmitEmpty]
    public string? Notes { get; init; }

    /// <summary>The node an alias check follows.</summary>
    [OmitEmpty]
    public string? AliasNode { get; init; }

    /// <summary>The service an alias check follows.</summary>
    [OmitEmpty]
    public string? AliasService { get; init; }

    /// <summary>Deregister the service after it has been critical this long (Go duration).</summary>
    [OmitEmpty]
    public string? DeregisterCriticalServiceAfter { get; init; }

    /// <summary>Consecutive passes needed before the check turns passing.</summary>
    [OmitEmpty]
    public int SuccessBeforePassing { get; init; }

    /// <summary>Consecutive failures needed before the check turns warning.</summary>
    [OmitEmpty]
    public int FailuresBeforeWarning { get; init; }

    /// <summary>Consecutive failures needed before the check turns critical.</summary>
    [OmitEmpty]
    public int FailuresBeforeCritical { get; init; }
}
