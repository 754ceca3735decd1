namespace Parley.Core.Catalog;

/// <summary>DNS SRV weights of an instance. Consul defaults to passing 1, warning 1.</summary>
public sealed record ServiceWeights(int Passing = 1, int Warning = 1);
