using System.CommandLine;
using Parley.Agent;

namespace Parley.Cli.Commands;

/// <summary>
/// <c>parley agent [-dev] [-server] [-bootstrap-expect N] [-data-dir D] ...</c>: parses Consul's agent flags into
/// <see cref="AgentFlags"/> and runs the agent until Ctrl+C or SIGTERM.
/// </summary>
internal static class AgentCommand
{
    public static Command Create(CliContext context)
    {
        var dev = CliOptions.Create<bool>(
            "dev",
            "Starts the agent in development mode: one server, in-memory style data in a temporary folder, Connect CA and UI on.");
        var server = CliOptions.Create<bool>("server", "Switches agent to server mode.");
        var bootstrap = CliOptions.Create<bool>("bootstrap", "Sets server to bootstrap mode.");
        var bootstrapExpect = CliOptions.Create<int>("bootstrap-expect", "Sets server to expect bootstrap mode with this many servers.");
        var dataDir = CliOptions.Create<string?>("data-dir", "Path to a data directory to store agent state.", "path");
        var datacenter = CliOptions.Create<string?>("datacenter", "Datacenter of the agent.");
        var node = CliOptions.Create<string?>("node", "Name of this node. Must be unique in the cluster.");
        var bind = CliOptions.Create<string?>("bind", "Sets the bind address for cluster communication.");
        var client = CliOptions.Create<string?>("client", "Sets the address to bind for client access (HTTP, DNS, gRPC).");
        var httpPort = CliOptions.Create<int>("http-port", "Sets the HTTP API port to listen on.");
        var httpsPort = CliOptions.Create<int>("https-port", "Sets the HTTPS API port to listen on.");
        var grpcPort = CliOptions.Create<int>("grpc-port", "Sets the plaintext gRPC port to listen on.");
        var grpcTlsPort = CliOptions.Create<int>("grpc-tls-port", "Sets the gRPC-TLS port to listen on (peering).");
        var serverPort = CliOptions.Create<int>("server-port", "Sets the server port to listen on (Raft and forwarding).");
        var dnsPort = CliOptions.Create<int>("dns-port", "DNS port to use.");
        var logLevel = CliOptions.Create<string?>("log-level", "Log level of the agent.");
        var retryJoin = CliOptions.Repeatable(
            "retry-join",
            "Address of an agent to join at start time with retries enabled. Can be specified multiple times.");
        var configFile = CliOptions.Repeatable(
            "config-file",
            "Path to a file in JSON or HCL format with a matching file extension. Can be specified multiple times.",
            "path");
        var configDir = CliOptions.Repeatable(
            "config-dir",
            "Path to a directory to read configuration files from. Can be specified multiple times.",
            "path");

        var command = new Command("agent", "Runs a Parley agent")
        {
            dev, server, bootstrap, bootstrapExpect, dataDir, datacenter, node, bind, client, httpPort, httpsPort, grpcPort,
            grpcTlsPort, serverPort, dnsPort, logLevel, retryJoin, configFile, configDir,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var flags = new AgentFlags
            {
                Dev = parseResult.GetValue(dev),
                Server = parseResult.GetValueIfGiven(server),
                Bootstrap = parseResult.GetValueIfGiven(bootstrap),
                BootstrapExpect = parseResult.GetValueIfGiven(bootstrapExpect),
                DataDir = parseResult.GetValue(dataDir),
                Datacenter = parseResult.GetValue(datacenter),
                NodeName = parseResult.GetValue(node),
                BindAddr = parseResult.GetValue(bind),
                ClientAddr = parseResult.GetValue(client),
                HttpPort = parseResult.GetValueIfGiven(httpPort),
                HttpsPort = parseResult.GetValueIfGiven(httpsPort),
                GrpcPort = parseResult.GetValueIfGiven(grpcPort),
                GrpcTlsPort = parseResult.GetValueIfGiven(grpcTlsPort),
                ServerPort = parseResult.GetValueIfGiven(serverPort),
                DnsPort = parseResult.GetValueIfGiven(dnsPort),
                LogLevel = parseResult.GetValue(logLevel),
                RetryJoin = parseResult.GetValue(retryJoin) ?? [],
                ConfigFiles = parseResult.GetValue(configFile) ?? [],
                ConfigDirs = parseResult.GetValue(configDir) ?? [],
            };
            return (context.RunAgentAsync ?? AgentProgram.RunAsync)(flags, cancellationToken);
        });
        return command;
    }
}
