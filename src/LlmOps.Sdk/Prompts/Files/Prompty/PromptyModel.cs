using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads a <c>.prompty</c> file's <c>model</c>, in the v1 and the v2 shape, into model settings.</summary>
/// <remarks>
/// v2 (https://github.com/microsoft/prompty/blob/main/spec/spec.md §2.4–2.6): <c>model: gpt-4o</c>, or
/// <c>{ id, provider, apiType, connection, options: { temperature, maxOutputTokens, topP, … } }</c>.
/// v1 (Prompty.yaml at https://github.com/microsoft/prompty/tree/python/0.1.50): <c>{ api, configuration: { type,
/// azure_deployment | name | model, … }, parameters: { max_tokens, temperature, tools, response_format, … } }</c>.
/// The connection is the host's <see cref="IChatClient"/>'s business and is not read.
/// </remarks>
internal static class PromptyModel
{
    private const int MaxTokens = 10_000_000;

    private static readonly string[] ChatApis = ["chat", "responses", "completion"];

    private static readonly string[] V1Parameters =
        ["max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "frequency_penalty", "presence_penalty", "seed", "response_format", "tools", "parallel_tool_calls"];

    private static readonly string[] V2Options =
        ["temperature", "maxOutputTokens", "topP", "topK", "frequencyPenalty", "presencePenalty", "seed", "stopSequences", "allowMultipleToolCalls", "additionalProperties"];

    public static PromptModelSettings? Read(YamlDocument yaml, YamlMappingNode front, List<AITool> tools, ChatResponseFormat? outputs)
    {
        var node = YamlDocument.Get(front, "model");
        if (node is null || YamlDocument.IsNull(node))
        {
            return tools.Count == 0 && outputs is null ? null : new PromptModelSettings { Tools = NullIfEmpty(tools), ResponseFormat = outputs };
        }

        if (node is YamlScalarNode)
        {
            return new PromptModelSettings { ModelId = yaml.Scalar(node, "'model'"), Tools = NullIfEmpty(tools), ResponseFormat = outputs };
        }

        var model = yaml.Mapping(node, "'model'");
        CheckApi(yaml, model);
        var configuration = yaml.Mapping(YamlDocument.Get(model, "configuration"), "'model.configuration'");
        var parameters = yaml.Mapping(YamlDocument.Get(model, "parameters"), "'model.parameters'");
        var options = yaml.Mapping(YamlDocument.Get(model, "options"), "'model.options'");
        tools.AddRange(PromptyTools.Read(yaml, YamlDocument.Get(parameters, "tools"), "'model.parameters.tools'"));
        return new PromptModelSettings
        {
            ModelId = yaml.OptionalString(model, "id")
                ?? yaml.OptionalString(configuration, "name")
                ?? yaml.OptionalString(configuration, "azure_deployment")
                ?? yaml.OptionalString(configuration, "model"),
            Temperature = yaml.OptionalFloat(options, "temperature", 0, 2) ?? yaml.OptionalFloat(parameters, "temperature", 0, 2),
            TopP = yaml.OptionalFloat(options, "topP", 0, 1) ?? yaml.OptionalFloat(parameters, "top_p", 0, 1),
            TopK = yaml.OptionalInt(options, "topK", 1, MaxTokens),
            MaxOutputTokens = yaml.OptionalInt(options, "maxOutputTokens", 1, MaxTokens)
                ?? yaml.OptionalInt(parameters, "max_tokens", 1, MaxTokens)
                ?? yaml.OptionalInt(parameters, "max_completion_tokens", 1, MaxTokens),
            FrequencyPenalty = yaml.OptionalFloat(options, "frequencyPenalty", -2, 2) ?? yaml.OptionalFloat(parameters, "frequency_penalty", -2, 2),
            PresencePenalty = yaml.OptionalFloat(options, "presencePenalty", -2, 2) ?? yaml.OptionalFloat(parameters, "presence_penalty", -2, 2),
            Seed = yaml.OptionalInt(options, "seed", int.MinValue, int.MaxValue) ?? yaml.OptionalInt(parameters, "seed", int.MinValue, int.MaxValue),
            StopSequences = yaml.OptionalStringList(options, "stopSequences") ?? yaml.OptionalStringList(parameters, "stop"),
            AllowMultipleToolCalls = yaml.OptionalBool(options, "allowMultipleToolCalls") ?? yaml.OptionalBool(parameters, "parallel_tool_calls"),
            ResponseFormat = ModelSettingsReader.ResponseFormat(yaml, YamlDocument.Get(parameters, "response_format"), null, null) ?? outputs,
            Tools = NullIfEmpty(tools),
            Extras = Extras(yaml, options, parameters),
        };
    }

    private static void CheckApi(YamlDocument yaml, YamlMappingNode model)
    {
        var node = YamlDocument.Get(model, "apiType") ?? YamlDocument.Get(model, "api");
        if (node is null || YamlDocument.IsNull(node))
        {
            return;
        }

        var api = yaml.Scalar(node, "'model.apiType'");
        if (Array.IndexOf(ChatApis, api.ToLowerInvariant()) < 0)
        {
            throw yaml.At(node).Error(
                $"This prompt is for the '{api}' API. LlmOps.Sdk renders prompts for chat clients (IChatClient): set it to 'chat' or 'responses', or keep this file out of the prompts directory.");
        }
    }

    // What the settings have no property for still reaches the provider, through ChatOptions.AdditionalProperties.
    private static Dictionary<string, object?>? Extras(YamlDocument yaml, YamlMappingNode options, YamlMappingNode parameters)
    {
        Dictionary<string, object?>? extras = null;
        if (YamlDocument.Get(options, "additionalProperties") is { } additional && !YamlDocument.IsNull(additional))
        {
            foreach (var (key, value) in yaml.Mapping(additional, "'model.options.additionalProperties'").Children)
            {
                (extras ??= new(StringComparer.Ordinal))[yaml.Scalar(key, "A key")] = YamlJson.ToJson(value);
            }
        }

        Unknown(yaml, options, V2Options, ref extras);
        Unknown(yaml, parameters, V1Parameters, ref extras);
        return extras;
    }

    private static void Unknown(YamlDocument yaml, YamlMappingNode mapping, string[] known, ref Dictionary<string, object?>? extras)
    {
        foreach (var (key, value) in mapping.Children)
        {
            var name = yaml.Scalar(key, "A key");
            if (Array.IndexOf(known, name) < 0)
            {
                (extras ??= new(StringComparer.Ordinal))[name] = YamlJson.ToJson(value);
            }
        }
    }

    private static List<AITool>? NullIfEmpty(List<AITool> tools) => tools.Count == 0 ? null : tools;
}
