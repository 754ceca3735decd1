using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Parley.Proxy.Forwarding.Http1;

/// <content>The head's fields as the read-only string map Core's matchers take.</content>
internal sealed partial class Http1Head
{
    // Case-insensitive lookups, repeated fields joined with a comma (as Envoy's matchers and Kestrel's dictionary see them).
    private sealed class HeaderMap(Http1Head head) : IReadOnlyDictionary<string, string>
    {
        public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => this.Select(p => p.Key);

        public IEnumerable<string> Values => this.Select(p => p.Value);

        public int Count => Keys.Count();

        public bool ContainsKey(string key) => head.Get(key) is not null;

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
        {
            value = head.Get(key);
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in head._fields)
            {
                var name = System.Text.Encoding.Latin1.GetString(head.Name(field));
                if (seen.Add(name))
                {
                    yield return new KeyValuePair<string, string>(name, head.Get(name)!);
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
