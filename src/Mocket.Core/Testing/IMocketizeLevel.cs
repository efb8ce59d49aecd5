namespace MocketNet.Testing;

/// <summary>One level of a test's <c>[Mocketize]</c> settings (an adapter's attribute on the assembly, a class or a method), so the levels merge.</summary>
public interface IMocketizeLevel
{
    /// <summary>The level's options, with which of them were set explicitly.</summary>
    MocketizeSettings Settings { get; }
}
