using System.Security.Authentication;
using MocketNet.Http.Tests.Support;
using MocketNet.Tests.Support;

namespace MocketNet.Http.Tests.Recording;

/// <summary>HTTPS origins: pass-through does real TLS with normal validation, plus roots a scope trusts explicitly.</summary>
public class HttpsRecordingTests
{
    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task An_https_origin_with_its_own_certificate_is_recorded_when_the_scope_trusts_its_root_and_replays_offline(ClientKind kind)
    {
        using var directory = new TempDirectory();
        using var certificates = TestCertificates.Create();
        var (url, recorded) = await Recordings.RecordFromOriginAsync(directory, "/json", u => HttpRecordReplayTests.SendAsync(kind, u), certificates);
        Assert.Equal("https", url.Scheme);

        var replayed = await Recordings.ReplayOfflineAsync(directory, () => HttpRecordReplayTests.SendAsync(kind, url));

        Assert.Equal(Origin.Json, recorded.Body);
        Assert.Equal(recorded, replayed);
    }

    [Fact]
    public async Task A_self_signed_origin_certificate_can_be_trusted_as_its_own_root()
    {
        using var directory = new TempDirectory();
        using var certificates = TestCertificates.CreateSelfSigned();

        var (url, recorded) = await Recordings.RecordFromOriginAsync(directory, "/json", u => HttpRecordReplayTests.SendAsync(ClientKind.Global, u), certificates);

        Assert.Equal(Origin.Json, recorded.Body);
        Assert.Equal(recorded, await Recordings.ReplayOfflineAsync(directory, () => HttpRecordReplayTests.SendAsync(ClientKind.Global, url)));
    }

    [Fact]
    public async Task A_trusted_root_does_not_excuse_a_name_mismatch()
    {
        using var certificates = TestCertificates.Create(namesLoopback: false);
        await using var origin = await Origin.StartAsync(certificates);

        using var scope = Mocket.Enable();
        MockHttp.TrustUpstreamRoot(certificates.Root);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => HttpRecordReplayTests.SendAsync(ClientKind.Explicit, new Uri(origin.Address, "/json")));
        Assert.NotNull(Clients.FindInChain<AuthenticationException>(Assert.Single(scope.Errors)));
    }

    [Fact]
    public async Task Without_trusting_the_root_the_pass_through_refuses_the_origins_certificate()
    {
        using var directory = new TempDirectory();
        using var certificates = TestCertificates.Create();
        await using var origin = await Origin.StartAsync(certificates);

        using (var scope = Mocket.Enable(Recordings.Options(directory)))
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => HttpRecordReplayTests.SendAsync(ClientKind.Explicit, new Uri(origin.Address, "/json")));

            var error = Assert.Single(scope.Errors);
            Assert.NotNull(Clients.FindInChain<AuthenticationException>(error));
        }

        Assert.Equal(0, origin.Requests);
        Assert.False(File.Exists(Recordings.File(directory)));
    }

    [Fact]
    public async Task A_root_trusted_by_one_scope_is_not_trusted_by_another()
    {
        using var certificates = TestCertificates.Create();
        await using var origin = await Origin.StartAsync(certificates);
        var url = new Uri(origin.Address, "/json");

        using (Mocket.Enable())
        {
            MockHttp.TrustUpstreamRoot(certificates.Root);
            Assert.Equal(Origin.Json, (await HttpRecordReplayTests.SendAsync(ClientKind.Explicit, url)).Body);
        }

        using var other = Mocket.Enable();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => HttpRecordReplayTests.SendAsync(ClientKind.Explicit, url));
        Assert.NotNull(Clients.FindInChain<AuthenticationException>(Assert.Single(other.Errors)));
    }
}
