namespace Parley.Core.DiscoveryChain;

/// <summary>
/// Compiles routers, splitters and resolvers (plus the protocol from service-defaults/proxy-defaults) into a
/// <see cref="CompiledDiscoveryChain"/>, as Consul's <c>discoverychain.Compile</c> does: local targets, subsets,
/// datacenter and peer failover, redirects (including to peers), connect timeouts and the API's overrides.
/// </summary>
/// <remarks>Pure: it reads only <see cref="DiscoveryChainRequest.Entries"/>.</remarks>
public static class DiscoveryChainCompiler
{
    /// <summary>
    /// Compiles the chain; throws <see cref="ConfigEntryGraphException"/> when the entries do not form a valid
    /// chain (Consul's graph errors, e.g. <c>discovery chain "web" uses a protocol "tcp" that does not permit
    /// advanced routing or splitting behavior</c>).
    /// </summary>
    public static CompiledDiscoveryChain Compile(DiscoveryChainRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.ServiceName);
        ArgumentException.ThrowIfNullOrEmpty(request.EvaluateInNamespace);
        ArgumentException.ThrowIfNullOrEmpty(request.EvaluateInPartition);
        ArgumentException.ThrowIfNullOrEmpty(request.EvaluateInDatacenter);
        ArgumentException.ThrowIfNullOrEmpty(request.EvaluateInTrustDomain);
        ArgumentNullException.ThrowIfNull(request.Entries);
        return new ChainCompilation(request).Compile();
    }

    /// <summary>True for the protocols that allow routers and splitters: <c>http</c>, <c>http2</c>, <c>grpc</c>.</summary>
    public static bool IsHttpLikeProtocol(string protocol) => protocol is "http" or "http2" or "grpc";
}
