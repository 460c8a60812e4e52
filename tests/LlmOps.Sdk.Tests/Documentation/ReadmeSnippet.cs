namespace LlmOps.Sdk.Tests.Documentation;

/// <summary>One C# block of a README: where it starts and its code.</summary>
internal sealed record ReadmeSnippet(string File, int Line, string Code)
{
    public override string ToString() => $"{File}:{Line}";
}
