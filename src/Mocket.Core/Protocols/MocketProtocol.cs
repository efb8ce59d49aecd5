namespace MocketNet.Protocols;

/// <summary>
/// A wire protocol Mocket can serve. Core knows none: the raw protocol is built in and packs (HTTP, Redis)
/// add theirs by deriving <see cref="MocketProtocol{TRequest, TResponse}"/>. A connection's protocol is the
/// one its seam names, else that of the first entry registered at its location when it opened, else raw.
/// </summary>
public abstract class MocketProtocol
{
    /// <summary>Only <see cref="MocketProtocol{TRequest, TResponse}"/> derives from this class.</summary>
    private protected MocketProtocol()
    {
    }

    /// <summary>A short name for reports, such as <c>raw</c>, <c>http</c> or <c>resp</c>.</summary>
    public abstract string Name { get; }

    /// <summary>How exchanges of this protocol are stored in a recording (canonical form, redaction, matching); verbatim by default.</summary>
    public virtual MocketRecordingRules RecordingRules => MocketRecordingRules.Verbatim;

    /// <summary>The protocol's name.</summary>
    public override string ToString() => Name;

    internal abstract MocketProtocolSession Open(MocketConnectionInfo connection);
}
