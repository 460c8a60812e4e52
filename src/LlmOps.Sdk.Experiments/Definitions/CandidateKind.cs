namespace LlmOps.Sdk.Experiments;

/// <summary>Where a candidate's answers come from.</summary>
public enum CandidateKind
{
    /// <summary>An OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM, …).</summary>
    OpenAI,

    /// <summary>Answers written in a file, one per dataset item: runs offline, for samples and tests.</summary>
    Scripted,
}
