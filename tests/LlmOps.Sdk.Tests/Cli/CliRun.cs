using LlmOps.Cli;

namespace LlmOps.Sdk.Tests.Cli;

/// <summary>Runs <c>llmops</c> in-process and keeps what it wrote on stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await LlmOpsCommand.InvokeAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public static async Task<CliRun> InvokeAsync(Func<TextWriter, TextWriter, CliHost> host, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await LlmOpsCommand.InvokeAsync(args, host(output, error));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
