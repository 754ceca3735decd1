namespace Parley.Core.Filtering;

/// <summary>
/// Something a <see cref="FilterExpression"/> is evaluated against: it resolves selectors such as <c>Service.Meta.version</c>.
/// </summary>
public interface IFilterSubject
{
    /// <summary>The value at <paramref name="selector"/> (its parts, e.g. <c>["Service", "Meta", "version"]</c>).</summary>
    FilterValue Resolve(IReadOnlyList<string> selector);
}
