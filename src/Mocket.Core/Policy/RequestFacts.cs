namespace MocketNet.Policy;

/// <summary>What the pump knows about a request when it asks the policy what to do with it.</summary>
/// <param name="Location">Where the client was going.</param>
/// <param name="HasEntry">An entry at the location handles it.</param>
/// <param name="HasBuiltInAnswer">The connection's protocol answers it itself.</param>
/// <param name="ReplayMissed">It was looked up in the recording and not found.</param>
internal readonly record struct RequestFacts(MocketLocation Location, bool HasEntry, bool HasBuiltInAnswer, bool ReplayMissed = false);
