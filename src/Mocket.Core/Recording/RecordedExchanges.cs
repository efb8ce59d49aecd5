namespace MocketNet.Recording;

/// <summary>Recorded exchanges by location and signature (not thread-safe; its owner locks).</summary>
internal sealed class RecordedExchanges
{
    private static readonly Dictionary<string, RecordedExchange> s_noSignatures = [];
    private readonly Dictionary<MocketLocation, Dictionary<string, RecordedExchange>> _byLocation = [];

    public int Count => _byLocation.Values.Sum(s => s.Count);

    public IEnumerable<MocketLocation> Locations => _byLocation.Keys;

    public IReadOnlyDictionary<string, RecordedExchange> At(MocketLocation location) =>
        _byLocation.TryGetValue(location, out var bySignature) ? bySignature : s_noSignatures;

    public void Set(MocketLocation location, string signature, RecordedExchange exchange)
    {
        if (!_byLocation.TryGetValue(location, out var bySignature))
        {
            _byLocation[location] = bySignature = new Dictionary<string, RecordedExchange>(StringComparer.Ordinal);
        }

        bySignature[signature] = exchange;
    }

    public void Clear() => _byLocation.Clear();

    public void Remove(MocketLocation location, string signature)
    {
        if (_byLocation.TryGetValue(location, out var bySignature) && bySignature.Remove(signature) && bySignature.Count == 0)
        {
            _byLocation.Remove(location);
        }
    }
}
