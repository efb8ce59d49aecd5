namespace MocketNet.Redis.Recording;

/// <summary>One command of a recorded request: the verb upper-cased and its arguments, binary-safe.</summary>
internal sealed record RecordedCommand(string Verb, byte[][] Arguments)
{
    /// <summary>Whether argument <paramref name="index"/> exists and equals <paramref name="text"/>, ignoring ASCII case.</summary>
    public bool ArgumentIs(int index, string text) =>
        index < Arguments.Length && System.Text.Ascii.EqualsIgnoreCase(Arguments[index], text);
}
