using System.Reflection;

namespace MocketNet.Testing;

/// <summary>Finds the attribute that applies to a test, for adapters: the method's, else its class's, else its assembly's.</summary>
public static class MocketizeLookup
{
    /// <summary>The most specific <typeparamref name="TAttribute"/> for a test method, or <paramref name="fallback"/> when none is found.</summary>
    /// <typeparam name="TAttribute">The adapter's attribute type.</typeparam>
    /// <param name="method">The test method.</param>
    /// <param name="testClass">The class the test runs in (it may inherit the method), or null for the method's own.</param>
    /// <param name="fallback">The attribute the framework called (used when reflection finds none).</param>
    public static TAttribute MostSpecific<TAttribute>(MethodInfo? method, Type? testClass, TAttribute fallback)
        where TAttribute : Attribute
    {
        var type = testClass ?? method?.ReflectedType;
        return method?.GetCustomAttribute<TAttribute>(inherit: true)
            ?? type?.GetCustomAttribute<TAttribute>(inherit: true)
            ?? type?.Assembly.GetCustomAttribute<TAttribute>()
            ?? fallback;
    }
}
