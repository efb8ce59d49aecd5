using System.Globalization;

namespace MocketNet;

/// <summary>One use of the real network that a scope saw. Strict scopes fail when they close with any.</summary>
public sealed class MocketViolation
{
    internal MocketViolation(MocketViolationKind kind, string address, string? sentData, string message, int attempts = 1)
    {
        Kind = kind;
        Address = address;
        SentData = sentData;
        Message = message;
        Attempts = attempts;
    }

    /// <summary>What was attempted.</summary>
    public MocketViolationKind Kind { get; }

    /// <summary>The attempted address: <c>host:port</c>, or the host name of a DNS lookup.</summary>
    public string Address { get; }

    /// <summary>The first line of the data sent (at most 200 characters), if any was sent.</summary>
    public string? SentData { get; }

    /// <summary>The full explanation, as a <see cref="StrictMocketException"/> would show it.</summary>
    public string Message { get; }

    /// <summary>How many times the network guard saw this (a client that retries its connection is reported once, counted).</summary>
    public int Attempts { get; }

    /// <summary>One line: the kind and the address.</summary>
    public override string ToString() => Kind switch
    {
        MocketViolationKind.UnmatchedRequest => string.Create(CultureInfo.InvariantCulture, $"unmatched request to {Address}: {SentData}"),
        MocketViolationKind.UnregisteredLocation => $"connection to unregistered location {Address}",
        MocketViolationKind.Connection => $"real connection attempt to {Address} (seen by the network guard)",
        _ => $"real DNS lookup of {Address} (seen by the network guard)",
    };
}
