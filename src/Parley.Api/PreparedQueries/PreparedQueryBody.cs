using Parley.Core.PreparedQueries;

namespace Parley.Api.PreparedQueries;

/// <summary>
/// The body of <c>POST /v1/query</c> and <c>PUT /v1/query/:id</c> as Consul's agent decodes it: field names in any case,
/// every field optional (null lists and maps mean none).
/// </summary>
internal sealed record PreparedQueryBody(
    string? ID, string? Name, string? Session, string? Token, TemplateBody? Template, ServiceBody? Service, DnsBody? DNS)
{
    /// <summary>The query this body describes, with <paramref name="id"/> as its ID.</summary>
    public PreparedQuery ToQuery(string id) => new()
    {
        ID = id,
        Name = Name ?? "",
        Session = Session ?? "",
        Token = Token ?? "",
        Template = new QueryTemplate
        {
            Type = Template?.Type ?? "",
            Regexp = Template?.Regexp ?? "",
            RemoveEmptyTags = Template?.RemoveEmptyTags ?? false,
        },
        Service = Service?.ToQuery() ?? new ServiceQuery(),
        DNS = new QueryDns { TTL = DNS?.TTL ?? "" },
    };
}

/// <summary>A body's <c>Template</c>.</summary>
internal sealed record TemplateBody(string? Type, string? Regexp, bool? RemoveEmptyTags);

/// <summary>A body's <c>DNS</c>.</summary>
internal sealed record DnsBody(string? TTL);

/// <summary>A body's <c>Service</c>.</summary>
internal sealed record ServiceBody(
    string? Service, FailoverBody? Failover, bool? OnlyPassing, List<string>? IgnoreCheckIDs, string? Near, List<string>? Tags,
    Dictionary<string, string>? NodeMeta, Dictionary<string, string>? ServiceMeta, string? Peer, bool? Connect)
{
    public ServiceQuery ToQuery() => new()
    {
        Service = Service ?? "",
        Failover = new QueryFailover
        {
            NearestN = Failover?.NearestN ?? 0,
            Datacenters = Failover?.Datacenters ?? [],
            Targets = [.. (Failover?.Targets ?? []).Select(t => new QueryFailoverTarget
            {
                Peer = t.Peer ?? "",
                Datacenter = t.Datacenter ?? "",
            })],
        },
        OnlyPassing = OnlyPassing ?? false,
        IgnoreCheckIDs = IgnoreCheckIDs ?? [],
        Near = Near ?? "",
        Tags = Tags ?? [],
        NodeMeta = NodeMeta ?? [],
        ServiceMeta = ServiceMeta ?? [],
        Peer = Peer ?? "",
        Connect = Connect ?? false,
    };
}

/// <summary>A body's <c>Service.Failover</c>.</summary>
internal sealed record FailoverBody(int? NearestN, List<string>? Datacenters, List<TargetBody>? Targets);

/// <summary>One of a body's failover targets.</summary>
internal sealed record TargetBody(string? Peer, string? Datacenter);
