using System.Buffers;
using System.Globalization;
using System.Text;
using CsCheck;
using MocketNet.Redis.Codec;
using MocketNet.Tests.Shared;

namespace MocketNet.Redis.Tests.Codec;

/// <summary>Properties of the RESP readers, over generated values and commands and random bytes (CsCheck).</summary>
public class RespProperties
{
    private static readonly Gen<string> s_line = Gen.String[Gen.Char["abcXYZ 019:_-."], 0, 12];

    /// <summary>A RESP2/RESP3 value's wire form, nested up to three levels.</summary>
    private static readonly Gen<string> s_value = Value(3);

    private static Gen<string> Value(int depth)
    {
        var scalar = Gen.OneOf(
            s_line.Select(s => $"+{s}\r\n"),
            s_line.Select(s => $"-ERR {s}\r\n"),
            Gen.Long.Select(n => $":{n.ToString(CultureInfo.InvariantCulture)}\r\n"),
            Gen.String[Gen.Char["ab\r\n\0\u00e9 "], 0, 20].Select(s => $"${Encoding.UTF8.GetByteCount(s)}\r\n{s}\r\n"),
            Gen.Const("$-1\r\n"),
            Gen.Const("_\r\n"),
            Gen.Bool.Select(b => b ? "#t\r\n" : "#f\r\n"),
            Gen.Double.Where(double.IsFinite).Select(d => $",{d.ToString("R", CultureInfo.InvariantCulture)}\r\n"),
            Gen.String[Gen.Char["0123456789"], 1, 40].Select(s => $"({s}\r\n"),
            s_line.Select(s => $"!{s.Length}\r\n{s}\r\n"),
            s_line.Select(s => $"={s.Length + 4}\r\ntxt:{s}\r\n"));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = Value(depth - 1);
        return Gen.Frequency(
            (4, scalar),
            (1, Gen.Select(Gen.OneOf('*', '~', '>'), inner.Array[0, 4], (p, items) => $"{p}{items.Length}\r\n{string.Concat(items)}")),
            (1, inner.Array[0, 3].Select(items => $"%{items.Length / 2}\r\n{string.Concat(items.Take(items.Length / 2 * 2))}")),
            (1, Gen.Const("*-1\r\n")));
    }

    [Fact]
    public void A_value_reads_the_same_whole_split_at_any_points_and_writes_back_byte_for_byte()
    {
        Gen.Select(s_value, Gen.Int[0, 10_000].Array[0, 4]).Sample((wire, cuts) =>
        {
            var bytes = Encoding.UTF8.GetBytes(wire);
            var value = Assert.Single(Resp.Decode(bytes));
            Assert.Equal(wire, Encoding.UTF8.GetString(RespValueWriter.ToArray([value])));

            var split = Segments.Split(bytes, [.. cuts.Select(c => c % (bytes.Length + 1))]);
            Assert.True(Resp.TryDecode(ref split, out var fromSegments));
            Assert.True(split.IsEmpty);
            Assert.Equal(value.ToString(), fromSegments.ToString());

            var reader = new RespValueReader();
            foreach (var end in cuts.Select(c => c % bytes.Length).Order())
            {
                var partial = new ReadOnlySequence<byte>(bytes, 0, end);
                Assert.False(reader.TryRead(ref partial, out _));
                Assert.Equal(end, partial.Length);
            }

            var whole = new ReadOnlySequence<byte>(bytes);
            Assert.True(reader.TryRead(ref whole, out var incremental));
            Assert.Equal(value.ToString(), incremental.ToString());
        }, iter: 3_000);
    }

    [Fact]
    public void A_command_reads_the_same_whole_and_arriving_in_any_pieces()
    {
        var arguments = Gen.Byte.Array[0, 40].Array[0, 6];
        Gen.Select(Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABC"], 1, 10], arguments, Gen.Int[0, 10_000].Array[0, 4]).Sample((verb, args, cuts) =>
        {
            var bytes = Encoding.ASCII.GetBytes($"*{args.Length + 1}\r\n${verb.Length}\r\n{verb}\r\n")
                .Concat(args.SelectMany(a => Encoding.ASCII.GetBytes($"${a.Length}\r\n").Concat(a).Concat("\r\n"u8.ToArray()))).ToArray();
            var reader = new RedisCommandReader(new MocketLocation("localhost", 6379));
            foreach (var end in cuts.Select(c => c % bytes.Length).Order())
            {
                var partial = Segments.Split(bytes[..end], end / 2);
                Assert.False(reader.TryRead(ref partial, out _));
                Assert.Equal(end, partial.Length);
            }

            var whole = Segments.Split(bytes, [.. cuts.Select(c => c % (bytes.Length + 1))]);
            Assert.True(reader.TryRead(ref whole, out var request));
            Assert.True(whole.IsEmpty);
            Assert.Equal(verb.ToUpperInvariant(), request.Command);
            Assert.Equal(args, request.Arguments);
            Assert.Equal(bytes, request.Data.ToArray());
        }, iter: 3_000);
    }

    [Fact]
    public void Random_bytes_give_only_the_typed_rejection_and_every_read_ends()
    {
        Gen.Select(Gen.Byte.Array[0, 300], Gen.OneOf("", "*3\r\n$3\r\nSET\r\n", "%2\r\n+a\r\n", "$5\r\nab")).Sample((random, start) =>
        {
            var bytes = Encoding.ASCII.GetBytes(start).Concat(random).ToArray();
            AssertOnlyTypedRejections(() =>
            {
                var buffer = new ReadOnlySequence<byte>(bytes);
                while (!buffer.IsEmpty && Resp.TryDecode(ref buffer, out _))
                {
                }
            });
            AssertOnlyTypedRejections(() =>
            {
                var buffer = new ReadOnlySequence<byte>(bytes);
                var reader = new RedisCommandReader(new MocketLocation("localhost", 6379));
                while (!buffer.IsEmpty && reader.TryRead(ref buffer, out _))
                {
                }
            });
        }, iter: 20_000);
    }

    private static void AssertOnlyTypedRejections(Action read)
    {
        try
        {
            read();
        }
        catch (RespFormatException error)
        {
            Assert.True(Enum.IsDefined(error.Reason));
        }
    }
}
