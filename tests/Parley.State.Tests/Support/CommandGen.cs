using System.Text.Json.Nodes;
using CsCheck;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.State.Commands;

namespace Parley.State.Tests.Support;

/// <summary>Random commands over the <see cref="Universe"/>: valid, rejected and no-op ones alike.</summary>
internal static class CommandGen
{
    private static readonly Gen<string> Peer = Gen.Frequency((3, Gen.Const("")), (1, Gen.Const("peer1")));
    private static readonly Gen<string> NodeName = Gen.OneOf(Universe.NodeNames);
    private static readonly Gen<string> ServiceId = Gen.OneOf(Universe.ServiceIds);
    private static readonly Gen<string> CheckId = Gen.OneOf(Universe.CheckIds);
    private static readonly Gen<string> Status = Gen.OneOf(Universe.Statuses);
    private static readonly Gen<string[]> Tags = Gen.OneOf<string[]>([], ["v1"], ["v2"], ["v1", "v2"]);

    private static readonly Gen<IReadOnlyDictionary<string, string>> Meta = Gen.OneOf<IReadOnlyDictionary<string, string>>(
        Maps.EmptyMap,
        new Dictionary<string, string> { ["rack"] = "r1" },
        new Dictionary<string, string> { ["rack"] = "r2", ["zone"] = "a" });

    private static readonly Gen<Node> Node = Gen.Select(
        NodeName, Peer, Gen.OneOf("10.0.0.1", "10.0.0.2"), Meta,
        (name, peer, address, meta) => new Node { Name = name, PeerName = peer, Address = address, Meta = meta });

    private static readonly Gen<string> Kind = Gen.Frequency(
        (4, Gen.Const(ServiceKinds.Typical)), (1, Gen.Const(ServiceKinds.ConnectProxy)), (1, Gen.Const(ServiceKinds.MeshGateway)));

    private static readonly Gen<ServiceInstance> Service = Gen.Select(
        ServiceId, Gen.OneOf(Universe.ServiceNames), Tags, Gen.OneOf(8080, 9090), Meta, Kind,
        (id, name, tags, port, meta, kind) => new ServiceInstance
        {
            Node = "",
            ID = id,
            Service = name,
            Tags = tags,
            Port = port,
            Meta = meta,
            Kind = kind,
        });

    private static readonly Gen<HealthCheck> Check = Gen.Select(
        CheckId, Status, Gen.OneOf("", "ok", "timeout"), Gen.Frequency((1, Gen.Const("")), (2, ServiceId)),
        (id, status, output, serviceId) => new HealthCheck
        {
            Node = "",
            CheckID = id,
            Name = "check " + id,
            Status = status,
            Output = output,
            ServiceID = serviceId,
        });

    // Service checks usually belong to the service in the same registration (as agents send them), so
    // that most registrations succeed; the rest point at whatever service id was drawn.
    private static readonly Gen<Command> Register = Gen.Select(
        Node, Service.Null(0.3), Check.Array[0, 2], Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))), Gen.Int[0, 2],
        (node, service, checks, skip, attach) => (Command)new RegisterCatalog(
            node,
            service is null ? null : service with { Node = node.Name },
            [.. checks.Select(c => c with
            {
                Node = node.Name,
                ServiceID = service is not null && c.ServiceID.Length > 0 && attach > 0 ? service.ID : c.ServiceID,
            })])
        {
            SkipNodeUpdate = skip,
        });

    private static readonly Gen<Command> Deregister = Gen.Select(
        NodeName, ServiceId.Null(0.6), CheckId.Null(0.6), Peer,
        (node, serviceId, checkId, peer) => (Command)new DeregisterCatalog(node, serviceId, checkId, peer));

    private static readonly Gen<Command> CheckStatus = Gen.Select(
        NodeName, CheckId, Status, Gen.OneOf("", "ok", "HTTP 503"),
        (node, checkId, status, output) => (Command)new UpdateCheckStatus(node, checkId, status, output));

    // CAS indexes are small so that they sometimes match a stored ModifyIndex.
    private static readonly Gen<long?> Cas = Gen.Frequency(
        (3, Gen.Const((long?)null)), (1, Gen.Const((long?)0)), (2, Gen.Long[1, 40].Select(i => (long?)i)));

    private static readonly Gen<Command> SetConfig = Gen.Select(
        Gen.OneOf(Universe.ConfigKinds), Gen.OneOf(Universe.ConfigNames), Gen.OneOf("http", "grpc", "tcp"), Cas,
        (kind, name, protocol, cas) => (Command)new SetConfigEntry(
            kind, name, new JsonObject { ["Kind"] = kind, ["Name"] = name, ["Protocol"] = protocol }, cas));

    private static readonly Gen<Command> DeleteConfig = Gen.Select(
        Gen.OneOf(Universe.ConfigKinds), Gen.OneOf(Universe.ConfigNames), Cas,
        (kind, name, cas) => (Command)new DeleteConfigEntry(kind, name, cas));

    private static readonly DateTimeOffset Created = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    // Few ids and secrets, so that writes collide (a secret another token holds, a name another policy holds).
    private static readonly Gen<AclToken> Token = Gen.Select(
        Gen.OneOf("t1", "t2", "t3"), Gen.OneOf("s1", "s2", "s3"), Gen.OneOf("p1", "p2"), Gen.Bool,
        (accessor, secret, policy, local) => new AclToken
        {
            AccessorID = accessor,
            SecretID = secret,
            Policies = [new AclLink(policy, policy)],
            ServiceIdentities = local ? [new AclServiceIdentity("web", ["dc1"])] : [],
            Local = local,
            CreateTime = Created,
        });

    private static readonly Gen<AclPolicy> Policy = Gen.Select(
        Gen.OneOf("p1", "p2"), Gen.OneOf("ops", "dev"), Gen.OneOf("operator = \"read\"", ""),
        (id, name, rules) => new AclPolicy { ID = id, Name = name, Rules = rules });

    private static readonly Gen<Command> Acl = Gen.OneOf(
        Token.Select(t => (Command)new SetAclToken(t)),
        Gen.OneOf("t1", "t2", AclIds.AnonymousTokenId).Select(id => (Command)new DeleteAclToken(id)),
        Policy.Select(p => (Command)new SetAclPolicy(p)),
        Gen.OneOf("p1", "p2", AclIds.GlobalManagementPolicyId).Select(id => (Command)new DeleteAclPolicy(id)),
        Gen.OneOf("ops", "dev").Select(name => (Command)new SetAclRole(new AclRole
        {
            ID = "r-" + name,
            Name = name,
            Policies = [new AclLink("p1", "ops")],
        })),
        Token.Select(t => (Command)new BootstrapAcl(
            t, new AclPolicy { ID = AclIds.GlobalManagementPolicyId, Name = AclIds.GlobalManagementPolicyName },
            new AclToken { AccessorID = AclIds.AnonymousTokenId, SecretID = AclIds.AnonymousSecret, CreateTime = Created })));

    private static readonly Gen<Command> Single = Gen.Frequency(
        (6, Register), (3, Deregister), (3, CheckStatus), (2, SetConfig), (1, DeleteConfig), (2, Acl));

    /// <summary>Any command, including batches of up to three.</summary>
    public static readonly Gen<Command> Command = Gen.Frequency(
        (10, Single), (1, Single.Array[1, 3].Select(commands => (Command)new Batch(commands))));

    /// <summary>A log: commands with strictly increasing indexes, sometimes with gaps.</summary>
    public static readonly Gen<(long Index, Command Command)[]> Log =
        Gen.Select(Gen.Long[1, 3], Command).Array[0, 40].Select(entries =>
        {
            long index = 0;
            return entries.Select(e => (index += e.Item1, e.Item2)).ToArray();
        });
}
