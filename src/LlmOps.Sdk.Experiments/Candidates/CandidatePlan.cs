using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Experiments;

/// <summary>A candidate made ready to run: its client resolved, its prompt pinned and parsed, its identity hashed.</summary>
/// <remarks>Immutable and shared by every case of the candidate.</remarks>
internal sealed class CandidatePlan
{
    private readonly CompiledPrompt _compiled;
    private readonly PromptTemplateRenderOptions _renderOptions;
    private readonly ModelPriceTable _prices;

    public CandidatePlan(
        ExperimentCandidate candidate, IChatClient client, PromptVersion prompt, string? label, PromptTemplateRenderOptions renderOptions,
        ClientRateLimiter? limiter)
    {
        Candidate = candidate;
        Client = client;
        Prompt = prompt;
        Label = label;
        Limiter = limiter;
        _compiled = CompiledPrompt.For(prompt);
        _renderOptions = renderOptions with { Defaults = _compiled.Defaults };
        Model = candidate.ModelId ?? prompt.Model?.ModelId ?? client.GetService<ChatClientMetadata>()?.DefaultModelId;
        SettingsHash = HashSettings(candidate.Settings);
        RequiredVariables = FindRequiredVariables(_compiled);

        // The pipeline's own price table carries the user's prices; a bare client gets the built-in, dated ones.
        _prices = client.GetService<ModelPriceTable>() ?? new ModelPriceTable(new TelemetryOptions());
    }

    public ExperimentCandidate Candidate { get; }

    public string Name => Candidate.Name;

    public IChatClient Client { get; }

    public PromptVersion Prompt { get; }

    public string? Label { get; }

    public ClientRateLimiter? Limiter { get; }

    /// <summary>Gets whether the pipeline's prompt stage renders the prompt (a registry prompt) or the runner does (a template in code).</summary>
    public bool RendersThroughPipeline => Candidate.Template is null;

    public string? Model { get; }

    public string SettingsHash { get; }

    /// <summary>Gets the top-level variables every item must supply: declared as required, or used outside any section, and without a default.</summary>
    public IReadOnlyList<string> RequiredVariables { get; }

    /// <summary>Renders the prompt's messages for one item, as the model receives them.</summary>
    public List<ChatMessage> Render(DatasetItem item) => [.. _compiled.Template.Render(item.VariableDictionary, _renderOptions)];

    /// <summary>Builds the options of one case's call: the pinned prompt, the settings, the reference answers and the span's experiment attributes.</summary>
    public ChatOptions CreateOptions(DatasetItem item, string experimentId)
    {
        var settings = Candidate.Settings;
        var model = Prompt.Model;
        var options = new ChatOptions
        {
            ModelId = Candidate.ModelId,
            Temperature = settings.Temperature,
            TopP = settings.TopP,
            MaxOutputTokens = settings.MaxOutputTokens,
            Seed = settings.Seed,
            FrequencyPenalty = settings.FrequencyPenalty,
            PresencePenalty = settings.PresencePenalty,
            StopSequences = settings.StopSequences is { } stops ? [.. stops] : null,
        };

        KeyValuePair<string, object?>[] tags;
        if (RendersThroughPipeline)
        {
            // Pinned to the version resolved at the start, so a label moved mid-run cannot mix two versions in one run.
            options.WithPrompt(Prompt.Name, item.VariableDictionary, version: Prompt.Version);
            tags = ExperimentTags(experimentId, item, 3);
        }
        else
        {
            // No prompt stage sees this prompt, so the settings it asks for are applied here, where the call leaves them unset.
            if (model is not null)
            {
                options.ModelId ??= model.ModelId;
                options.Temperature ??= model.Temperature;
                options.TopP ??= model.TopP;
                options.MaxOutputTokens ??= model.MaxOutputTokens;
                options.ResponseFormat ??= model.ResponseFormat;
                options.StopSequences ??= model.StopSequences is { } promptStops ? [.. promptStops] : null;
            }

            tags = ExperimentTags(experimentId, item, 6);
            tags[3] = new(LlmOpsTelemetry.Attributes.PromptName, Prompt.Name);
            tags[4] = new(LlmOpsTelemetry.Attributes.PromptVersion, Prompt.VersionTag);
            tags[5] = new(LlmOpsTelemetry.Attributes.PromptHash, Prompt.ContentHash);
        }

        (options.AdditionalProperties ??= [])[TelemetryConstants.SpanTagsKey] = tags;
        if (item.ReferenceAnswers.Count > 0)
        {
            options.WithReferenceAnswers(item.ReferenceAnswers); // the pipeline's own evaluators see them too
        }

        return options;
    }

    /// <summary>Estimates a call's cost from the model that answered (or was asked for) and its usage.</summary>
    public decimal? EstimateCost(ChatResponse response) =>
        _prices.TryGetCostUsd(response.ModelId ?? Model, response.Usage, out var cost) ? (decimal)cost : null;

    private KeyValuePair<string, object?>[] ExperimentTags(string experimentId, DatasetItem item, int length)
    {
        var tags = new KeyValuePair<string, object?>[length];
        tags[0] = new(LlmOpsTelemetry.Attributes.ExperimentId, experimentId);
        tags[1] = new(LlmOpsTelemetry.Attributes.ExperimentCandidate, Name);
        tags[2] = new(LlmOpsTelemetry.Attributes.DatasetItemId, item.Id);
        return tags;
    }

    private static List<string> FindRequiredVariables(CompiledPrompt compiled)
    {
        var required = new List<string>(compiled.Required);
        var declared = new HashSet<string>(compiled.Version.Variables.Select(static v => v.Name), StringComparer.Ordinal);
        foreach (var variable in compiled.Template.Variables)
        {
            // A name inside a section may resolve against the section's item, and a section name may be left out to
            // skip the section: only plain names outside sections must come from the item.
            var root = variable.RootName;
            if (!variable.IsInsideSection && !variable.IsSection && root != "." && !declared.Contains(root) && !required.Contains(root))
            {
                required.Add(root);
            }
        }

        return required;
    }

    private static string HashSettings(CandidateSettings settings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteNumber(json, "temperature", settings.Temperature);
            WriteNumber(json, "top_p", settings.TopP);
            WriteNumber(json, "frequency_penalty", settings.FrequencyPenalty);
            WriteNumber(json, "presence_penalty", settings.PresencePenalty);
            if (settings.MaxOutputTokens is { } maxTokens)
            {
                json.WriteNumber("max_output_tokens", maxTokens);
            }

            if (settings.Seed is { } seed)
            {
                json.WriteNumber("seed", seed);
            }

            if (settings.StopSequences is { } stops)
            {
                json.WriteStartArray("stop");
                foreach (var stop in stops)
                {
                    json.WriteStringValue(stop);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, float? value)
    {
        if (value is { } number)
        {
            json.WriteString(name, number.ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
