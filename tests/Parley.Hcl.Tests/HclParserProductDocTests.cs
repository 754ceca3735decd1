namespace Parley.Hcl.Tests;

/// <summary>The HCL files of the cluster-peering product document, parsed to the JSON the document shows.</summary>
public class HclParserProductDocTests
{
    [Fact]
    public void Parse_ExportedServicesWithDoubleHashComments_MatchesDocumentJson()
    {
        var text = """
            Kind = "exported-services"
            Name = "default"
            Services = [
              {
                ## The name and namespace of the service to export.
                Name      = "service-name"
                Namespace = "default"

                ## The list of peer clusters to export the service to.
                Consumers = [
                  {
                    ## The peer name to reference in config is the one set
                    ## during the peering process.
                    Peer = "cluster-02"
                  }
                ]
              }
            ]
            """;

        JsonAssert.Equal(
            """
            {
              "Kind": "exported-services",
              "Name": "default",
              "Services": [
                {
                  "Name": "service-name",
                  "Namespace": "default",
                  "Consumers": [ { "Peer": "cluster-02" } ]
                }
              ]
            }
            """,
            HclParser.Parse(text, "peering-config.hcl"));
    }

    [Fact]
    public void Parse_ServiceIntentions_MatchesDocumentJson()
    {
        var text = """
            Kind      = "service-intentions"
            Name      = "backend-service"

            Sources = [
              {
                Name   = "frontend-service"
                Peer   = "cluster-02"
                Action = "allow"
              }
            ]
            """;

        JsonAssert.Equal(
            """
            {
              "Kind": "service-intentions",
              "Name": "backend-service",
              "Sources": [ { "Name": "frontend-service", "Peer": "cluster-02", "Action": "allow" } ]
            }
            """,
            HclParser.Parse(text));
    }

    [Fact]
    public void Parse_ResolverWithWildcardFailover_MatchesDocumentJson()
    {
        // The trailing spaces after "]" are in the product document.
        var text = "Kind           = \"service-resolver\"\n"
            + "Name           = \"frontend\"\n"
            + "ConnectTimeout = \"15s\"\n"
            + "Failover = {\n"
            + "  \"*\" = {\n"
            + "    Targets = [\n"
            + "      {Peer = \"cluster-02\"}\n"
            + "    ]   \n"
            + "  }\n"
            + "}\n";

        JsonAssert.Equal(
            """
            {
              "Kind": "service-resolver",
              "Name": "frontend",
              "ConnectTimeout": "15s",
              "Failover": { "*": { "Targets": [ { "Peer": "cluster-02" } ] } }
            }
            """,
            HclParser.Parse(text));
    }

    [Fact]
    public void Parse_SplitterWithTrailingCommaAndCommentOnlyObject_MatchesDocumentJson()
    {
        var text = """
            Kind = "service-splitter"
            Name = "frontend"
            Splits = [
              {
                Weight  = 50
                ## defaults to service with same name as configuration entry ("frontend")
              },
              {
                Weight  = 50
                Service = "frontend-peer"
              },
            ]
            """;

        JsonAssert.Equal(
            """
            {
              "Kind": "service-splitter",
              "Name": "frontend",
              "Splits": [ { "Weight": 50 }, { "Weight": 50, "Service": "frontend-peer" } ]
            }
            """,
            HclParser.Parse(text));
    }

    [Fact]
    public void Parse_RedirectBlockWithBareIdentifierValue_MatchesDocumentJson()
    {
        var text = """
            Kind           = "service-resolver"
            Name           = "frontend-peer"
            Redirect {
              Service = frontend
              Peer = "cluster-02"
            }
            """;

        JsonAssert.Equal(
            """
            {
              "Kind": "service-resolver",
              "Name": "frontend-peer",
              "Redirect": { "Service": "frontend", "Peer": "cluster-02" }
            }
            """,
            HclParser.Parse(text));
    }

    [Fact]
    public void Parse_RedirectBlockOnOneLine_MatchesDocumentJson()
    {
        JsonAssert.Equal(
            """{ "Redirect": { "Service": "frontend", "Peer": "cluster-02" } }""",
            HclParser.Parse("Redirect { Service = frontend  Peer = \"cluster-02\" }"));
    }

    [Fact]
    public void Parse_ServiceDefaultsConfigBlock_IsObject()
    {
        var text = """
            Kind = "service-defaults"
            Name = "web"
            Config { protocol = "http" }
            """;

        JsonAssert.Equal(
            """{ "Kind": "service-defaults", "Name": "web", "Config": { "protocol": "http" } }""",
            HclParser.Parse(text));
    }

    [Fact]
    public void Parse_AgentConfig_MatchesExpectedJson()
    {
        var text = """
            datacenter = "dc1"
            data_dir   = "/opt/consul"
            server     = true
            bootstrap_expect = 3
            retry_join = ["10.0.0.1", "10.0.0.2"]

            ports {
              grpc_tls = 8503
              http     = -1
            }

            connect {
              enabled = true
            }

            peering { enabled = true }

            service {
              name = "web"
              port = 80
              check {
                id  = "c1"
                ttl = "10s"
              }
            }
            """;

        JsonAssert.Equal(
            """
            {
              "datacenter": "dc1",
              "data_dir": "/opt/consul",
              "server": true,
              "bootstrap_expect": 3,
              "retry_join": ["10.0.0.1", "10.0.0.2"],
              "ports": { "grpc_tls": 8503, "http": -1 },
              "connect": { "enabled": true },
              "peering": { "enabled": true },
              "service": { "name": "web", "port": 80, "check": { "id": "c1", "ttl": "10s" } }
            }
            """,
            HclParser.Parse(text, "agent.hcl"));
    }

    [Fact]
    public void Parse_ServiceDefinitionOnOneLine_MatchesExpectedJson()
    {
        JsonAssert.Equal(
            """{ "service": { "name": "web", "port": 80, "check": { "id": "c1", "ttl": "10s" } } }""",
            HclParser.Parse("service { name = \"web\" port = 80 check { id = \"c1\" ttl = \"10s\" } }"));
    }
}
