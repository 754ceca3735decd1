using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Parley.Hcl.Tests;

public class HclParserPropertyTests
{
    // Each property must finish well inside this; a parser that loops forever fails the test instead of hanging CI.
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(2);

    private static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.Char["abcxyz_-.019 "].Array[0, 8].Select(chars => new string(chars))),
        (2, Gen.Char["\"\\\n\t\r\b\f/${}#*=:,[]<>-éß中\u0001\u007f\u00a0 aEOT"].Array[0, 8].Select(chars => new string(chars))),
        (1, Gen.OneOf("true", "null", "EOT", "a\nb\n", "  x\n\n", "\U0001F600", "line\n  EOT x\n", "", "Name", "peer-1.dc")));

    private static readonly Gen<JsonNode?> Scalar = Gen.Frequency(
        (4, Text.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Int[-1000, 1000].Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Bool.Select(_ => (JsonNode?)null)));

    private static readonly Gen<JsonObject> Tree = ObjectOf(3);

    [Fact]
    public async Task Parse_PrintedRandomTree_RoundTripsToTheSameJson()
    {
        await RunBoundedAsync(() => Gen.Select(Tree, Gen.Int).Sample(
            (tree, seed) =>
            {
                var text = HclTestPrinter.Print(tree, seed);
                var parsed = HclParser.Parse(text, "printed.hcl");
                if (!JsonNode.DeepEquals(tree, parsed))
                {
                    Assert.Fail($"HCL:\n{text}\nexpected: {tree.ToJsonString()}\nparsed:   {parsed.ToJsonString()}");
                }
            },
            iter: 3000,
            print: t => $"seed {t.Item2}: {t.Item1.ToJsonString()}"));
    }

    [Fact]
    public async Task Parse_ArbitraryStrings_ThrowOnlyHclException()
    {
        await RunBoundedAsync(() => Gen.String.Sample(ParseExpectingOnlyHclException, iter: 5000));
    }

    [Fact]
    public async Task Parse_StringsOfHclPunctuation_ThrowOnlyHclException()
    {
        var hclish = Gen.Char["{}[]=:,\"\\#/*<-\n \tabEOF019.e+u_"].Array[0, 80].Select(chars => new string(chars));

        await RunBoundedAsync(() => hclish.Sample(ParseExpectingOnlyHclException, iter: 20000));
    }

    [Fact]
    public async Task Parse_MutatedSampleDocuments_ThrowOnlyHclException()
    {
        var mutated = Gen.Select(Gen.Int[0, HclSamples.All.Length - 1], Mutations)
            .Select((index, mutations) => Apply(HclSamples.All[index], mutations));

        await RunBoundedAsync(() => mutated.Sample(ParseExpectingOnlyHclException, iter: 20000));
    }

    [Fact]
    public async Task Parse_MutatedPrintedTrees_ThrowOnlyHclException()
    {
        var mutated = Gen.Select(Tree, Gen.Int, Mutations)
            .Select((tree, seed, mutations) => Apply(HclTestPrinter.Print(tree, seed), mutations));

        await RunBoundedAsync(() => mutated.Sample(ParseExpectingOnlyHclException, iter: 5000));
    }

    /// <summary>A mutation: 0 deletes, 1 inserts, 2 duplicates; at a relative position, over a length, with text to insert.</summary>
    private static Gen<(int Kind, double Where, int Length, string Insert)[]> Mutations =>
        Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Int[1, 12], Gen.Char["{}[]\"\\=:,#/*<-\n \tEOFa1"].Array[1, 4])
            .Select((kind, where, length, insert) => (kind, where, length, new string(insert)))
            .Array[1, 4];

    private static string Apply(string text, (int Kind, double Where, int Length, string Insert)[] mutations)
    {
        var builder = new StringBuilder(text);
        foreach (var (kind, where, length, insert) in mutations)
        {
            var at = (int)(where * builder.Length);
            var count = Math.Min(length, builder.Length - at);
            switch (kind)
            {
                case 0:
                    builder.Remove(at, count);
                    break;
                case 1:
                    builder.Insert(at, insert);
                    break;
                default:
                    builder.Insert(at, builder.ToString(at, count));
                    break;
            }
        }

        return builder.ToString();
    }

    private static void ParseExpectingOnlyHclException(string text)
    {
        try
        {
            HclParser.Parse(text, "fuzz.hcl");
        }
        catch (HclException error)
        {
            // The location must point into the text (or just past its end) for the message to be useful.
            var lines = text.Split('\n');
            Assert.InRange(error.Line, 1, lines.Length);
            Assert.InRange(error.Column, 1, lines[error.Line - 1].Length + 1);
            Assert.StartsWith($"fuzz.hcl:{error.Line}:{error.Column}: ", error.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(error.Reason));
        }
    }

    private static Gen<JsonObject> ObjectOf(int depth) =>
        Text.ArrayUnique[0, 5].SelectMany(keys => NodeOf(depth).Array[keys.Length].Select(values =>
        {
            var result = new JsonObject();
            for (var i = 0; i < keys.Length; i++)
            {
                result.Add(keys[i], values[i]);
            }

            return result;
        }));

    private static Gen<JsonNode?> NodeOf(int depth)
    {
        if (depth == 0)
        {
            return Scalar;
        }

        return Gen.Frequency(
            (4, Scalar),
            (1, NodeOf(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items))),
            (1, ObjectOf(depth - 1).Array[2, 3].Select(items => (JsonNode?)new JsonArray(items))),
            (2, ObjectOf(depth - 1).Select(o => (JsonNode?)o)));
    }

    private static async Task RunBoundedAsync(Action property)
    {
        await Task.Run(property, TestContext.Current.CancellationToken)
            .WaitAsync(HangLimit, TestContext.Current.CancellationToken);
    }
}
