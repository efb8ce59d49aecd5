using System.Globalization;
using System.Text.Json;

namespace MocketNet.Http.Json;

/// <summary>JSON for bodies: System.Text.Json's web defaults, and equality by meaning (property order, white space and number spelling do not matter).</summary>
internal static class JsonBodies
{
    /// <summary>camelCase names, case-insensitive reading, numbers from strings: what ASP.NET Core and HttpClient's JSON helpers use.</summary>
    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize<T>(T value, JsonSerializerOptions? options) => JsonSerializer.SerializeToUtf8Bytes(value, options ?? Web);

    /// <summary>
    /// Whether <paramref name="body"/> is JSON meaning the same as <paramref name="expected"/>: objects with the same
    /// names and equal values in any order, arrays equal item by item, numbers equal in value (1.0 is 1). A body that is
    /// not JSON equals nothing.
    /// </summary>
    public static bool SameJson(ReadOnlyMemory<byte> body, byte[] expected)
    {
        if (body.IsEmpty)
        {
            return false;
        }

        try
        {
            using var actual = JsonDocument.Parse(body);
            using var wanted = JsonDocument.Parse(expected);
            return Equal(actual.RootElement, wanted.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Equal(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var names = 0;
                foreach (var property in a.EnumerateObject())
                {
                    names++;
                    if (!b.TryGetProperty(property.Name, out var other) || !Equal(property.Value, other))
                    {
                        return false;
                    }
                }

                return names == b.EnumerateObject().Count();
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return false;
                }

                using (var left = a.EnumerateArray())
                using (var right = b.EnumerateArray())
                {
                    while (left.MoveNext() && right.MoveNext())
                    {
                        if (!Equal(left.Current, right.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.Number:
                return a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y)
                    ? x == y
                    : double.Parse(a.GetRawText(), CultureInfo.InvariantCulture).Equals(double.Parse(b.GetRawText(), CultureInfo.InvariantCulture));
            case JsonValueKind.String:
                return a.ValueEquals(b.GetString());
            default:
                return true; // true, false, null: the kind is the value
        }
    }
}
