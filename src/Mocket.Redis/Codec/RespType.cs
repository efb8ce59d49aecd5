namespace MocketNet.Redis.Codec;

/// <summary>The RESP2 and RESP3 value types, named by their prefix byte.</summary>
#pragma warning disable CA1720 // The members carry the RESP specification's type names.
public enum RespType
{
    /// <summary><c>+</c> a simple (status) string, such as <c>+OK</c>.</summary>
    SimpleString = '+',

    /// <summary><c>-</c> a simple error, such as <c>-ERR unknown command</c>.</summary>
    SimpleError = '-',

    /// <summary><c>:</c> a signed 64-bit integer.</summary>
    Integer = ':',

    /// <summary><c>$</c> a binary-safe bulk string; <c>$-1</c> is RESP2's null.</summary>
    BulkString = '$',

    /// <summary><c>*</c> an array; <c>*-1</c> is RESP2's null array.</summary>
    Array = '*',

    /// <summary><c>_</c> RESP3's null.</summary>
    Null = '_',

    /// <summary><c>#</c> RESP3's boolean (<c>#t</c> or <c>#f</c>).</summary>
    Boolean = '#',

    /// <summary><c>,</c> RESP3's double (also <c>inf</c>, <c>-inf</c>, <c>nan</c>).</summary>
    Double = ',',

    /// <summary><c>(</c> RESP3's big number.</summary>
    BigNumber = '(',

    /// <summary><c>!</c> RESP3's binary-safe bulk error.</summary>
    BulkError = '!',

    /// <summary><c>=</c> RESP3's verbatim string: a three-letter format, a colon, then the text.</summary>
    VerbatimString = '=',

    /// <summary><c>%</c> RESP3's map: key, value pairs.</summary>
    Map = '%',

    /// <summary><c>~</c> RESP3's set.</summary>
    Set = '~',

    /// <summary><c>&gt;</c> RESP3's out-of-band push (pub/sub messages, invalidations).</summary>
    Push = '>',

    /// <summary><c>|</c> RESP3's attribute: key, value pairs that annotate the value that follows.</summary>
    Attribute = '|',
}
#pragma warning restore CA1720
