namespace LlmOps.Cli.Experiments;

/// <summary>Finds which dataset item a call of the experiment runner is about.</summary>
internal static class ExperimentItem
{
    public static string IdOf(ChatOptions? options) =>
        throw new NotSupportedException("The experiment runner does not say which item a call is about yet.");
}
