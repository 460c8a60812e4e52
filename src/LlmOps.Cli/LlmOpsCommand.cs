using System.CommandLine;
using System.CommandLine.Invocation;
using LlmOps.Cli.Datasets;
using LlmOps.Cli.Experiments;
using LlmOps.Cli.Prompts;
using LlmOps.Cli.Rollouts;

namespace LlmOps.Cli;

/// <summary>Builds the <c>llmops</c> command tree and runs it.</summary>
/// <remarks>Exit codes: 0 ok, 1 a failed gate or check, 2 bad input.</remarks>
internal static class LlmOpsCommand
{
    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        InvokeAsync(args, new CliHost(output, error), cancellationToken);

    /// <summary>Parses <paramref name="args"/>, runs the chosen command with <paramref name="host"/> and returns its exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        var root = Create(host);
        var result = root.Parse(args);
        if (result.Action is ParseErrorAction)
        {
            // One line that says what to do, not System.CommandLine's default of the errors followed by the whole help.
            var command = CommandPath(result.CommandResult);
            await host.Error.WriteLineAsync($"error: {result.Errors[0].Message} Run '{command} --help' to see the usage.");
            return CliExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration { Output = host.Output, Error = host.Error };
        return await result.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Creates the root command with every verb under it, for the console.</summary>
    public static RootCommand Create() => Create(CliHost.FromConsole());

    /// <summary>Creates the root command with every verb under it, running on <paramref name="host"/>.</summary>
    public static RootCommand Create(CliHost host)
    {
        var root = new RootCommand(
            """
            llmops: experiments, reports and the shared prompt registry for LlmOps.Sdk.

            Exit codes: 0 ok, 1 a failed gate or check, 2 bad input.

            Examples:
              llmops experiment run experiment.yaml --fail-on "token_f1.mean < 0.70"
              llmops experiment report results.jsonl --html report.html --md report.md
              llmops prompts push prompts --store prompts.db --dry-run
            """);
        root.Add(ExperimentCommand.Create(host));
        root.Add(PromptsCommand.Create(host));
        root.Add(DatasetCommand.Create(host));
        root.Add(RolloutCommand.Create(host));
        return root;
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(current.Command is RootCommand ? "llmops" : current.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
