namespace Parley.Client;

/// <summary>
/// Go's <c>json:",omitempty"</c>: the property is left out when null, an empty string, an empty collection,
/// <c>false</c> or zero. Without it a property is always written, nulls included, as Go does.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OmitEmptyAttribute : Attribute;
