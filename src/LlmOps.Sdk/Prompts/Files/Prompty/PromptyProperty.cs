using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>One entry of a <c>.prompty</c> property list (<c>inputs</c>, <c>outputs</c>, a tool's parameters).</summary>
/// <param name="Name">The property's name.</param>
/// <param name="At">Where its name is written.</param>
/// <param name="Settings">Its settings (<c>kind</c>, <c>description</c>, <c>default</c>…), or <see langword="null"/> for the short form.</param>
/// <param name="Value">The value of the short form <c>name: value</c>, which is its default; <see langword="null"/> otherwise.</param>
internal sealed record PromptyProperty(string Name, SourceSpan At, YamlMappingNode? Settings, YamlNode? Value);
