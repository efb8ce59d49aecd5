using System.Text.Json;
using MocketNet.Tests.Support;

namespace MocketNet.Redis.Tests.Recording;

/// <summary>Options and file readers shared by the record/replay tests.</summary>
internal static class Recordings
{
    public static MocketOptions Options(TempDirectory directory, MocketRecordMode mode = MocketRecordMode.Once, params string[] redacted)
    {
        var options = new MocketOptions { RecordingDirectory = directory.Path, Namespace = "redis", RecordMode = mode };
        foreach (var field in redacted)
        {
            options.RedactedFields.Add(field);
        }

        return options;
    }

    public static string File(TempDirectory directory) => directory.File("redis.json");

    /// <summary>Every recorded exchange in the file: its request text and its response_text.</summary>
    public static List<(string Request, string? Text)> Exchanges(TempDirectory directory)
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(File(directory)));
        return [.. json.RootElement.EnumerateObject()
            .SelectMany(host => host.Value.EnumerateObject())
            .SelectMany(port => port.Value.EnumerateObject())
            .Select(record => (
                record.Value.GetProperty("request").GetString()!,
                record.Value.TryGetProperty("response_text", out var text) ? text.GetString() : null))];
    }
}
