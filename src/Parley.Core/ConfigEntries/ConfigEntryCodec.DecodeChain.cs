namespace Parley.Core.ConfigEntries;

/// <content>Decoding of the discovery-chain kinds: resolver, splitter, router.</content>
public static partial class ConfigEntryCodec
{
    private static ServiceResolverConfigEntry DecodeResolver(JsonFieldReader r) => new()
    {
        Name = r.String("Name"),
        DefaultSubset = r.String("DefaultSubset", "default_subset"),
        Subsets = r.Map("Subsets", s => new ServiceResolverSubset
        {
            Filter = s.String("Filter"),
            OnlyPassing = s.Bool("OnlyPassing", "only_passing"),
        }),
        Redirect = r.Object("Redirect", s => new ServiceResolverRedirect
        {
            Service = s.String("Service"),
            ServiceSubset = s.String("ServiceSubset", "service_subset"),
            Namespace = s.String("Namespace"),
            Partition = s.String("Partition"),
            Datacenter = s.String("Datacenter"),
            Peer = s.String("Peer"),
            SamenessGroup = s.String("SamenessGroup", "sameness_group"),
        }),
        Failover = r.Map("Failover", f => new ServiceResolverFailover
        {
            Service = f.String("Service"),
            ServiceSubset = f.String("ServiceSubset", "service_subset"),
            Namespace = f.String("Namespace"),
            Datacenters = f.StringList("Datacenters"),
            Targets = f.List("Targets", t => new ServiceResolverFailoverTarget
            {
                Service = t.String("Service"),
                ServiceSubset = t.String("ServiceSubset", "service_subset"),
                Partition = t.String("Partition"),
                Namespace = t.String("Namespace"),
                Datacenter = t.String("Datacenter"),
                Peer = t.String("Peer"),
            }),
            Policy = f.Object("Policy", p => new ServiceResolverFailoverPolicy
            {
                Mode = p.String("Mode"),
                Regions = p.StringList("Regions"),
            }),
            SamenessGroup = f.String("SamenessGroup", "sameness_group"),
        }),
        ConnectTimeout = r.Duration("ConnectTimeout", "connect_timeout"),
        RequestTimeout = r.Duration("RequestTimeout", "request_timeout"),
        PrioritizeByLocality = r.Object(
            "PrioritizeByLocality",
            p => new ServiceResolverPrioritizeByLocality { Mode = p.String("Mode") },
            "prioritize_by_locality"),
        LoadBalancer = r.Object("LoadBalancer", DecodeLoadBalancer, "load_balancer"),
        Meta = r.StringMap("Meta"),
    };

    private static LoadBalancer DecodeLoadBalancer(JsonFieldReader r) => new()
    {
        Policy = r.String("Policy"),
        RingHashConfig = r.Object(
            "RingHashConfig",
            c => new RingHashConfig
            {
                MinimumRingSize = c.Long("MinimumRingSize", "minimum_ring_size"),
                MaximumRingSize = c.Long("MaximumRingSize", "maximum_ring_size"),
            },
            "ring_hash_config"),
        LeastRequestConfig = r.Object(
            "LeastRequestConfig",
            c => new LeastRequestConfig { ChoiceCount = c.Long("ChoiceCount", "choice_count") },
            "least_request_config"),
        HashPolicies = r.List(
            "HashPolicies",
            h => new HashPolicy
            {
                Field = h.String("Field"),
                FieldValue = h.String("FieldValue", "field_value"),
                CookieConfig = h.Object(
                    "CookieConfig",
                    c => new CookieConfig { Session = c.Bool("Session"), Ttl = c.Duration("TTL"), Path = c.String("Path") },
                    "cookie_config"),
                SourceIP = h.Bool("SourceIP", "source_ip"),
                Terminal = h.Bool("Terminal"),
            },
            "hash_policies"),
    };

    private static ServiceSplitterConfigEntry DecodeSplitter(JsonFieldReader r) => new()
    {
        Name = r.String("Name"),
        Splits = r.List("Splits", s => new ServiceSplit
        {
            Weight = s.Float("Weight"),
            Service = s.String("Service"),
            ServiceSubset = s.String("ServiceSubset", "service_subset"),
            Namespace = s.String("Namespace"),
            Partition = s.String("Partition"),
            RequestHeaders = s.Object("RequestHeaders", DecodeHeaderModifiers, "request_headers"),
            ResponseHeaders = s.Object("ResponseHeaders", DecodeHeaderModifiers, "response_headers"),
        }),
        Meta = r.StringMap("Meta"),
    };

    private static HttpHeaderModifiers DecodeHeaderModifiers(JsonFieldReader r) => new()
    {
        Add = r.StringMap("Add"),
        Set = r.StringMap("Set"),
        Remove = r.StringList("Remove"),
    };

    private static ServiceRouterConfigEntry DecodeRouter(JsonFieldReader r) => new()
    {
        Name = r.String("Name"),
        Routes = r.List("Routes", route => new ServiceRoute
        {
            Match = route.Object("Match", m => new ServiceRouteMatch { Http = m.Object("HTTP", DecodeRouteHttpMatch) }),
            Destination = route.Object("Destination", DecodeRouteDestination),
        }),
        Meta = r.StringMap("Meta"),
    };

    private static ServiceRouteHttpMatch DecodeRouteHttpMatch(JsonFieldReader r) => new()
    {
        PathExact = r.String("PathExact", "path_exact"),
        PathPrefix = r.String("PathPrefix", "path_prefix"),
        PathRegex = r.String("PathRegex", "path_regex"),
        Header = r.List("Header", h => new ServiceRouteHttpMatchHeader
        {
            Name = h.String("Name"),
            Present = h.Bool("Present"),
            Exact = h.String("Exact"),
            Prefix = h.String("Prefix"),
            Suffix = h.String("Suffix"),
            Regex = h.String("Regex"),
            Invert = h.Bool("Invert"),
        }),
        QueryParam = r.List(
            "QueryParam",
            q => new ServiceRouteHttpMatchQueryParam
            {
                Name = q.String("Name"),
                Present = q.Bool("Present"),
                Exact = q.String("Exact"),
                Regex = q.String("Regex"),
            },
            "query_param"),
        Methods = r.StringList("Methods"),
    };

    private static ServiceRouteDestination DecodeRouteDestination(JsonFieldReader r) => new()
    {
        Service = r.String("Service"),
        ServiceSubset = r.String("ServiceSubset", "service_subset"),
        Namespace = r.String("Namespace"),
        Partition = r.String("Partition"),
        PrefixRewrite = r.String("PrefixRewrite", "prefix_rewrite"),
        RequestTimeout = r.Duration("RequestTimeout", "request_timeout"),
        IdleTimeout = r.Duration("IdleTimeout", "idle_timeout"),
        NumRetries = r.Int("NumRetries", "num_retries"),
        RetryOnConnectFailure = r.Bool("RetryOnConnectFailure", "retry_on_connect_failure"),
        RetryOn = r.StringList("RetryOn", "retry_on"),
        RetryOnStatusCodes = r.IntList("RetryOnStatusCodes", "retry_on_status_codes"),
        RequestHeaders = r.Object("RequestHeaders", DecodeHeaderModifiers, "request_headers"),
        ResponseHeaders = r.Object("ResponseHeaders", DecodeHeaderModifiers, "response_headers"),
    };
}
