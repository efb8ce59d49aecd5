using System.Reflection;

namespace MocketNet.Tests;

public class LayeringTests
{
    private static readonly string[] s_forbiddenInCore =
    [
        "System.Net.Http", "StackExchange.Redis", "Mocket.Http", "Mocket.Redis", "Mocket.Grpc", "Grpc.Core.Api",
        "nunit.framework", "xunit.core", "xunit.assert", "xunit.abstractions",
        "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework",
        "xunit.v3.core", "xunit.v3.common", "TUnit.Core",
    ];

    [Fact]
    public void Mocket_Core_references_no_protocol_pack_HTTP_RESP_or_test_framework_assembly()
    {
        var referenced = typeof(Mocket).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Empty(referenced.Intersect(s_forbiddenInCore, StringComparer.OrdinalIgnoreCase));
        Assert.Contains("Pipelines.Sockets.Unofficial", referenced);
    }

    [Fact]
    public void Mocket_Cores_public_types_live_in_the_MocketNet_namespaces()
    {
        var types = typeof(Mocket).Assembly.GetExportedTypes();
        Assert.All(types, t => Assert.StartsWith("MocketNet", t.Namespace, StringComparison.Ordinal));
        Assert.Equal("Mocket.Core", typeof(Mocket).Assembly.GetName().Name);
    }

    [Fact]
    public void Every_other_project_in_src_references_Mocket_Core_and_no_sibling_but_the_pack_it_builds_on()
    {
        var src = Path.Combine(FindRepositoryRoot(), "src");
        foreach (var project in Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            if (name is "Mocket.Core" or "Mocket.Redis.Transport")
            {
                // Mocket.Redis.Transport is a part of Mocket.Redis' package (its StackExchange.Redis 3.4 seam) and names no Mocket type.
                continue;
            }

            var text = File.ReadAllText(project);
            Assert.Contains("Mocket.Core.csproj", text, StringComparison.Ordinal);
            var siblings = new[]
            {
                "Mocket.Http.csproj", "Mocket.Redis.csproj", "Mocket.Grpc.csproj", "Mocket.NUnit.csproj", "Mocket.Xunit.csproj", "Mocket.Xunit.V3.csproj",
                "Mocket.MSTest.csproj", "Mocket.TUnit.csproj",
            };

            // gRPC is HTTP/2: Mocket.Grpc's entries are Mocket.Http entries, so it is the one pack built on another.
            var buildsOn = name == "Mocket.Grpc" ? "Mocket.Http.csproj" : null;
            Assert.All(siblings.Where(s => s != name + ".csproj" && s != buildsOn), s => Assert.DoesNotContain(s, text, StringComparison.Ordinal));
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mocket.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Mocket.sln not found above " + AppContext.BaseDirectory);
    }
}
