using System.Runtime.CompilerServices;
using MocketNet.Http.Seam;

namespace MocketNet.Http.Seam;

/// <summary>Installs the global HttpClient seam as soon as Mocket.Http is loaded, so it is in place before the code under test's first request.</summary>
internal static class SeamInitializer
{
#pragma warning disable CA2255 // Installing the seam at load time is the point: tests should not have to remember a call.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => HttpClientSeam.Install();
}
