using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.Tokenizers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlmOps.Sdk;

/// <summary>Makes LlmOps budgets and rate limits count input tokens with the models' tiktoken encodings.</summary>
public static class TiktokenLlmOpsBuilderExtensions
{
    /// <summary>Registers <see cref="TiktokenTokenCounter"/> as the <see cref="ITokenCounter"/> that budget and rate-limit estimates use.</summary>
    /// <remarks>
    /// The token counter is one service shared by every pipeline of the container, keyed pipelines included, so this
    /// call replaces the counter for all of them. Models without a known encoding keep the character heuristic.
    /// </remarks>
    /// <param name="builder">The pipeline's builder.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static LlmOpsBuilder UseTiktokenTokenCounter(this LlmOpsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<ITokenCounter>();
        builder.Services.AddSingleton<ITokenCounter>(static _ => new TiktokenTokenCounter());
        return builder;
    }
}
