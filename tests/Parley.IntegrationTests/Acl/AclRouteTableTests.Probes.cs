namespace Parley.IntegrationTests.Acl;

/// <summary>The matrix's probes for routes whose decision depends on the request or filters the answer.</summary>
public sealed partial class AclRouteTableTests
{
    private const string Uri = "spiffe://11111111-2222-3333-4444-555555555555.consul/ns/default/dc/dc1/svc/web";

    /// <summary>
    /// One probe per in-handler or filtered route, keyed <c>METHOD pattern</c>, against what <see cref="AclMatrix.SeedAsync"/>
    /// registers: service <c>msvc</c> (check <c>msvc-ttl</c>) and its proxy <c>msvc-proxy</c> on the agent's node
    /// <paramref name="node"/>, node check <c>mnode-ttl</c>, key <c>mkey</c>, msvc's service-defaults and intentions,
    /// three sessions, the prepared queries <c>mquery</c> and <c>mqdel</c> (of msvc-proxy, which has no check), and the legacy
    /// intentions <paramref name="intentions"/> (web → lsvc, web → ldel).
    /// </summary>
    private static Dictionary<string, AclProbe> Probes(string node, List<string> sessions, List<string> queries, List<string> intentions)
    {
        string Read(string resource, string name) => $"{resource} \"{name}\" {{ policy = \"read\" }}";
        string Write(string resource, string name) => $"{resource} \"{name}\" {{ policy = \"write\" }}";
        string Intentions(string access, string name) => $"service \"{name}\" {{ policy = \"read\"\n intentions = \"{access}\" }}";
        var nodeRead = Read("node", node);
        var quotedNode = $"\"{node}\"";
        return new(StringComparer.Ordinal)
        {
            // Catalog.
            ["PUT /v1/catalog/register"] = new("/v1/catalog/register",
                """{"Node":"n2","Address":"10.0.0.2","Service":{"Service":"ysvc","Port":1}}""",
                Write("node", "n2") + "\n" + Write("service", "ysvc")),
            ["PUT /v1/catalog/deregister"] = new("/v1/catalog/deregister", """{"Node":"n2","ServiceID":"zz"}""", Write("node", "n2")),
            ["GET /v1/catalog/nodes"] = new("/v1/catalog/nodes", null, nodeRead, quotedNode),
            ["GET /v1/catalog/services"] = new("/v1/catalog/services", null, Read("service", "msvc"), "\"msvc\""),
            ["GET /v1/catalog/service/{name}"] = new("/v1/catalog/service/msvc", null, Read("service", "msvc") + "\n" + nodeRead,
                "\"msvc\""),
            ["GET /v1/catalog/connect/{name}"] = new("/v1/catalog/connect/msvc", null,
                Read("service", "msvc") + "\n" + Read("service", "msvc-proxy") + "\n" + nodeRead, "\"msvc-proxy\""),
            ["GET /v1/catalog/node/{node}"] = new($"/v1/catalog/node/{node}", null, nodeRead, quotedNode),
            ["GET /v1/catalog/node-services/{node}"] = new($"/v1/catalog/node-services/{node}", null, nodeRead, quotedNode),

            // Health.
            ["GET /v1/health/service/{name}"] = new("/v1/health/service/msvc", null, Read("service", "msvc") + "\n" + nodeRead, "\"msvc\""),
            ["GET /v1/health/connect/{name}"] = new("/v1/health/connect/msvc", null,
                Read("service", "msvc") + "\n" + Read("service", "msvc-proxy") + "\n" + nodeRead, "\"msvc-proxy\""),
            ["GET /v1/health/kind/{kind}"] = new("/v1/health/kind/connect-proxy", null, Read("service", "msvc-proxy") + "\n" + nodeRead,
                "\"msvc-proxy\""),
            ["GET /v1/health/checks/{name}"] = new("/v1/health/checks/msvc", null, Read("service", "msvc") + "\n" + nodeRead, "msvc-ttl"),
            ["GET /v1/health/node/{node}"] = new($"/v1/health/node/{node}", null, nodeRead, "mnode-ttl"),
            ["GET /v1/health/state/{state}"] = new("/v1/health/state/any", null, nodeRead, "mnode-ttl"),

            // Agent.
            ["GET /v1/agent/members"] = new("/v1/agent/members", null, nodeRead, quotedNode),
            ["GET /v1/agent/checks"] = new("/v1/agent/checks", null, nodeRead, "mnode-ttl"),
            ["GET /v1/agent/services"] = new("/v1/agent/services", null, Read("service", "msvc"), "\"msvc\""),
            ["GET /v1/agent/service/{id}"] = new("/v1/agent/service/msvc", null, Read("service", "msvc")),
            ["PUT /v1/agent/service/register"] = new("/v1/agent/service/register", """{"Name":"ysvc2","Port":83}""",
                Write("service", "ysvc2")),
            ["PUT /v1/agent/service/deregister/{id}"] = new("/v1/agent/service/deregister/gone-svc", null, Write("service", "gone-svc")),
            ["PUT /v1/agent/check/register"] = new("/v1/agent/check/register",
                """{"CheckID":"c2","Name":"c2","TTL":"30s","ServiceID":"msvc"}""",
                Write("service", "msvc")),
            ["PUT /v1/agent/check/deregister/{id}"] = new("/v1/agent/check/deregister/gone-check", null, Write("node", node)),
            ["PUT /v1/agent/check/pass/{id}"] = new("/v1/agent/check/pass/mnode-ttl", null, Write("node", node)),
            ["PUT /v1/agent/check/warn/{id}"] = new("/v1/agent/check/warn/mnode-ttl", null, Write("node", node)),
            ["PUT /v1/agent/check/fail/{id}"] = new("/v1/agent/check/fail/mnode-ttl", null, Write("node", node)),
            ["PUT /v1/agent/check/update/{id}"] = new("/v1/agent/check/update/mnode-ttl", """{"Status":"passing"}""", Write("node", node)),

            // Connect.
            ["GET /v1/agent/connect/ca/peer-trust-bundles"] = new("/v1/agent/connect/ca/peer-trust-bundles?service=msvc", null,
                Write("service", "msvc")),
            ["POST /v1/agent/connect/authorize"] = new("/v1/agent/connect/authorize", $$"""{"Target":"msvc","ClientCertURI":"{{Uri}}"}""",
                Write("service", "msvc")),
            ["GET /v1/imported-services"] = new("/v1/imported-services", null, Read("service", "none")),

            // Config entries and intentions.
            ["PUT /v1/config"] = new("/v1/config", """{"Kind":"service-defaults","Name":"msvc","Protocol":"http"}""",
                Write("service", "msvc")),
            ["GET /v1/config/{kind}"] = new("/v1/config/service-defaults", null, Read("service", "msvc"), "\"msvc\""),
            ["GET /v1/config/{kind}/{**name}"] = new("/v1/config/service-defaults/msvc", null, Read("service", "msvc")),
            ["DELETE /v1/config/{kind}/{**name}"] = new("/v1/config/service-defaults/dsvc", null, Write("service", "dsvc")),
            ["GET /v1/connect/intentions"] = new("/v1/connect/intentions", null, Read("service", "msvc"), "\"msvc\""),
            ["GET /v1/connect/intentions/exact"] = new("/v1/connect/intentions/exact?source=web&destination=msvc", null,
                Read("service", "msvc")),
            ["GET /v1/connect/intentions/match"] = new("/v1/connect/intentions/match?by=destination&name=msvc", null,
                Read("service", "msvc")),
            ["GET /v1/connect/intentions/check"] = new("/v1/connect/intentions/check?source=web&destination=msvc", null,
                Read("service", "msvc")),
            ["POST /v1/connect/intentions"] = new("/v1/connect/intentions",
                """{"SourceName":"api","DestinationName":"lsvc","Action":"allow"}""",
                Intentions("write", "lsvc")),
            ["GET /v1/connect/intentions/{id}"] = new($"/v1/connect/intentions/{intentions[0]}", null, Intentions("read", "lsvc")),
            ["PUT /v1/connect/intentions/{id}"] = new($"/v1/connect/intentions/{intentions[0]}",
                """{"SourceName":"web","DestinationName":"lsvc","Action":"deny"}""",
                Intentions("write", "lsvc")),
            ["DELETE /v1/connect/intentions/{id}"] = new($"/v1/connect/intentions/{intentions[1]}", null, Intentions("write", "ldel")),
            ["PUT /v1/connect/intentions/exact"] = new("/v1/connect/intentions/exact?source=peer:cluster-02/web&destination=msvc",
                """{"Action":"allow"}""",
                Intentions("write", "msvc")),
            ["DELETE /v1/connect/intentions/exact"] = new("/v1/connect/intentions/exact?source=nobody&destination=msvc", null,
                Intentions("write", "msvc")),

            // KV, transactions and sessions.
            ["GET /v1/kv/{**key}"] = new("/v1/kv/mkey", null, Read("key", "mkey")),
            ["PUT /v1/kv/{**key}"] = new("/v1/kv/mkey2", "v", Write("key", "mkey2")),
            ["DELETE /v1/kv/{**key}"] = new("/v1/kv/mkey3", null, Write("key", "mkey3")),
            ["PUT /v1/txn"] = new("/v1/txn", """[{"KV":{"Verb":"set","Key":"mkey4","Value":"eA=="}}]""", Write("key", "mkey4")),
            ["PUT /v1/session/create"] = new("/v1/session/create", $$"""{"Node":"{{node}}","NodeChecks":[],"Checks":[]}""",
                Write("session", node)),
            ["PUT /v1/session/destroy/{**id}"] = new($"/v1/session/destroy/{sessions[1]}", null, Write("session", node)),
            ["PUT /v1/session/renew/{**id}"] = new($"/v1/session/renew/{sessions[2]}", null, Write("session", node)),
            ["GET /v1/session/info/{**id}"] = new($"/v1/session/info/{sessions[0]}", null, Read("session", node), sessions[0]),
            ["GET /v1/session/node/{**node}"] = new($"/v1/session/node/{node}", null, Read("session", node), sessions[0]),
            ["GET /v1/session/list"] = new("/v1/session/list", null, Read("session", node), sessions[0]),

            // Prepared queries: executing needs no query rule, only the instances' service and node reads (Consul's).
            ["POST /v1/query"] = new("/v1/query", """{"Name":"mq-new","Service":{"Service":"msvc"}}""", Write("query", "mq-new")),
            ["GET /v1/query"] = new("/v1/query", null, Read("query", "mquery"), "\"mquery\""),
            ["GET /v1/query/{id}"] = new($"/v1/query/{queries[0]}", null, Read("query", "mquery")),
            ["PUT /v1/query/{id}"] = new($"/v1/query/{queries[0]}", """{"Name":"mquery","Service":{"Service":"msvc-proxy"}}""",
                Write("query", "mquery")),
            ["DELETE /v1/query/{id}"] = new($"/v1/query/{queries[1]}", null, Write("query", "mqdel")),
            ["GET /v1/query/{id}/execute"] = new("/v1/query/mquery/execute", null, Read("service", "msvc-proxy") + "\n" + nodeRead,
                "\"Node\":"),
            ["GET /v1/query/{id}/explain"] = new("/v1/query/mquery/explain", null, Read("query", "mquery")),

            // Agent health, maintenance and events.
            ["GET /v1/agent/health/service/id/{**id}"] = new("/v1/agent/health/service/id/msvc", null, Read("service", "msvc")),
            ["PUT /v1/agent/service/maintenance/{**id}"] = new("/v1/agent/service/maintenance/msvc?enable=false", null,
                Write("service", "msvc")),
            ["GET /v1/event/list"] = new("/v1/event/list", null, Read("event", "mevent"), "\"mevent\""),
        };
    }
}
