using Microsoft.AspNetCore.Http;

namespace Parley.Proxy.Outbound;

/// <content>HTTP upstreams: the chain per request, retries and timeouts, forwarding with YARP (<see cref="ChainForwarder"/>).</content>
internal sealed partial class UpstreamListener
{
    private Task HandleRequestAsync(HttpContext context) =>
        ChainForwarder.ForwardAsync(context, _current(), _id, forwardedClientCert: null, _services, _logger);
}
