namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>What <see cref="TemplateParser"/> produces.</summary>
internal readonly record struct TemplateParseResult(
    TemplateNode[] Nodes, PromptTemplateVariable[] Variables, string[] PartialNames);
