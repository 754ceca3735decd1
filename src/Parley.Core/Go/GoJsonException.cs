namespace Parley.Core.Go;

/// <summary>A JSON syntax error, carrying the text Go's <c>encoding/json</c> gives for the same input.</summary>
internal sealed class GoJsonException(string message) : Exception(message);
