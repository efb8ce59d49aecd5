using System.Text;

namespace MocketNet;

/// <summary>
/// One request a client sent to a mocked location. Raw connections produce this type (one client
/// write is one request); protocol packs derive typed requests from it.
/// </summary>
public class MocketRequest
{
    private const int MaxFirstLineLength = 200;

    /// <summary>Creates a request.</summary>
    /// <param name="host">The host the client asked for (never a loopback address of a seam).</param>
    /// <param name="port">The port the client asked for.</param>
    /// <param name="data">The exact bytes of this request.</param>
    public MocketRequest(string host, int port, ReadOnlyMemory<byte> data)
        : this(new MocketLocation(host, port), data)
    {
    }

    /// <summary>Creates a request for a location already validated (a session's connection location).</summary>
    /// <param name="location">The location the client asked for.</param>
    /// <param name="data">The exact bytes of this request.</param>
    public MocketRequest(MocketLocation location, ReadOnlyMemory<byte> data)
    {
        Location = location;
        Data = data;
    }

    /// <summary>The host the client asked for, lower-cased.</summary>
    public string Host => Location.Host;

    /// <summary>The port the client asked for.</summary>
    public int Port => Location.Port;

    /// <summary>The exact bytes of this request.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary><see cref="Host"/> and <see cref="Port"/> together.</summary>
    public MocketLocation Location { get; }

    /// <summary>The first line of <see cref="Data"/> as text, at most 200 characters (used in reports).</summary>
    public virtual string FirstLine => FirstLineOf(Data.Span);

    /// <summary>The request as a report shows it.</summary>
    public override string ToString() =>
        $"MocketRequest(location={Location.ToTupleString()}, bytes={Data.Length}, data=\"{FirstLine}\")";

    /// <summary>The first line of some bytes as printable text, at most 200 characters.</summary>
    internal static string FirstLineOf(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOfAny((byte)'\r', (byte)'\n');
        var line = end < 0 ? data : data[..end];
        if (line.Length > MaxFirstLineLength * 4)
        {
            line = line[..(MaxFirstLineLength * 4)];
        }

        var text = Encoding.UTF8.GetString(line);
        var builder = new StringBuilder(Math.Min(text.Length, MaxFirstLineLength));
        foreach (var c in text)
        {
            if (builder.Length >= MaxFirstLineLength)
            {
                break;
            }

            builder.Append(char.IsControl(c) ? '.' : c);
        }

        return builder.ToString();
    }
}
