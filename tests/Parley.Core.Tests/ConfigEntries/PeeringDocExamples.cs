namespace Parley.Core.Tests.ConfigEntries;

/// <summary>
/// Every config entry of reference/cluster-peering.md, verbatim in each form the document gives
/// (HCL, Kubernetes YAML, JSON), including its comments, odd indentation and trailing commas.
/// </summary>
internal static class PeeringDocExamples
{
    public const string ExportedServicesHcl = """
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

    public const string IntentionsHcl = """
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

    public const string FailoverResolverHcl = """
        Kind           = "service-resolver"
        Name           = "frontend"
        ConnectTimeout = "15s"
        Failover = {
          "*" = {
            Targets = [
              {Peer = "cluster-02"}
            ]   
          }
        }
        """;

    public const string FailoverResolverYaml = """
        apiVersion: consul.hashicorp.com/v1alpha1
        kind: ServiceResolver
        metadata:
          name: frontend
        spec:
          connectTimeout: 15s
          failover:
            '*':
              targets:
                - peer: 'cluster-02'
                  service: 'frontend'
                  namespace: 'default'
        """;

    public const string FailoverResolverJson = """
        {
            "ConnectTimeout": "15s",
            "Kind": "service-resolver",
            "Name": "frontend",
            "Failover": {
                "*": {
                    "Targets": [
                        {
                            "Peer": "cluster-02"
                        }
                    ]
                }
            },
            "CreateIndex": 250,
            "ModifyIndex": 250
        }
        """;

    public const string SplitterHcl = """
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

    public const string SplitterYaml = """
        apiVersion: consul.hashicorp.com/v1alpha1
        kind: ServiceSplitter
        metadata:
          name: frontend
        spec:
          splits:
            - weight: 50
              ## defaults to service with same name as configuration entry ("web")
            - weight: 50
              service: frontend-peer
        """;

    public const string SplitterJson = """
        {
          "Kind": "service-splitter",
          "Name": "frontend",
          "Splits": [
            {
              "Weight": 50
            },
            {
              "Weight": 50,
              "Service": "frontend-peer"
            }
          ]
        }
        """;

    public const string RedirectResolverHcl = """
        Kind           = "service-resolver"
        Name           = "frontend-peer"
        Redirect {
          Service = frontend
          Peer = "cluster-02"
        }
        """;

    public const string RedirectResolverYaml = """
        apiVersion: consul.hashicorp.com/v1alpha1
        kind: ServiceResolver
        metadata:
          name: frontend-peer
        spec:
          redirect:
            peer: 'cluster-02'
            service: 'frontend'
        """;

    public const string RedirectResolverJson = """
        {
            "Kind": "service-resolver",
            "Name": "frontend-peer",
            "Redirect": {
              "Service": "frontend",
              "Peer": "cluster-02"
          }
        }
        """;
}
