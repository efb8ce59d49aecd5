namespace MocketNet.Scopes;

/// <summary>Every request a scope received (built-in protocol traffic excluded), oldest first, and the problems met serving them.</summary>
internal sealed class RequestLog(Lock sync)
{
    private readonly Lock _sync = sync;
    private readonly List<MocketRequest> _requests = [];
    private List<Exception>? _errors; // made on the first error: most scopes meet none

    public IReadOnlyList<MocketRequest> Requests
    {
        get
        {
            lock (_sync)
            {
                return [.. _requests];
            }
        }
    }

    public MocketRequest? Last
    {
        get
        {
            lock (_sync)
            {
                return _requests.Count == 0 ? null : _requests[^1];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _requests.Count;
            }
        }
    }

    public IReadOnlyList<Exception> Errors
    {
        get
        {
            lock (_sync)
            {
                return _errors is null ? [] : [.. _errors];
            }
        }
    }

    public void Add(MocketRequest request)
    {
        lock (_sync)
        {
            _requests.Add(request);
        }
    }

    public void RemoveLast()
    {
        lock (_sync)
        {
            if (_requests.Count > 0)
            {
                _requests.RemoveAt(_requests.Count - 1);
            }
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _requests.Clear();
        }
    }

    public void AddError(Exception error)
    {
        lock (_sync)
        {
            (_errors ??= []).Add(error);
        }
    }
}
