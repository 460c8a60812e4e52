namespace LlmOps.Sdk.Prompts;

/// <summary>Resolves a prompt reference to the version that answers it.</summary>
/// <remarks>Implementations are thread-safe and cache; a cached resolution completes synchronously.</remarks>
public interface IPromptRegistry
{
    /// <summary>Resolves a prompt by label or version.</summary>
    /// <param name="reference">The prompt, label or version, and split key.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The version that answers, and how it was served.</returns>
    /// <exception cref="PromptException">The prompt, label or version does not exist, or no store could serve it.</exception>
    ValueTask<PromptResolution> ResolveAsync(PromptReference reference, CancellationToken cancellationToken = default);
}
