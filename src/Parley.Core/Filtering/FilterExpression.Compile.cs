using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Go;

namespace Parley.Core.Filtering;

/// <content>The typed binder: selectors checked against a type's shape once, then evaluated through compiled getters.</content>
public sealed partial class FilterExpression
{
    /// <summary>
    /// Checks every selector, operator and value against <typeparamref name="T"/> (the response element a Consul endpoint
    /// filters) and returns the predicate.
    /// </summary>
    /// <exception cref="FormatException">bexpr's validation text: <c>Selector "X" is not valid</c>, <c>Invalid match
    /// operator "Matches" for selector "Service.Port"</c>, <c>Failed to coerce value "x" for selector "Service.Port": ...</c>.</exception>
    public Func<T, bool> Compile<T>()
    {
        var predicate = Compile(typeof(T));
        return value => predicate(value);
    }

    /// <summary>As <see cref="Compile{T}"/>, for an element type known only at run time (an anonymous type).</summary>
    /// <exception cref="FormatException">bexpr's validation text.</exception>
    public Func<object?, bool> Compile(Type elementType)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        return Bind(_root, FilterShape.Of(elementType));
    }

    private static Func<object?, bool> Bind(Node node, FilterShape shape)
    {
        switch (node)
        {
            case And and:
                var (l1, r1) = (Bind(and.Left, shape), Bind(and.Right, shape));
                return v => l1(v) && r1(v);
            case Or or:
                var (l2, r2) = (Bind(or.Left, shape), Bind(or.Right, shape));
                return v => l2(v) || r2(v);
            case Not not:
                var operand = Bind(not.Operand, shape);
                return v => !operand(v);
            default:
                return Bind((Match)node, shape, 0);
        }
    }

    private static Func<object?, bool> Bind(Match match, FilterShape shape, int depth)
    {
        if (depth == match.Selector.Count)
        {
            return Leaf(match, shape);
        }

        var part = match.Selector[depth];
        switch (shape)
        {
            case FilterShape.ObjectShape record when record.TryGetField(part, out var get, out var fieldShape):
                var field = Bind(match, fieldShape, depth + 1);
                return v => field(v is null ? null : get(v));
            case FilterShape.MapShape map:
                var entry = Bind(match, map.Value, depth + 1);
                return v => map.TryGet(v, part, out var value) ? entry(value) : match.WhenMissing;
            case FilterShape.ListShape list:
                // bexpr's implicit "any": the rest of the selector is tried on each element.
                var element = Bind(match, list.Element, depth);
                return v => v is IEnumerable items && items.Cast<object?>().Any(element);
            case FilterShape.JsonShape:
                return v => JsonMatch(match, v as JsonNode, depth);
            default:
                throw new FormatException($"Selector {GoQuote.Quote(string.Join('.', match.Selector.Take(depth + 1)))} is not valid");
        }
    }

    private static Func<object?, bool> Leaf(Match match, FilterShape shape)
    {
        var negated = match.Negated;
        switch (shape)
        {
            case FilterShape.ScalarShape scalar when scalar == FilterShape.ScalarShape.String:
                return v => StringHolds(match, v as string ?? "") != negated;
            case FilterShape.ScalarShape scalar when match.Operator is FilterOperator.Equal or FilterOperator.NotEqual:
                var expected = Coerce(match, scalar);
                return v => Equals(Normalize(v, scalar), expected) != negated;
            case FilterShape.ListShape list when match.Operator is FilterOperator.IsEmpty or FilterOperator.IsNotEmpty:
                return v => FilterShape.ListShape.IsEmpty(v) != negated;
            case FilterShape.ListShape { Element: FilterShape.ScalarShape element }
                when match.Operator is FilterOperator.In or FilterOperator.NotIn:
                var member = element == FilterShape.ScalarShape.String ? match.Value : Coerce(match, element);
                return v => v is IEnumerable items && items.Cast<object?>().Any(i => Equals(Normalize(i, element), member)) != negated;
            case FilterShape.MapShape map when match.Operator is FilterOperator.IsEmpty or FilterOperator.IsNotEmpty:
                return v => (map.Count(v) == 0) != negated;
            case FilterShape.MapShape map when match.Operator is FilterOperator.In or FilterOperator.NotIn:
                return v => map.TryGet(v, match.Value!, out _) != negated;
            case FilterShape.JsonShape:
                return v => JsonMatch(match, v as JsonNode, match.Selector.Count);
            default:
                throw new FormatException(
                    $"Invalid match operator {GoQuote.Quote(OperatorName(match.Operator))} for " +
                        $"selector {GoQuote.Quote(match.SelectorText)}");
        }
    }

    /// <summary>The positive form of an operator on a string (negations are applied by the caller).</summary>
    private static bool StringHolds(Match match, string value) => match.Operator switch
    {
        FilterOperator.Equal or FilterOperator.NotEqual => value == match.Value,
        FilterOperator.In or FilterOperator.NotIn => value.Contains(match.Value!, StringComparison.Ordinal),
        FilterOperator.IsEmpty or FilterOperator.IsNotEmpty => value.Length == 0,
        _ => IsMatch(match, value),
    };

    /// <summary>A scalar as the value it is compared as: integers as long, unsigned as ulong, floats as double.</summary>
    private static object? Normalize(object? value, FilterShape.ScalarShape shape) => value is null ? null : shape.Kind switch
    {
        "bool" => (bool)value,
        "int" => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        "uint" => Convert.ToUInt64(value, CultureInfo.InvariantCulture),
        "float" => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The match value converted to the selected field's type, as bexpr's coercions do, or its error.</summary>
    private static object Coerce(Match match, FilterShape.ScalarShape shape)
    {
        var raw = match.Value!;
        object? converted = shape.Kind switch
        {
            "bool" => GoBool(raw),
            "int" => GoInteger(raw) is { } i && i >= long.MinValue && i <= long.MaxValue ? (long)i : null,
            "uint" => GoInteger(raw) is { } u && u >= 0 && u <= ulong.MaxValue ? (ulong)u : null,
            "float" => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            _ => raw,
        };
        if (converted is not null)
        {
            return converted;
        }

        var function = shape.Kind switch { "bool" => "ParseBool", "int" => "ParseInt", "uint" => "ParseUint", _ => "ParseFloat" };
        throw new FormatException(
            $"Failed to coerce value {GoQuote.Quote(raw)} for selector {GoQuote.Quote(match.SelectorText)}: " +
            $"strconv.{function}: parsing {GoQuote.Quote(raw)}: invalid syntax");
    }

    /// <summary>Go's <c>strconv.ParseBool</c>.</summary>
    private static bool? GoBool(string raw) => raw switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c> prefixes: decimal, <c>0x</c>, <c>0o</c>/<c>0</c> octal, <c>0b</c>.</summary>
    private static System.Numerics.BigInteger? GoInteger(string raw)
    {
        var negative = raw.StartsWith('-');
        var digits = raw.TrimStart('-', '+');
        if (digits.Length == 0 || raw.Length - digits.Length > 1)
        {
            return null;
        }

        var (radix, body) = digits.Length > 1 && digits[0] == '0'
            ? char.ToLowerInvariant(digits[1]) switch
            {
                'x' => (16, digits[2..]),
                'o' => (8, digits[2..]),
                'b' => (2, digits[2..]),
                _ => (8, digits[1..]),
            }
            : (10, digits);
        if (body.Length == 0)
        {
            return null;
        }

        System.Numerics.BigInteger value = 0;
        foreach (var c in body)
        {
            var digit = c is >= '0' and <= '9'
                ? c - '0'
                : char.ToLowerInvariant(c) is >= 'a' and <= 'f'
                ? char.ToLowerInvariant(c) - 'a' + 10
                : 99;
            if (digit >= radix)
            {
                return null;
            }

            value = (value * radix) + digit;
        }

        return negative ? -value : value;
    }

    /// <summary>A selector followed through a JSON tree: objects by property, arrays element by element (any).</summary>
    private static bool JsonMatch(Match match, JsonNode? node, int depth)
    {
        for (; depth < match.Selector.Count; depth++)
        {
            switch (node)
            {
                case JsonObject record:
                    if (!record.TryGetPropertyValue(match.Selector[depth], out node))
                    {
                        return match.WhenMissing;
                    }

                    break;
                case JsonArray array:
                    var next = depth;
                    return array.Any(e => JsonMatch(match, e, next));
                default:
                    return match.WhenMissing;
            }
        }

        var holds = node switch
        {
            JsonObject record => match.Operator switch
            {
                FilterOperator.In or FilterOperator.NotIn => record.ContainsKey(match.Value!),
                FilterOperator.IsEmpty or FilterOperator.IsNotEmpty => record.Count == 0,
                _ => false,
            },
            JsonArray array => match.Operator switch
            {
                FilterOperator.In or FilterOperator.NotIn => array.Any(e => JsonText(e) == match.Value),
                FilterOperator.IsEmpty or FilterOperator.IsNotEmpty => array.Count == 0,
                _ => false,
            },
            JsonValue value when value.GetValueKind() == JsonValueKind.String => StringHolds(match, value.GetValue<string>()),
            JsonValue value when match.Operator is FilterOperator.Equal or FilterOperator.NotEqual => JsonEquals(value, match.Value!),
            null => match.Operator is FilterOperator.IsEmpty or FilterOperator.IsNotEmpty,
            _ => false,
        };
        return holds != match.Negated;
    }

    private static bool JsonEquals(JsonValue value, string raw) => value.GetValueKind() switch
    {
        JsonValueKind.True => GoBool(raw) == true,
        JsonValueKind.False => GoBool(raw) == false,
        JsonValueKind.Number => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) &&
            double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var actual) && actual == d,
        _ => false,
    };

    private static string? JsonText(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
        : null;
}
