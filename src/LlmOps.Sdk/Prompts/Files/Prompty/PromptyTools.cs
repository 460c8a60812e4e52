using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads a <c>.prompty</c> file's tools into function declarations the model is offered; the app runs them.</summary>
/// <remarks>
/// v2 writes <c>{ name, kind: function, description, parameters: [properties], strict }</c>
/// (https://github.com/microsoft/prompty/blob/main/spec/spec.md §2.9); v1 the OpenAI shape
/// <c>{ type: function, function: { name, description, parameters: JSON schema } }</c> under <c>model.parameters.tools</c>.
/// MCP, OpenAPI and custom tools need a runtime that connects to them, and bindings need one that calls the tool: both
/// are refused with what to do instead.
/// </remarks>
internal static class PromptyTools
{
    public static List<AITool> Read(YamlDocument yaml, YamlNode? node, string what)
    {
        List<AITool> tools = [];
        if (node is null || YamlDocument.IsNull(node))
        {
            return tools;
        }

        if (node is YamlScalarNode { Value: { } text } && text.StartsWith("file:", StringComparison.Ordinal))
        {
            throw yaml.At(node).Error($"'{text}' is not a file reference. Write ${{{text}}} to read the tools from that file.");
        }

        if (node is not YamlSequenceNode list)
        {
            throw yaml.At(node).Error($"{what} must be a list of tools: '- name: get_weather' with 'kind: function'.");
        }

        HashSet<string> names = new(StringComparer.Ordinal);
        foreach (var item in list.Children)
        {
            var tool = yaml.Mapping(item, $"Each item of {what}");
            var declaration = YamlDocument.Get(tool, "function") is YamlMappingNode function
                ? OpenAiShape(yaml, item, function)
                : PromptyShape(yaml, item, tool);
            if (!names.Add(declaration.Name))
            {
                throw yaml.At(item).Error($"Two tools are named '{declaration.Name}'. Tool names must be unique: rename one.");
            }

            tools.Add(declaration);
        }

        return tools;
    }

    private static AIFunctionDeclaration OpenAiShape(YamlDocument yaml, YamlNode item, YamlMappingNode function)
    {
        var name = yaml.OptionalString(function, "name") ?? throw yaml.At(item).Error("This tool's 'function' has no 'name'. Give it one.");
        var parameters = YamlDocument.Get(function, "parameters");
        var schema = parameters is null || YamlDocument.IsNull(parameters)
            ? PromptyProperties.Schema(yaml, [], closed: false)
            : YamlJson.ToJson(yaml.Mapping(parameters, $"The parameters of tool '{name}'"));
        return AIFunctionFactory.CreateDeclaration(name, yaml.OptionalString(function, "description"), schema);
    }

    private static AIFunctionDeclaration PromptyShape(YamlDocument yaml, YamlNode item, YamlMappingNode tool)
    {
        var nameNode = YamlDocument.Get(tool, "name") ?? throw yaml.At(item).Error("This tool has no 'name'. Give each tool a name.");
        var name = yaml.Scalar(nameNode, "A tool's 'name'");
        var kind = yaml.OptionalString(tool, "kind") ?? yaml.OptionalString(tool, "type") ?? "function";
        if (kind != "function")
        {
            throw yaml.At(nameNode).Error(
                $"Tool '{name}' is of kind '{kind}'. LlmOps.Sdk offers the model function tools only, which your app runs; an {kind} tool needs a runtime that connects to it. Remove it here and add it to ChatOptions.Tools in code, or describe it as a 'kind: function' tool.");
        }

        if (YamlDocument.Get(tool, "bindings") is { } bindings && !YamlDocument.IsNull(bindings))
        {
            throw yaml.At(bindings).Error(
                $"Tool '{name}' binds parameters. LlmOps.Sdk offers the tool to the model, and your app runs it, so nothing here could fill a bound value in: remove 'bindings' and supply those values in the tool's code.");
        }

        var strict = yaml.OptionalBool(tool, "strict") == true;
        var parameters = YamlDocument.Get(tool, "parameters");
        var properties = parameters is YamlMappingNode wrapper && YamlDocument.Get(wrapper, "properties") is YamlSequenceNode or YamlMappingNode
            ? YamlDocument.Get(wrapper, "properties")
            : parameters;
        var schema = PromptyProperties.Schema(yaml, PromptyProperties.Read(yaml, properties, $"the parameters of tool '{name}'"), closed: strict);
        return AIFunctionFactory.CreateDeclaration(name, yaml.OptionalString(tool, "description"), schema);
    }
}
