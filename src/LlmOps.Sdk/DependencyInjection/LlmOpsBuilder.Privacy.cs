using LlmOps.Sdk.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk;

/// <summary>The privacy stage's builder methods.</summary>
public sealed partial class LlmOpsBuilder
{
    /// <summary>Turns on the privacy stage: personal data becomes placeholders before the provider, restored in the answer.</summary>
    /// <remarks>
    /// By default every kind the built-in detectors find is pseudonymised. Set a kind's mode, add patterns, detectors
    /// and allow-listed values in <paramref name="configure"/>, or in configuration under <c>LlmOps:Privacy</c>.
    /// </remarks>
    /// <param name="configure">Applied to <see cref="LlmOpsOptions.Privacy"/>, after configuration binding.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddPrivacy(Action<PrivacyOptions>? configure = null)
    {
        Services.Configure<LlmOpsOptions>(OptionsName, options =>
        {
            options.Privacy.Enabled = true;
            configure?.Invoke(options.Privacy);
        });
        return this;
    }
}
