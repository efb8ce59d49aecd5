using System.Reflection;

namespace MocketNet.Testing;

/// <summary>Finds the <c>[Mocketize]</c> settings that apply to a test, for adapters.</summary>
public static class MocketizeLookup
{
    /// <summary>
    /// The settings of a test: its assembly's, class's and method's <c>[Mocketize]</c>-style attributes merged in
    /// that order, each level's explicit settings winning (a method's <c>[Mocketize]</c> under an assembly-level
    /// <c>[Mocketize(Strict = true)]</c> stays strict unless it says <c>Strict = false</c>).
    /// </summary>
    /// <param name="method">The test method.</param>
    /// <param name="testClass">The class the test runs in (it may inherit the method), or null for the method's own.</param>
    /// <param name="fallback">The attribute the framework called (used when reflection finds none).</param>
    public static MocketizeSettings Effective(MethodInfo? method, Type? testClass, IMocketizeLevel fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        var type = testClass ?? method?.ReflectedType;
        IEnumerable<IMocketizeLevel> levels =
        [
            .. type?.Assembly.GetCustomAttributes().OfType<IMocketizeLevel>() ?? [],
            .. type?.GetCustomAttributes(inherit: true).OfType<IMocketizeLevel>() ?? [],
            .. method?.GetCustomAttributes(inherit: true).OfType<IMocketizeLevel>() ?? [],
        ];
        var found = levels.Select(a => a.Settings).ToList();
        return MocketizeSettings.Merge(found.Count == 0 ? [fallback.Settings] : found);
    }
}
