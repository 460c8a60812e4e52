namespace LlmOps.Sdk.Tests;

/// <summary>Keeps the core package light: it references Microsoft.Extensions.*, Polly, System.* and YamlDotNet, nothing else.</summary>
public sealed class CoreDependencyTests
{
    private static readonly string[] AllowedPrefixes = ["System", "Microsoft.Extensions.", "Polly", "YamlDotNet"];

    [Fact]
    public void CoreAssembly_References_OnlyLightDependencies()
    {
        var references = typeof(LlmOpsOptions).Assembly.GetReferencedAssemblies().Select(static name => name.Name!);

        var others = references.Where(static name => !AllowedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal))).ToList();

        Assert.True(others.Count == 0,
            $"LlmOps.Sdk references {string.Join(", ", others)}. A heavy or non-Microsoft.Extensions dependency goes into a " +
            "package of its own (as LlmOps.Sdk.Evaluation.JsonSchema does), so that the core stays light.");
    }
}
