using LlmOps.Sdk.Budgets;

namespace LlmOps.Sdk;

/// <summary>Names the caller a chat call's spend counts against.</summary>
public static class BudgetChatOptionsExtensions
{
    /// <summary>Counts the call against the <see cref="BudgetScope.Key"/> budgets of <paramref name="key"/>: a tenant, a user.</summary>
    /// <remarks>The key is an entry of <see cref="ChatOptions.AdditionalProperties"/> (created when missing); it is never sent as text to the provider by this SDK.</remarks>
    /// <param name="options">The call's options; changed and returned.</param>
    /// <param name="key">The key, such as a tenant id.</param>
    /// <returns>The same <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public static ChatOptions WithBudgetKey(this ChatOptions options, string key)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(key);
        (options.AdditionalProperties ??= [])[BudgetConstants.KeyProperty] = key;
        return options;
    }

    /// <summary>Gets the budget key given with <see cref="WithBudgetKey"/>, if any.</summary>
    /// <param name="options">The call's options.</param>
    /// <returns>The key, or <see langword="null"/>.</returns>
    public static string? GetBudgetKey(this ChatOptions? options) =>
        options?.AdditionalProperties is { } properties && properties.TryGetValue(BudgetConstants.KeyProperty, out var key) ? key as string : null;
}
