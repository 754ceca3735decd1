using System.Text.Json;
using Parley.Core;
using Parley.Core.Acl;
using Parley.State.Commands;
using Parley.State.Store;
using Parley.State.Tests.Support;

namespace Parley.State.Tests.Machine;

public sealed class StateMachineAclTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    private static readonly AclPolicy Management = new()
    {
        ID = AclIds.GlobalManagementPolicyId,
        Name = AclIds.GlobalManagementPolicyName,
        Description = "Builtin Policy that grants unlimited access",
        Rules = AclIds.GlobalManagementRules,
    };

    private static readonly AclToken Anonymous = new()
    {
        AccessorID = AclIds.AnonymousTokenId,
        SecretID = AclIds.AnonymousSecret,
        Description = "Anonymous Token",
        CreateTime = Created,
    };

    private static AclToken Token(string accessor, string secret, params AclLink[] policies) => new()
    {
        AccessorID = accessor,
        SecretID = secret,
        Policies = policies,
        CreateTime = Created,
        ExpirationTime = Created.AddHours(1),
        ExpirationTTL = TimeSpan.FromHours(1),
        ServiceIdentities = [new AclServiceIdentity("web", ["dc1"])],
        NodeIdentities = [new AclNodeIdentity("n1", "dc1")],
    };

    [Fact]
    public void Bootstrap_Once_ThenConsulsRefusalWithTheResetIndex()
    {
        var fsm = new Fsm();
        var root = Token("acc-root", "secret-root", new AclLink(Management.ID, Management.Name));
        fsm.ApplyAt(5, new BootstrapAcl(root, Management, Anonymous));

        Assert.Equal(5, fsm.State.AclBootstrapIndex);
        Assert.Equal("acc-root", fsm.State.GetAclTokenBySecret("secret-root")!.AccessorID);
        Assert.NotNull(fsm.State.GetAclToken(AclIds.AnonymousTokenId));
        Assert.Equal(AclIds.GlobalManagementPolicyName, fsm.State.GetAclPolicy(AclIds.GlobalManagementPolicyId)!.Name);
        Assert.Equal(5, fsm.State.AclIndex);

        var again = fsm.ApplyAt(6, new BootstrapAcl(Token("acc-2", "secret-2"), Management, Anonymous));
        var refusal = Assert.IsType<ParleyException>(again.Value);
        Assert.Equal(ErrorCode.PermissionDenied, refusal.Code);
        Assert.Equal("Permission denied: ACL bootstrap no longer allowed (reset index: 5)", refusal.Message);
        Assert.Null(fsm.State.GetAclToken("acc-2"));
    }

    [Fact]
    public void Initialize_WritesBuiltInsOnce_AndTheInitialManagementTokenEndsBootstrap()
    {
        var fsm = new Fsm();
        fsm.ApplyOk(new InitializeAcl(Management, Anonymous, null));
        Assert.Equal(0, fsm.State.AclBootstrapIndex);
        var index = fsm.State.AclIndex;
        fsm.ApplyOk(new InitializeAcl(Management, Anonymous, null));
        Assert.Equal(index, fsm.State.AclIndex);

        var initial = Token("acc-init", "init-secret", new AclLink(Management.ID, Management.Name));
        fsm.ApplyOk(new InitializeAcl(Management, Anonymous, initial));
        Assert.Equal("acc-init", fsm.State.GetAclTokenBySecret("init-secret")!.AccessorID);
        Assert.Equal(fsm.LastIndex, fsm.State.AclBootstrapIndex);
        Assert.IsType<ParleyException>(fsm.Apply(new BootstrapAcl(Token("x", "y"), Management, Anonymous)).Value);
    }

    [Fact]
    public void Tokens_KeepCreateIndex_AndRefuseAnotherTokensSecret()
    {
        var fsm = new Fsm();
        fsm.ApplyAt(3, new SetAclToken(Token("a", "s1")));
        fsm.ApplyAt(4, new SetAclToken(Token("a", "s1") with { Description = "changed" }));
        var token = fsm.State.GetAclToken("a")!;
        Assert.Equal((3, 4, "changed"), (token.CreateIndex, token.ModifyIndex, token.Description));

        Assert.IsType<ParleyException>(fsm.ApplyAt(5, new SetAclToken(Token("b", "s1"))).Value);
        Assert.IsType<ParleyException>(fsm.ApplyAt(6, new SetAclToken(Token("a", "s2"))).Value);
        Assert.Null(fsm.State.GetAclToken("b"));

        Assert.Equal(true, fsm.ApplyAt(7, new DeleteAclToken("a")).Value);
        Assert.Null(fsm.State.GetAclTokenBySecret("s1"));
        Assert.Equal(7, fsm.State.TableIndex(Tables.AclTokens));
        Assert.IsType<ParleyException>(fsm.ApplyAt(8, new DeleteAclToken(AclIds.AnonymousTokenId)).Value);
    }

    [Fact]
    public void Policies_NamesAreUnique_AndTheManagementPolicyStays()
    {
        var fsm = new Fsm();
        fsm.ApplyOk(new InitializeAcl(Management, Anonymous, null));
        fsm.ApplyOk(new SetAclPolicy(new AclPolicy { ID = "p1", Name = "ops", Rules = "operator = \"read\"" }));
        var clash = fsm.Apply(new SetAclPolicy(new AclPolicy { ID = "p2", Name = "ops" }));
        Assert.Equal("Invalid Policy: A Policy with Name \"ops\" already exists", Assert.IsType<ParleyException>(clash.Value).Message);
        Assert.IsType<ParleyException>(fsm.Apply(new DeleteAclPolicy(AclIds.GlobalManagementPolicyId)).Value);
        Assert.Equal("ops", fsm.State.GetAclPolicyByName("ops")!.Name);
        Assert.Equal(true, fsm.ApplyOk(new DeleteAclPolicy("p1")).Value);
        Assert.Null(fsm.State.GetAclPolicy("p1"));
    }

    [Fact]
    public void Roles_AreWrittenAndDeleted()
    {
        var fsm = new Fsm();
        fsm.ApplyOk(new SetAclRole(new AclRole { ID = "r1", Name = "web", Policies = [new AclLink("p1", "ops")] }));
        Assert.Equal("ops", fsm.State.GetAclRoleByName("web")!.Policies.Single().Name);
        Assert.IsType<ParleyException>(fsm.Apply(new SetAclRole(new AclRole { ID = "r2", Name = "web" })).Value);
        Assert.Equal(true, fsm.ApplyOk(new DeleteAclRole("r1")).Value);
        Assert.Empty(fsm.State.AclRoles());
    }

    [Fact]
    public async Task Snapshot_CarriesEveryAclTable()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var original = new Fsm();
        original.ApplyAt(
            2,
            new BootstrapAcl(Token("root", "root-secret", new AclLink(Management.ID, Management.Name)), Management, Anonymous));
        original.ApplyAt(
            3,
            new SetAclPolicy(new AclPolicy { ID = "p1", Name = "ops", Rules = "operator = \"read\"", Datacenters = ["dc1"] }));
        original.ApplyAt(4, new SetAclRole(new AclRole { ID = "r1", Name = "web", Policies = [new AclLink("p1", "ops")] }));
        original.ApplyAt(
            5,
            new SetAclToken(Token("t1", "t1-secret", new AclLink("p1", "ops")) with { Roles = [new AclLink("r1", "web")], Local = true }));

        var restored = new Fsm();
        using var stream = new MemoryStream();
        await original.Machine.WriteSnapshotAsync(stream, cancellationToken);
        stream.Position = 0;
        await restored.Machine.RestoreSnapshotAsync(stream, cancellationToken);

        Assert.Equal(Dump(original.State), Dump(restored.State));
        Assert.Equal("t1", restored.State.GetAclTokenBySecret("t1-secret")!.AccessorID);
        Assert.Equal(2, restored.State.AclBootstrapIndex);
        Assert.Equal(5, restored.State.AclIndex);
    }

    private static string Dump(StateSnapshot s) => JsonSerializer.Serialize(new
    {
        Tokens = s.AclTokens().ToList(),
        Policies = s.AclPolicies().ToList(),
        Roles = s.AclRoles().ToList(),
        s.AclBootstrapIndex,
        s.AclIndex,
    });
}
