using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Tests.Packaging;

/// <summary>
/// Installs the packed <c>llmops</c> tool as a user would (<c>dotnet tool install --add-source</c>) from the folder named
/// by <c>LLMOPS_PACKAGES</c>, and runs it.
/// </summary>
public sealed partial class ToolPackageTests
{
    private const string FolderVariable = "LLMOPS_PACKAGES";

    [SkippableFact]
    public async Task Install_PackedTool_RunsHelpWithExitCode0()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        if (string.IsNullOrEmpty(folder))
        {
            // CI must never pass by skipping: .ci/run packs first and sets the variable.
            var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            Assert.False(inCi, $"{FolderVariable} is not set under CI=true. Run .ci/run, which packs the packages and sets it.");
            Skip.If(true, $"{FolderVariable} is not set: run 'dotnet pack -o <folder>' and set {FolderVariable}=<folder> to install the tool.");
        }

        var package = Directory.EnumerateFiles(folder!).Select(Path.GetFileName).Select(static name => ToolPackage().Match(name!))
            .SingleOrDefault(static match => match.Success)
            ?? throw new InvalidOperationException($"No LlmOps.Cli.*.nupkg in {folder}. Pack the solution into that folder.");
        var toolPath = Directory.CreateTempSubdirectory("llmops-tool-").FullName;
        try
        {
            var install = await RunAsync("dotnet", "tool", "install", "LlmOps.Cli", "--tool-path", toolPath, "--add-source", folder!,
                "--version", package.Groups["version"].Value);
            Assert.True(install.ExitCode == 0, $"dotnet tool install failed ({install.ExitCode}):\n{install.Output}");

            var help = await RunAsync(Path.Combine(toolPath, "llmops"), "--help");

            Assert.True(help.ExitCode == 0, $"llmops --help exited {help.ExitCode}:\n{help.Output}");
            Assert.Contains("llmops experiment run", help.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(toolPath, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"^LlmOps\.Cli\.(?<version>[0-9][^/]*)\.nupkg$")]
    private static partial Regex ToolPackage();
}
