using System.CommandLine;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Cli;

/// <summary>Runs a command's action and turns bad input into exit code 2 with one line on stderr.</summary>
internal static class CommandActions
{
    /// <summary>Sets <paramref name="action"/> as what <paramref name="command"/> does.</summary>
    public static void Set(Command command, CliHost host, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await action(parseResult, cancellationToken);
            }
            catch (PromptConflictException error)
            {
                // A failed check, not bad input: the label moved since --expect was read, or a published version differs.
                await host.Error.WriteLineAsync($"error: {OneLine(error.Message)}");
                return CliExitCodes.Failed;
            }
            catch (Exception error) when (IsBadInput(error))
            {
                await host.Error.WriteLineAsync($"error: {OneLine(error.Message)}");
                return CliExitCodes.BadInput;
            }
        });
    }

    /// <summary>Gets whether <paramref name="error"/> is about what the user gave, as opposed to a fault of the tool.</summary>
    private static bool IsBadInput(Exception error) => error is CliInputException
        or ExperimentDefinitionException
        or DatasetException
        or GateConditionException
        or InvalidDataException // a results file with a line that is not a case result
        or ArgumentException and not ArgumentNullException // the runner's validation: names the field and the fix
        or PromptException
        or System.Data.Common.DbException // an unreachable or unreadable store
        or InvalidOperationException { InnerException: System.Data.Common.DbException } // a store that could not start, with its fix
        or FileNotFoundException
        or DirectoryNotFoundException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
