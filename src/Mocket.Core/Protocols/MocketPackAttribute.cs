namespace MocketNet.Protocols;

/// <summary>
/// Marks an assembly as a Mocket protocol pack whose seams must be in place whenever a scope is open, whether or not a
/// test names one of its types: when the first scope opens, Core loads every <c>Mocket.*</c> assembly beside the test
/// and runs the static constructor of each pack's <see cref="Initializer"/> (which installs the pack's seams).
/// </summary>
/// <param name="initializer">A type of the pack whose static constructor installs its seams.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class MocketPackAttribute(Type initializer) : Attribute
{
    /// <summary>The type whose static constructor installs the pack's seams.</summary>
    public Type Initializer { get; } = initializer ?? throw new ArgumentNullException(nameof(initializer));
}
