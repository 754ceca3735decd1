namespace Parley.IntegrationTests.Agent;

/// <summary>Tests that start <c>parley</c> processes run one at a time, so two child agents never compete for the CPU.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection
{
    public const string Name = "parley processes";
}
