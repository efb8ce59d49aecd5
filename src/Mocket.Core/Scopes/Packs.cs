using System.Reflection;
using System.Runtime.CompilerServices;
using MocketNet.Protocols;

namespace MocketNet.Scopes;

/// <summary>
/// Puts every referenced pack's seams in place before the first scope opens: a test project that references
/// Mocket.Http but never names one of its types would otherwise get no HTTP seam (the assembly is loaded only
/// when a type of it is used), and whether it had one would depend on which test ran first.
/// </summary>
internal static class Packs
{
    private static int s_installed;

    /// <summary>Loads the <c>Mocket.*</c> assemblies beside the application (package and project references alike land there) and installs each pack once per process.</summary>
    public static void EnsureInstalled()
    {
        if (Interlocked.Exchange(ref s_installed, 1) != 0)
        {
            return;
        }

        var assemblies = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name?.StartsWith("Mocket.", StringComparison.Ordinal) == true).ToList();
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Mocket.*.dll"))
        {
            if (TryLoad(file) is { } assembly && !assemblies.Contains(assembly))
            {
                assemblies.Add(assembly);
            }
        }

        foreach (var pack in assemblies.SelectMany(PacksIn))
        {
            RuntimeHelpers.RunClassConstructor(pack.Initializer.TypeHandle);
        }
    }

    private static IEnumerable<MocketPackAttribute> PacksIn(Assembly assembly)
    {
        try
        {
            return assembly.GetCustomAttributes<MocketPackAttribute>();
        }
        catch (Exception ex) when (ex is TypeLoadException or FileNotFoundException or FileLoadException)
        {
            return []; // its attributes need an assembly this application does not have: it is no pack of it
        }
    }

    private static Assembly? TryLoad(string file)
    {
        try
        {
            return Assembly.Load(AssemblyName.GetAssemblyName(file));
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            return null; // not a .NET assembly of this application (a native file, another runtime's build): not a pack
        }
    }
}
