using System.Text.Json.Nodes;
using static Parley.Core.ConfigEntries.Schema.BodyRead;

namespace Parley.Core.ConfigEntries;

/// <content>ingress-gateway, terminating-gateway and api-gateway rules, with Consul's texts.</content>
public static partial class ConfigEntryValidator
{
    private static readonly string[] IngressProtocols = ["tcp", "http", "http2", "grpc"];

    internal static void CheckIngressGateway(SchemaConfigEntry e, List<string> errors)
    {
        CheckMeta(e.Meta, errors);
        var gatewayTls = Obj(e.Body, "TLS");
        AddIfProblem(GatewayTlsProblem(gatewayTls, "TLSMinVersion", "TLSMaxVersion"), errors);
        var ports = new HashSet<long>();
        foreach (var listener in Objects(e.Body, "Listeners"))
        {
            var (port, protocol) = (Long(listener, "Port"), Str(listener, "Protocol"));
            var services = Objects(listener, "Services");
            var problem =
                !ports.Add(port) ? $"port {port} declared on two listeners"
                : !IngressProtocols.Contains(protocol)
                    ? $"protocol must be 'tcp', 'http', 'http2', or 'grpc'. '{protocol}' is an unsupported protocol"
                : services.Count == 0 ? $"No service declared for listener with port {port}"
                : protocol == "tcp" && services.Count > 1
                    ? $"Multiple services per listener are only supported for L7 protocols, 'http'," +
                        $" 'grpc' and 'http2' (listener on port {port})"
                : GatewayTlsProblem(Obj(listener, "TLS"), "TLSMinVersion", "TLSMaxVersion")
                ?? IngressServicesProblem(gatewayTls, listener, port, protocol, services);
            AddIfProblem(problem, errors);
        }
    }

    private static string? IngressServicesProblem(
        JsonObject? gatewayTls,
        JsonObject listener,
        long port,
        string protocol,
        IReadOnlyList<JsonObject> services)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var (name, serviceHosts) = (Str(service, "Name"), Strings(service, "Hosts"));
            var problem =
                protocol == "tcp" && name == "*" ? $"Wildcard service name is only valid for protocol = 'http' (listener on port {port})"
                : protocol == "tcp" && serviceHosts.Count > 0
                    ? $"Associating hosts to a service is not supported for the {protocol} protocol (listener on port {port})"
                : name.Length == 0 ? $"Service name cannot be blank (listener on port {port})"
                : name == "*" && serviceHosts.Count > 0
                    ? $"Associating hosts to a wildcard service is not supported (listener on port {port})"
                : !names.Add(name) ? $"Service {name} cannot be added multiple times (listener on port {port})"
                : SdsProblem(gatewayTls, listener, service, port);
            if (problem is not null)
            {
                return problem;
            }

            foreach (var host in serviceHosts)
            {
                if (!hosts.Add(host))
                {
                    return $"Hosts must be unique within a specific listener (listener on port {port})";
                }

                if (HostProblem(Bool(gatewayTls, "Enabled"), host) is { } hostProblem)
                {
                    return hostProblem;
                }
            }
        }

        return null;
    }

    /// <summary>Consul's <c>validateServiceSDS</c>: a certificate needs a cluster at some level, and the other way round.</summary>
    private static string? SdsProblem(JsonObject? gatewayTls, JsonObject listener, JsonObject service, long port)
    {
        var gatewaySds = Obj(gatewayTls, "SDS");
        if (gatewaySds is not null && Str(gatewaySds, "ClusterName").Length == 0 && Str(gatewaySds, "CertResource").Length > 0)
        {
            return "TLS.SDS.ClusterName is required if CertResource is set";
        }

        var (gatewayCluster, gatewayCert) = (Str(gatewaySds, "ClusterName").Length > 0, Str(gatewaySds, "CertResource").Length > 0);
        var listenerSds = Obj(Obj(listener, "TLS"), "SDS");
        var (listenerCluster, listenerCert) = (Str(listenerSds, "ClusterName").Length > 0, Str(listenerSds, "CertResource").Length > 0);
        if (gatewayCluster && !gatewayCert && !listenerCert)
        {
            return $"TLS.SDS.CertResource is required if ClusterName is set for gateway (listener on port {port})";
        }

        if (listenerCluster && !listenerCert)
        {
            return $"TLS.SDS.CertResource is required if ClusterName is set for listener (listener on port {port})";
        }

        if (listenerCert && !listenerCluster && !gatewayCluster)
        {
            return $"TLS.SDS.ClusterName is required if CertResource is set (listener on port {port})";
        }

        var serviceSds = Obj(Obj(service, "TLS"), "SDS");
        var name = Str(service, "Name");
        if (Str(serviceSds, "CertResource").Length == 0)
        {
            return null;
        }

        if (Strings(service, "Hosts").Count == 0)
        {
            return $"A service specifying TLS.SDS.CertResource must have at least one item in Hosts (service {Q(name)} on listener on " +
                $"port {port})";
        }

        return Str(serviceSds, "ClusterName").Length == 0 && !listenerCluster && !gatewayCluster
            ? $"TLS.SDS.ClusterName is required if CertResource is set (service {Q(name)} on listener on port {port})"
            : null;
    }

    private static string? HostProblem(bool tlsEnabled, string host)
    {
        if (host == "*")
        {
            return tlsEnabled
                ? "Host '*' is not allowed when TLS is enabled, all hosts must be valid DNS records to add as a DNSSAN"
                : null;
        }

        if (!IsDomainName(host))
        {
            return $"Host {Q(host)} must be a valid DNS hostname";
        }

        return host.StartsWith("*.", StringComparison.Ordinal)
            ? host[2..].Contains('*', StringComparison.Ordinal)
            ? WildcardHost(host)
            : null
            : host.Contains('*', StringComparison.Ordinal) ? WildcardHost(host) : null;

        static string WildcardHost(string h) => $"Host {Q(h)} is not valid, a wildcard specifier is only allowed as the leftmost label";
    }

    internal static void CheckTerminatingGateway(SchemaConfigEntry e, List<string> errors)
    {
        CheckMeta(e.Meta, errors);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in Objects(e.Body, "Services"))
        {
            var name = Str(service, "Name");
            var (ca, cert, key) = (Str(service, "CAFile"), Str(service, "CertFile"), Str(service, "KeyFile"));
            var problem =
                name.Length == 0 ? "Service name cannot be blank."
                : Str(service, "Namespace") == "*" ? "Wildcard namespace is not supported for terminating gateway services"
                : !seen.Add(name) ? $"Service {Q(name)} was specified more than once within a namespace"
                : (cert.Length > 0 || key.Length > 0) && !(ca.Length > 0 && cert.Length > 0 && key.Length > 0)
                    ? $"Service {Q(name)} must have a CertFile, CAFile, and KeyFile specified for TLS origination"
                : null;
            AddIfProblem(problem, errors);
        }
    }

    internal static void CheckApiGateway(SchemaConfigEntry e, List<string> errors)
    {
        CheckMeta(e.Meta, errors);
        var listeners = Objects(e.Body, "Listeners");
        if (listeners.Count == 0)
        {
            errors.Add("api gateway must have at least one listener");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var listener in listeners)
        {
            var name = Str(listener, "Name");
            if (!ListenerName().IsMatch(name))
            {
                errors.Add(
                    $"listener name {Q(name)} is invalid, must be at least 1 character and contain only letters, numbers, or dashes");
                return;
            }

            if (!names.Add(name))
            {
                errors.Add($"found multiple listeners with the name {Q(name)}");
                return;
            }
        }

        var byPort = new Dictionary<long, JsonObject>();
        foreach (var listener in listeners)
        {
            var port = Long(listener, "Port");
            if (byPort.TryGetValue(port, out var merged)
                && (Str(merged, "Hostname") != Str(listener, "Hostname") || Str(merged, "Protocol") != Str(listener, "Protocol")))
            {
                errors.Add($"listeners {Q(Str(merged, "Name"))} and {Q(Str(listener, "Name"))} cannot be merged");
                return;
            }

            byPort[port] = listener;
        }

        foreach (var listener in listeners)
        {
            AddIfProblem(ApiListenerProblem(listener), errors);
        }
    }

    private static string? ApiListenerProblem(JsonObject listener)
    {
        var (protocol, hostname, port, tls) =
            (Str(listener, "Protocol"), Str(listener, "Hostname"), Long(listener, "Port"), Obj(listener, "TLS"));
        if (protocol is not ("http" or "tcp"))
        {
            return $"unsupported listener protocol {Q(protocol)}, must be one of 'tcp', or 'http'";
        }

        if (protocol == "tcp" && hostname.Length > 0)
        {
            return "hostname specification is not supported when using TCP";
        }

        if (port is <= 0 or > 65535)
        {
            return $"listener port {port} not in the range 1-65535";
        }

        if ((hostname.StartsWith("*.", StringComparison.Ordinal) ? hostname[2..] : hostname).Contains('*', StringComparison.Ordinal))
        {
            return $"host {Q(hostname)} is not valid, a wildcard specifier is only allowed as the left-most label";
        }

        foreach (var certificate in Objects(tls, "Certificates"))
        {
            if (Str(certificate, "Kind") != "inline-certificate")
            {
                return $"unsupported certificate kind: {Q(Str(certificate, "Kind"))}, must be 'inline-certificate'";
            }

            if (Str(certificate, "Name").Length == 0)
            {
                return "certificate reference must have a name";
            }
        }

        return GatewayTlsProblem(tls, "MinVersion", "MaxVersion");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial System.Text.RegularExpressions.Regex ListenerName();

    private static void AddIfProblem(string? problem, List<string> errors)
    {
        if (problem is not null)
        {
            errors.Add(problem);
        }
    }
}
