namespace Parley.Hcl.Tests;

/// <summary>Valid documents covering every construct, used as the seed corpus for mutation tests.</summary>
internal static class HclSamples
{
    public static readonly string[] All =
    [
        """
        Kind = "exported-services"
        Name = "default"
        Services = [
          {
            ## The name and namespace of the service to export.
            Name      = "service-name"
            Namespace = "default"
            Consumers = [
              {
                Peer = "cluster-02"
              }
            ]
          }
        ]
        """,
        """
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
        Redirect { Service = frontend  Peer = "cluster-02" }
        """,
        """
        Kind = "service-splitter"
        Splits = [
          { Weight = 50.5, Service = "a" },
          { Weight = -1e3 /* odd */ },
        ]
        """,
        """
        // agent config
        ports { grpc_tls = 8503 }
        connect { enabled = true }
        service { name = "web" port = 80 check { id = "c1" ttl = "10s" } }
        service "db" "primary" { tags = ["a", "b\n\u00e9\U0001F600"], meta = null }
        script = <<EOF
        echo "hi"
        EOF
        indented = <<-EOT
            one
              two
            EOT
        "json": {"shaped": [1, 2, {"x": false}]}
        """,
    ];
}
