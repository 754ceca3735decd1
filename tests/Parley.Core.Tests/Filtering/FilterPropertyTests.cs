using System.Text.RegularExpressions;
using CsCheck;
using Parley.Core.Filtering;

namespace Parley.Core.Tests.Filtering;

/// <summary>
/// The parser and the compiled evaluator against a reference written the plain way: random objects, random expressions
/// rendered in every spelling bexpr accepts, the same answer from both.
/// </summary>
public sealed class FilterPropertyTests
{
    public sealed record Check(string Status, IReadOnlyList<string> Tags);

    public sealed record Host(string Address, IReadOnlyDictionary<string, string> Meta);

    public sealed record Row(
        string Name, int Port, bool Enabled, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Meta,
        IReadOnlyList<Check> Checks, Host Node);

    private abstract record Expr;

    private sealed record AndExpr(Expr Left, Expr Right) : Expr;

    private sealed record OrExpr(Expr Left, Expr Right) : Expr;

    private sealed record NotExpr(Expr Operand) : Expr;

    /// <summary>One match: selector, operator spelling, value and how to write them.</summary>
    private sealed record MatchExpr(string Selector, string Op, string Value, int Spelling) : Expr;

    private static readonly string[] Words = ["", "a", "web", "web-1", "v1", "prod", "x y", "ab", "critical", "passing"];
    private static readonly string[] Keys = ["env", "zone", "v"];

    private static readonly Gen<string> Word = Gen.OneOf(Words);
    private static readonly Gen<Dictionary<string, string>> Map =
        Gen.Select(Gen.OneOf(Keys), Word).Array[0, 3].Select(kv => kv.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));
    private static readonly Gen<Row> Rows = Gen.Select(
        Word, Gen.OneOf(0, 1, 80, 8080), Gen.Bool, Word.Array[0, 3], Map,
        Gen.Select(Gen.OneOf("passing", "warning", "critical"), Word.Array[0, 2]).Array[0, 3],
        Gen.Select(Word, Map))
        .Select((name, port, enabled, tags, meta, checks, node) => new Row(
            name, port, enabled, tags, meta, [.. checks.Select(c => new Check(c.Item1, c.Item2))], new Host(node.Item1, node.Item2)));

    private static readonly Gen<string> StringOps = Gen.OneOf(
        "==",
        "!=",
        "contains",
        "not contains",
        "is empty",
        "is not empty",
        "matches",
        "not matches");
    private static readonly Gen<string> CollectionOps = Gen.OneOf("in", "not in", "is empty", "is not empty");
    private static readonly Gen<string> Patterns = Gen.OneOf("^w", "b$", "1", ".*", "^$", "e.", "x y");

    private static Gen<MatchExpr> MatchOf(Gen<string> selector, Gen<string> ops, Gen<string> values) =>
        Gen.Select(selector, ops, values, Patterns, Gen.Int[0, 3])
            .Select((s, op, v, pattern, spelling)
                => new MatchExpr(s, op, op.EndsWith("matches", StringComparison.Ordinal) ? pattern : v, spelling));

    private static readonly Gen<string> StringSelectors =
        Gen.OneOf(["Name", "Checks.Status", "Node.Address", .. Keys.Select(k => "Meta." + k), .. Keys.Select(k => "Node.Meta." + k)]);

    private static readonly Gen<Expr> Matches = Gen.OneOf<Expr>(
        MatchOf(StringSelectors, StringOps, Word),
        MatchOf(Gen.OneOf("Tags", "Meta", "Node.Meta", "Checks.Tags"), CollectionOps, Word),
        MatchOf(Gen.Const("Port"), Gen.OneOf("==", "!="), Gen.OneOf("0", "1", "80", "8080", "-1")),
        MatchOf(Gen.Const("Enabled"), Gen.OneOf("==", "!="), Gen.OneOf("true", "false", "1", "0", "T", "f")),
        MatchOf(Gen.Const("Checks"), Gen.OneOf("is empty", "is not empty"), Word));

    private static readonly Gen<Expr> Exprs = Gen.Recursive<Expr>((depth, self) => depth >= 4
        ? Matches
        : Gen.Frequency(
            (4, Matches),
            (1, Gen.Select(self, self).Select(p => (Expr)new AndExpr(p.Item1, p.Item2))),
            (1, Gen.Select(self, self).Select(p => (Expr)new OrExpr(p.Item1, p.Item2))),
            (1, self.Select(e => (Expr)new NotExpr(e)))));

    [Fact]
    public void CompiledFilter_AgreesWithTheReference()
    {
        Gen.Select(Exprs, Rows.Array[1, 4]).Sample((expr, rows) =>
        {
            var text = Render(expr);
            var predicate = FilterExpression.Parse(text).Compile<Row>();
            foreach (var row in rows)
            {
                if (predicate(row) != Reference(expr, row))
                {
                    return false;
                }
            }

            return true;
        }, iter: 3000, print: p => Render(p.Item1));
    }

    // ---- the reference: each selector and operator spelled out ----

    private static bool Reference(Expr expr, Row row) => expr switch
    {
        AndExpr a => Reference(a.Left, row) && Reference(a.Right, row),
        OrExpr o => Reference(o.Left, row) || Reference(o.Right, row),
        NotExpr n => !Reference(n.Operand, row),
        _ => Reference((MatchExpr)expr, row),
    };

    private static bool Reference(MatchExpr m, Row row)
    {
        switch (m.Selector)
        {
            case "Name": return Text(m, row.Name);
            case "Node.Address": return Text(m, row.Node.Address);
            case "Checks.Status": return row.Checks.Any(c => Text(m, c.Status));
            case "Checks.Tags": return row.Checks.Any(c => Collection(m, c.Tags.Contains(m.Value), c.Tags.Count));
            case "Checks": return Collection(m, false, row.Checks.Count);
            case "Tags": return Collection(m, row.Tags.Contains(m.Value), row.Tags.Count);
            case "Meta": return Collection(m, row.Meta.ContainsKey(m.Value), row.Meta.Count);
            case "Node.Meta": return Collection(m, row.Node.Meta.ContainsKey(m.Value), row.Node.Meta.Count);
            case "Port": return (row.Port == int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)) == (m.Op == "==");
            case "Enabled": return (row.Enabled == m.Value is "true" or "1" or "T") == (m.Op == "==");
        }

        var (map, key) = m.Selector.StartsWith("Node.", StringComparison.Ordinal)
            ? (row.Node.Meta, m.Selector["Node.Meta.".Length..])
            : (row.Meta, m.Selector["Meta.".Length..]);
        return map.TryGetValue(key, out var value) ? Text(m, value) : m.Op is "!=" or "not contains" or "is empty" or "not matches";
    }

    private static bool Text(MatchExpr m, string value) => m.Op switch
    {
        "==" => value == m.Value,
        "!=" => value != m.Value,
        "contains" => value.Contains(m.Value, StringComparison.Ordinal),
        "not contains" => !value.Contains(m.Value, StringComparison.Ordinal),
        "is empty" => value.Length == 0,
        "is not empty" => value.Length > 0,
        "matches" => Regex.IsMatch(value, m.Value),
        _ => !Regex.IsMatch(value, m.Value),
    };

    private static bool Collection(MatchExpr m, bool contains, int count) => m.Op switch
    {
        "in" => contains,
        "not in" => !contains,
        "is empty" => count == 0,
        _ => count > 0,
    };

    // ---- rendering in the spellings bexpr accepts ----

    private static string Render(Expr expr) => expr switch
    {
        AndExpr a => $"{Group(a.Left)} and {Group(a.Right)}",
        OrExpr o => $"{Group(o.Left)}\tor\n{Group(o.Right)}",
        NotExpr n => $"not {Group(n.Operand)}",
        _ => Render((MatchExpr)expr),
    };

    private static string Group(Expr expr) => expr is MatchExpr ? Render(expr) : $"( {Render(expr)})";

    private static string Render(MatchExpr m)
    {
        var selector = m.Spelling == 1 && m.Selector.Contains("Meta.", StringComparison.Ordinal)
            ? m.Selector.Insert(m.Selector.LastIndexOf('.'), "[\"").Replace("[\".", "[\"", StringComparison.Ordinal) + "\"]"
            : m.Selector;
        var value = Value(m.Value, m.Spelling);
        return m.Op switch
        {
            "is empty" or "is not empty" => $"{selector} {m.Op}",
            "in" or "not in" => $"{value} {m.Op} {selector}",
            "==" or "!=" when m.Spelling == 2 => $"{selector}{m.Op}{value}",
            _ => $"{selector} {m.Op} {value}",
        };
    }

    /// <summary>A value bare when bexpr reads it as one (a word or a number), else quoted or in backticks.</summary>
    private static string Value(string value, int spelling)
    {
        var bare = Regex.IsMatch(value, "^([a-zA-Z][a-zA-Z0-9_]*|-?(0|[1-9][0-9]*))$");
        return (spelling, bare) switch
        {
            (0, true) => value,
            (3, _) => $"`{value}`",
            _ => $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal)}\"",
        };
    }
}
