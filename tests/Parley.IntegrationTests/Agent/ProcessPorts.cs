namespace Parley.IntegrationTests.Agent;

/// <summary>The ports one child <c>parley agent</c> process listens on.</summary>
internal sealed record ProcessPorts(int Http, int Server, int Grpc, int GrpcTls, int Dns);
