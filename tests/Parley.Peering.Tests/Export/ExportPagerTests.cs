using Google.Protobuf;
using Parley.Peering.Export;
using Parley.Peering.Import;
using Parley.Peering.V1;

namespace Parley.Peering.Tests.Export;

public sealed class ExportPagerTests
{
    private static CheckServiceNode Instance(int i, int metaBytes = 100)
    {
        var message = new CheckServiceNode
        {
            Node = new Node { Name = $"node-{i % 7}", Address = "10.0.0.1" },
            Service = new Service { Id = $"web-{i:D5}", Service_ = "web", Port = 80 },
        };
        message.Service.Meta["blob"] = new string('x', metaBytes);
        return message;
    }

    [Fact]
    public void Paginate_SmallService_IsOneMessageWithoutPagingFields()
    {
        var nodes = Enumerable.Range(0, 10).Select(i => Instance(i)).ToList();

        var pages = ExportPager.Paginate(nodes, ExportPager.Encode(nodes).Hash, ExportPager.DefaultPageBytes, out var skipped);

        var page = Assert.Single(pages);
        Assert.Empty(skipped);
        Assert.Equal(0u, page.PageCount);
        Assert.Equal("", page.Version);
        Assert.Equal(nodes, page.Nodes);
    }

    [Fact]
    public void Paginate_LargeService_PagesStayUnderTheBudgetAndKeepEveryInstanceInOrder()
    {
        var nodes = Enumerable.Range(0, 2000).Select(i => Instance(i, 1000)).ToList();
        const int budget = 64 * 1024;

        var pages = ExportPager.Paginate(nodes, ExportPager.Encode(nodes).Hash, budget, out var skipped);

        Assert.Empty(skipped);
        Assert.True(pages.Count > 1);
        Assert.All(pages, p => Assert.True(p.CalculateSize() <= budget + 64, $"page of {p.CalculateSize()} bytes"));
        Assert.Equal(Enumerable.Range(0, pages.Count).Select(i => (uint)i), pages.Select(p => p.Page));
        Assert.All(pages, p => Assert.Equal((uint)pages.Count, p.PageCount));
        Assert.Single(pages.Select(p => p.Version).Distinct());
        Assert.Equal(nodes, pages.SelectMany(p => p.Nodes));
    }

    [Fact]
    public void Paginate_InstanceLargerThanAMessage_IsLeftOutAndTheRestIsSent()
    {
        List<CheckServiceNode> nodes = [Instance(1), Instance(2, ExportPager.MaxMessageBytes + 10), Instance(3)];

        var pages = ExportPager.Paginate(nodes, ExportPager.Encode(nodes).Hash, ExportPager.DefaultPageBytes, out var skipped);

        Assert.Equal(["web-00002"], skipped);
        Assert.Equal(["web-00001", "web-00003"], pages.SelectMany(p => p.Nodes).Select(n => n.Service.Id));
    }

    [Fact]
    public void Pages_ServiceThatFitsOnePage_IsTheEncodedBytesPackedAsBefore()
    {
        var nodes = Enumerable.Range(0, 10).Select(i => Instance(i)).ToList();
        var whole = new ExportedService();
        whole.Nodes.AddRange(nodes);

        var pages = ExportPager.Pages(nodes, ExportPager.Encode(nodes), ExportPager.DefaultPageBytes, out var skipped);

        // Byte for byte what packing the message would send, so a peer (or a hash of it) sees no difference.
        Assert.Equal(Google.Protobuf.WellKnownTypes.Any.Pack(whole).ToByteArray(), Assert.Single(pages).ToByteArray());
        Assert.Empty(skipped);
        Assert.Equal(nodes, pages[0].Unpack<ExportedService>().Nodes);
    }

    [Fact]
    public void Pages_LargeService_AreThePaginatedPages()
    {
        List<CheckServiceNode> nodes =
            [.. Enumerable.Range(0, 300).Select(i => Instance(i, 1000)), Instance(999, ExportPager.MaxMessageBytes + 10)];
        var encoded = ExportPager.Encode(nodes);

        var pages = ExportPager.Pages(nodes, encoded, 32 * 1024, out var skipped);

        var expected = ExportPager.Paginate(nodes, encoded.Hash, 32 * 1024, out _);
        Assert.Equal(expected, pages.Select(p => p.Unpack<ExportedService>()));
        Assert.Equal(["web-00999"], skipped);
    }

    [Fact]
    public void Encode_DifferentInstances_HashDifferently()
    {
        List<CheckServiceNode> one = [Instance(1)];
        List<CheckServiceNode> other = [Instance(2)];

        Assert.NotEqual(ExportPager.Encode(one).Hash, ExportPager.Encode(other).Hash);
        Assert.Equal(ExportPager.Encode(one).Hash, ExportPager.Encode([Instance(1)]).Hash);
    }

    [Fact]
    public void Assembler_PagesInAnyOrder_GiveTheWholeServiceOnceComplete()
    {
        var nodes = Enumerable.Range(0, 300).Select(i => Instance(i, 1000)).ToList();
        var pages = ExportPager.Paginate(nodes, ExportPager.Encode(nodes).Hash, 32 * 1024, out _);
        var assembler = new ExportedServiceAssembler();

        // Every page but the first arrives, then the first.
        foreach (var page in pages.Skip(1))
        {
            Assert.Null(assembler.Add("web", Roundtrip(page)));
        }

        var whole = assembler.Add("web", Roundtrip(pages[0]));

        Assert.NotNull(whole);
        Assert.Equal(nodes, whole);
        Assert.Equal(0, assembler.PendingCount);
    }

    [Fact]
    public void Assembler_NewVersionMidway_DropsTheUnfinishedOne()
    {
        var before = Enumerable.Range(0, 100).Select(i => Instance(i, 1000)).ToList();
        var after = Enumerable.Range(0, 100).Select(i => Instance(i + 1, 1000)).ToList();
        var oldPages = ExportPager.Paginate(before, ExportPager.Encode(before).Hash, 32 * 1024, out _);
        var newPages = ExportPager.Paginate(after, ExportPager.Encode(after).Hash, 32 * 1024, out _);
        var assembler = new ExportedServiceAssembler();

        Assert.Null(assembler.Add("web", oldPages[0]));
        IReadOnlyList<CheckServiceNode>? whole = null;
        foreach (var page in newPages)
        {
            whole = assembler.Add("web", page);
        }

        Assert.Equal(after, whole);
    }

    [Fact]
    public void Assembler_PageOutOfRange_IsRefused()
    {
        var assembler = new ExportedServiceAssembler();

        Assert.Throws<InvalidDataException>(() => assembler.Add("web", new ExportedService { Page = 3, PageCount = 3, Version = "v" }));
    }

    private static ExportedService Roundtrip(ExportedService page) => ExportedService.Parser.ParseFrom(page.ToByteArray());
}
