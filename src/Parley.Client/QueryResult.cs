namespace Parley.Client;

/// <summary>The value of a read together with its <see cref="QueryMeta"/>; deconstructs as <c>var (value, meta) = ...</c>.</summary>
/// <typeparam name="T">The decoded response.</typeparam>
/// <param name="Value">The decoded response body.</param>
/// <param name="Meta">The agent's query metadata.</param>
public sealed record QueryResult<T>(T Value, QueryMeta Meta);
