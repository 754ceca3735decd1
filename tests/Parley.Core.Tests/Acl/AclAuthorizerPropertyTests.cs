using CsCheck;
using Parley.Core.Acl;

namespace Parley.Core.Tests.Acl;

/// <summary>The authorizer against a reference evaluator written the long way: every rule scanned for every question.</summary>
public sealed class AclAuthorizerPropertyTests
{
    private static readonly Gen<string> Name = Gen.OneOf("", "w", "we", "web", "web-1", "web-10", "api", "a/b", "ümlaut");

    private static readonly Gen<AclResource> Resource = Gen.Enum<AclResource>();

    private static readonly Gen<AclAccess> Access = Gen.OneOf(AclAccess.Read, AclAccess.List, AclAccess.Write, AclAccess.Deny);

    private static readonly Gen<AclRule> Rule = Gen.Select(Resource, Name, Gen.Bool, Access)
        .Select((resource, name, prefix, access) => resource.IsUnnamed()
            ? new AclRule(resource, "", false, access)
            : new AclRule(resource, name, prefix, access));

    private static readonly Gen<AclPolicyRules[]> Policies = Rule.Array[0, 6].Select(r => new AclPolicyRules(r)).Array[0, 4];

    private static readonly Gen<(AclResource Resource, AclAccess Access, string Name)> Question =
        Gen.Select(Resource, Gen.OneOf(AclAccess.Read, AclAccess.List, AclAccess.Write), Name);

    [Fact]
    public void Allows_AgreesWithTheReferenceEvaluator() =>
        Gen.Select(Policies, Gen.Bool, Question.Array[1, 20]).Sample((policies, defaultAllow, questions) =>
        {
            var authorizer = AclAuthorizer.Create("id", policies, defaultAllow);
            var rules = policies.SelectMany(p => p.Rules).ToList();
            foreach (var (resource, access, name) in questions)
            {
                var question = resource.IsUnnamed() ? "" : name;
                Assert.Equal(
                    AclReference.Allows(rules, defaultAllow, resource, access, question),
                    authorizer.Allows(resource, access, question));
            }
        });

    [Fact]
    public void Management_AllowsEverything() =>
        Question.Sample(q => Assert.True(AclAuthorizer.Management("id").Allows(q.Resource, q.Access, q.Name)));

    [Fact]
    public void PolicyOrder_DoesNotMatter() =>
        Gen.Select(Policies, Gen.Bool, Question.Array[1, 10]).Sample((policies, defaultAllow, questions) =>
        {
            var forward = AclAuthorizer.Create("id", policies, defaultAllow);
            var backward = AclAuthorizer.Create("id", policies.Reverse(), defaultAllow);
            Assert.All(
                questions, q => Assert.Equal(forward.Allows(q.Resource, q.Access, q.Name), backward.Allows(q.Resource, q.Access, q.Name)));
        });
}
