namespace Parley.Core.PreparedQueries;

/// <summary>Why a prepared query template cannot be compiled, in Consul's words.</summary>
public sealed record TemplateError(string Error);
