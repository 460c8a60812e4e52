namespace LlmOps.Cli;

/// <summary>The entry point of the <c>llmops</c> tool.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => LlmOpsCommand.InvokeAsync(args, CliHost.FromConsole());
}
