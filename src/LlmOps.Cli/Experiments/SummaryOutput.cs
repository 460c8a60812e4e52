using System.Text;
using LlmOps.Sdk.Experiments;

namespace LlmOps.Cli.Experiments;

/// <summary>Writes an experiment summary on stdout or to files, as Markdown or JSON.</summary>
internal static class SummaryOutput
{
    /// <summary>Writes the summary on stdout: JSON when asked, otherwise the Markdown a pull-request comment takes.</summary>
    public static async Task WriteAsync(CliHost host, ExperimentSummary summary, bool json, CancellationToken cancellationToken)
    {
        if (json)
        {
            await host.Output.WriteLineAsync(await ToJsonAsync(summary, cancellationToken));
            return;
        }

        await ExperimentReports.WriteMarkdownAsync(summary, host.Output, cancellationToken: cancellationToken);
    }

    public static async Task<string> ToJsonAsync(ExperimentSummary summary, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await ExperimentReports.WriteJsonAsync(summary, buffer, cancellationToken);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, creating its folder, and says so on stderr.</summary>
    public static async Task WriteFileAsync(CliHost host, string path, string what, string text, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!); // a full path has a folder
        await File.WriteAllTextAsync(fullPath, text, cancellationToken);
        await host.Error.WriteLineAsync($"{what}: {fullPath}");
    }
}
