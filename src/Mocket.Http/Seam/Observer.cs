namespace MocketNet.Http.Seam;

/// <summary>An observer that hands each value to a callback and ignores completion and errors.</summary>
internal sealed class Observer<T>(Action<T> onNext) : IObserver<T>
{
    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void OnNext(T value) => onNext(value);
}
