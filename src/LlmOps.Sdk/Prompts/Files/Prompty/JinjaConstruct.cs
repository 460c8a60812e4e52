namespace LlmOps.Sdk.Prompts;

/// <summary>A Jinja2 construct found in a template.</summary>
/// <param name="Index">Where it starts in the template, from 0.</param>
/// <param name="Text">Its text, up to the end of its line.</param>
/// <param name="What">What it is, for the error message.</param>
/// <param name="Instead">How to write it in Mustache.</param>
internal readonly record struct JinjaConstruct(int Index, string Text, string What, string Instead);
