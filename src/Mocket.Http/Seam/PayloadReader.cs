using System.Collections.Concurrent;
using System.Reflection;

namespace MocketNet.Http.Seam;

/// <summary>Reads properties of HttpClient's (internal) diagnostic payload types, caching the lookups.</summary>
internal static class PayloadReader
{
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo?> s_properties = new();

    public static object? Get(object payload, string name) =>
        s_properties.GetOrAdd((payload.GetType(), name), static key => key.Item1.GetProperty(key.Item2, BindingFlags.Public | BindingFlags.Instance))
            ?.GetValue(payload);
}
