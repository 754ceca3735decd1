namespace Parley.Core.Tests.ConfigEntries;

/// <summary>One entry of each schema-described kind, as HCL (Consul's docs' spelling, some snake_case) and as JSON.</summary>
internal static class SchemaKindSamples
{
    public static TheoryData<string, string, string> Pairs => new()
    {
        {
            "ingress-gateway",
            """
            Kind = "ingress-gateway"
            Name = "ingress"
            TLS { Enabled = true, tls_min_version = "TLSv1_2" }
            Listeners = [
              { Port = 8080, Protocol = "HTTP", Services = [{ Name = "web", Hosts = ["web.example.com"] }, { Name = "api" }] },
              { Port = 9090, Services = [{ Name = "db", max_connections = 10 }] },
            ]
            Meta { team = "edge" }
            """,
            """
            {"Kind":"ingress-gateway","Name":"ingress","TLS":{"Enabled":true,"TLSMinVersion":"TLSv1_2"},
             "Listeners":[{"Port":8080,"Protocol":"http","Services":[{"Name":"web","Hosts":["web.example.com"]},{"Name":"api"}]},
                          {"Port":9090,"Protocol":"tcp","Services":[{"Name":"db","MaxConnections":10}]}],
             "Meta":{"team":"edge"}}
            """
        },
        {
            "terminating-gateway",
            """
            Kind = "terminating-gateway"
            Name = "egress"
            Services = [{ Name = "billing", ca_file = "/etc/ca.pem", cert_file = "/etc/c.pem", key_file = "/etc/k.pem",
             SNI = "billing.example.com" }]
            """,
            """
            {"Kind":"terminating-gateway","Name":"egress","Services":[{"Name":"billing","CAFile":"/etc/ca.pem","CertFile":"/etc/c.pem",
             "KeyFile":"/etc/k.pem","SNI":"billing.example.com"}]}
            """
        },
        {
            "api-gateway",
            """
            Kind = "api-gateway"
            Name = "api-gw"
            Listeners = [{ Name = "https", Port = 8443, Protocol = "HTTP", TLS = { Certificates = [{ Name = "cert" }] } }]
            """,
            """
            {"Kind":"api-gateway","Name":"api-gw","Listeners":[{"Name":"https","Port":8443,"Protocol":"http",
             "TLS":{"Certificates":[{"Kind":"inline-certificate","Name":"cert"}]}}]}
            """
        },
        {
            "http-route",
            """
            Kind = "http-route"
            Name = "web-route"
            Parents = [{ Name = "api-gw", SectionName = "https" }]
            Rules = [{
              Matches = [{ Method = "get", Path = { Match = "prefix", Value = "/api" } }]
              Services = [{ Name = "api" }]
              Filters = { TimeoutFilter = { RequestTimeout = "5s" } }
            }]
            Hostnames = ["api.example.com"]
            """,
            """
            {"Kind":"http-route","Name":"web-route","Parents":[{"Kind":"api-gateway","Name":"api-gw","SectionName":"https"}],
             "Rules":[{"Matches":[{"Method":"GET","Path":{"Match":"prefix","Value":"/api"}}],"Services":[{"Name":"api","Weight":1}],
                       "Filters":{"TimeoutFilter":{"RequestTimeout":"5s"}}}],
             "Hostnames":["api.example.com"]}
            """
        },
        {
            "tcp-route",
            """
            Kind = "tcp-route"
            Name = "db-route"
            Parents = [{ Name = "api-gw", SectionName = "tcp" }]
            Services = [{ Name = "db" }]
            """,
            """
            {"Kind":"tcp-route","Name":"db-route","Parents":[{"Kind":"api-gateway","Name":"api-gw","SectionName":"tcp"}],
             "Services":[{"Name":"db"}]}
            """
        },
        {
            "file-system-certificate",
            """
            Kind = "file-system-certificate"
            Name = "fs-cert"
            Certificate = "/etc/certs/gw.pem"
            PrivateKey = "/etc/certs/gw-key.pem"
            """,
            """
            {"Kind":"file-system-certificate","Name":"fs-cert","Certificate":"/etc/certs/gw.pem","PrivateKey":"/etc/certs/gw-key.pem"}
            """
        },
        {
            "jwt-provider",
            """
            Kind = "jwt-provider"
            Name = "okta"
            Issuer = "okta"
            JSONWebKeySet = {
              Remote = { URI = "https://example.okta.com/oauth2/default/v1/keys", FetchAsynchronously = true, cache_duration = "10m" }
            }
            Locations = [{ Header = { Name = "Authorization", ValuePrefix = "Bearer " } }]
            Forwarding = { HeaderName = "user-token" }
            """,
            """
            {"Kind":"jwt-provider","Name":"okta","Issuer":"okta",
             "JSONWebKeySet":{"Remote":{"URI":"https://example.okta.com/oauth2/default/v1/keys","FetchAsynchronously":true,
              "CacheDuration":"10m0s"}},
             "Locations":[{"Header":{"Name":"Authorization","ValuePrefix":"Bearer "}}],
             "Forwarding":{"HeaderName":"user-token"},"ClockSkewSeconds":30}
            """
        },
        {
            "control-plane-request-limit",
            """
            Kind = "control-plane-request-limit"
            Name = "global"
            Mode = "permissive"
            ReadRate = 100
            WriteRate = 100.5
            KV = { ReadRate = 50, WriteRate = 10 }
            """,
            """
            {"Kind":"control-plane-request-limit","Name":"global","Mode":"permissive","ReadRate":100,"WriteRate":100.5,"KV":{"ReadRate":50,
             "WriteRate":10}}
            """
        },
    };
}
