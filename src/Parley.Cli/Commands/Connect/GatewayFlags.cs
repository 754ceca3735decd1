using System.CommandLine;

namespace Parley.Cli.Commands.Connect;

/// <summary>
/// The gateway flags of <c>parley connect proxy</c>, with the texts of Consul's <c>consul connect envoy</c>; the flags both
/// modes share (<c>-proxy-id</c>, <c>-log-level</c>) are in <see cref="ConnectProxyFlags"/>.
/// </summary>
internal sealed class GatewayFlags
{
    public Option<string?> Gateway { get; } = CliOptions.Create<string?>(
        "gateway", "The type of gateway to register. One of: terminating, ingress, or mesh");

    public Option<bool> Register { get; } = CliOptions.Create<bool>(
        "register", "Register a new gateway service before configuring and starting Envoy");

    public Option<string?> Address { get; } = CliOptions.Create<string?>(
        "address", "LAN address to advertise in the gateway service registration");

    public Option<string?> WanAddress { get; } = CliOptions.Create<string?>(
        "wan-address",
            "WAN address to advertise in the gateway service registration. For ingress gateways," +
            " only an IP address (without a port) is required.");

    public Option<string?> Service { get; } = CliOptions.Create<string?>(
        "service", "Service name to use for the registration");

    public Option<string> DeregisterAfterCritical { get; } = new("-deregister-after-critical", "--deregister-after-critical")
    {
        Description = "The amount of time the gateway services health check can be failing before being deregistered",
        DefaultValueFactory = _ => "6h",
    };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        command.Add(Gateway);
        command.Add(Register);
        command.Add(Address);
        command.Add(WanAddress);
        command.Add(Service);
        command.Add(DeregisterAfterCritical);
        return command;
    }
}
