using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Prompts.PostgreSql;

[OptionsValidator] // the generated Validate checks the attributes, without reflection
internal sealed partial class PostgreSqlPromptStoreOptionsValidator : IValidateOptions<PostgreSqlPromptStoreOptions>
{
    public static void ThrowIfInvalid(PostgreSqlPromptStoreOptions options)
    {
        var result = new PostgreSqlPromptStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PostgreSqlPromptStoreOptions), result.Failures ?? []);
        }

        if (options.MaxReconnectDelay < options.ReconnectDelay)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PostgreSqlPromptStoreOptions),
                [$"MaxReconnectDelay ({options.MaxReconnectDelay}) is shorter than ReconnectDelay ({options.ReconnectDelay}). Make it at least as long."]);
        }
    }
}
