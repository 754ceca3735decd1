using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain.Execution;

/// <summary>Where one request or connection goes: the resolver reached, and the route and split taken to get there.</summary>
/// <param name="Resolver">The resolver reached; null when no route matched (Envoy answers 404).</param>
/// <param name="Route">The route taken, when the chain starts with a router.</param>
/// <param name="Split">The split leg taken, when a splitter was on the way.</param>
/// <param name="RequestTimeout">
/// The request timeout: null for the proxy's default (Envoy's 15 s), <see cref="TimeSpan.Zero"/> for none, otherwise
/// the route's, or the resolver's when the chain starts at the resolver.
/// </param>
public readonly record struct ChainDecision(ResolverPlan? Resolver, RoutePlan? Route, ServiceSplit? Split, TimeSpan? RequestTimeout);
