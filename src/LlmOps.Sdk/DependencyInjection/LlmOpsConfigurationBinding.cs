using Microsoft.Extensions.Configuration;

namespace LlmOps.Sdk.DependencyInjection;

/// <summary>Records that a pipeline's options are bound from a configuration section, so that its keys can be checked.</summary>
/// <param name="OptionsName">The name of the pipeline's <see cref="LlmOpsOptions"/>.</param>
/// <param name="Section">The section they are bound from.</param>
internal sealed record LlmOpsConfigurationBinding(string OptionsName, IConfigurationSection Section);
