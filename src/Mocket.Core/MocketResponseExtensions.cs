namespace MocketNet;

/// <summary>Faults for every protocol's responses.</summary>
public static class MocketResponseExtensions
{
    /// <summary>
    /// A copy of <paramref name="response"/> whose bytes meet <paramref name="fault"/> on their way to the client
    /// (<c>HttpMockResponse.Json(user).WithFault(MocketFault.Reset())</c>, <c>RedisMockResponse.Value("bar").WithFault(MocketFault.Stall())</c>).
    /// The response itself is unchanged; the copy shares its body and headers.
    /// </summary>
    /// <typeparam name="TResponse">The protocol's response type.</typeparam>
    /// <param name="response">The reply.</param>
    /// <param name="fault">What happens to its bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="response"/> is an exception response (it has no bytes).</exception>
    public static TResponse WithFault<TResponse>(this TResponse response, MocketFault fault)
        where TResponse : MocketResponse
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(fault);
        return (TResponse)response.CopyWithFault(fault);
    }
}
