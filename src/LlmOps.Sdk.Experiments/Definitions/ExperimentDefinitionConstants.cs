namespace LlmOps.Sdk.Experiments;

/// <summary>The defaults and limits of experiment definition files, in one place.</summary>
internal static class ExperimentDefinitionConstants
{
    public const string DefaultApiKeyVariable = "OPENAI_API_KEY";
    public const int MaxConcurrency = 256;
    public const int MaxRepetitions = 100;
}
