using Microsoft.Extensions.Primitives;

namespace LlmOps.Sdk.Prompts;

/// <summary>A source of prompts: in memory, a directory of files, configuration, or a database.</summary>
/// <remarks>
/// The <see cref="IPromptRegistry"/> caches what a store returns, so a store need not cache. Implementations must be
/// thread-safe.
/// </remarks>
public interface IPromptStore
{
    /// <summary>Gets everything the store holds for one prompt.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The prompt's definition, or <see langword="null"/> when the store has no prompt of that name.</returns>
    ValueTask<PromptDefinition?> GetPromptAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a token that fires when the store's content changes, so caches can drop what they hold.</summary>
    /// <returns>A change token, or <see langword="null"/> when the store never announces changes.</returns>
    IChangeToken? Watch();
}
