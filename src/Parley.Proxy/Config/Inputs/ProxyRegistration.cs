using Parley.Core.Connect;

namespace Parley.Proxy.Config.Inputs;

/// <summary>
/// The proxy's own registration as the agent serves it from <c>/v1/agent/service/:id</c>: central config already merged
/// into <see cref="Proxy"/> (effective protocol in <c>Config</c>, mesh gateway mode, each upstream's config).
/// </summary>
/// <param name="Id">The registration ID.</param>
/// <param name="Service">The proxy's service name.</param>
/// <param name="Kind"><c>connect-proxy</c> for a sidecar.</param>
/// <param name="Address">The address the public listener binds (empty: all interfaces).</param>
/// <param name="Port">The public listener's port.</param>
/// <param name="Proxy">The effective Proxy block.</param>
public sealed record ProxyRegistration(string Id, string Service, string Kind, string Address, int Port, ConnectProxyConfig Proxy);
