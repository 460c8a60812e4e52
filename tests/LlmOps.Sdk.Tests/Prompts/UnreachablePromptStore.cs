using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.Primitives;

namespace LlmOps.Sdk.Tests.Prompts;

/// <summary>A store that fails every read while <see cref="Down"/> is set, and serves <see cref="Inner"/> otherwise.</summary>
internal sealed class UnreachablePromptStore(IPromptStore inner) : IPromptStore
{
    public bool Down { get; set; } = true;

    public IPromptStore Inner { get; } = inner;

    public ValueTask<PromptDefinition?> GetPromptAsync(string name, CancellationToken cancellationToken = default) =>
        Down ? throw new IOException("The prompt database server at 10.0.0.5 is unreachable.") : Inner.GetPromptAsync(name, cancellationToken);

    public IChangeToken? Watch() => null;
}
