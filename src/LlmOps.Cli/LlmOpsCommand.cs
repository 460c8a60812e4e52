using System.CommandLine;

namespace LlmOps.Cli;

/// <summary>Builds the <c>llmops</c> command tree and runs it.</summary>
/// <remarks>Exit codes: 0 ok, 1 a failed gate or check, 2 bad input.</remarks>
internal static class LlmOpsCommand
{
    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = Create();
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Creates the root command with every verb under it.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("llmops: experiments, reports and the shared prompt registry for LlmOps.Sdk.");
        return root;
    }
}
