using System.Diagnostics;
using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Prompts;

/// <summary>Turns a call that names a prompt into the messages and options the inner client receives.</summary>
/// <remarks>
/// Thread-safe. A call that names no prompt passes through untouched. A cached prompt is resolved synchronously, and
/// its templates were parsed once: rendering it allocates the messages and the options passed on, nothing else.
/// </remarks>
internal sealed class PromptResolver
{
    private readonly IPromptRegistry _registry;
    private readonly PromptTemplateRenderOptions _renderOptions;
    private readonly string _defaultLabel;

    public PromptResolver(IPromptRegistry registry, PromptOptions options)
    {
        _registry = registry;
        _defaultLabel = options.DefaultLabel;
        _renderOptions = new PromptTemplateRenderOptions
        {
            StrictVariables = options.StrictVariables,
            MaxPartialDepth = options.MaxPartialDepth,
        };
    }

    public ValueTask<PreparedCall> PrepareAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (!PromptCall.TryGet(options, out var call))
        {
            return new(new PreparedCall(messages, options, null));
        }

        var reference = new PromptReference(call.Name, call.Label, call.Version, call.SplitKey ?? options.ConversationId);
        var pending = _registry.ResolveAsync(reference, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? PrepareResolvedAsync(messages, options, call, pending.Result, cancellationToken)
            : PrepareSlowAsync(messages, options, call, pending, cancellationToken);
    }

    private async ValueTask<PreparedCall> PrepareSlowAsync(
        IEnumerable<ChatMessage> messages, ChatOptions options, PromptCall call, ValueTask<PromptResolution> pending, CancellationToken cancellationToken) =>
        await PrepareResolvedAsync(messages, options, call, await pending, cancellationToken);

    private ValueTask<PreparedCall> PrepareResolvedAsync(
        IEnumerable<ChatMessage> messages, ChatOptions options, PromptCall call, PromptResolution resolution, CancellationToken cancellationToken)
    {
        var compiled = CompiledPrompt.For(resolution.Prompt);
        if (compiled.Template.PartialNames.Count == 0)
        {
            return new(Render(messages, options, call, resolution, compiled, RenderOptionsFor(compiled)));
        }

        return PrepareWithPartialsAsync(messages, options, call, resolution, compiled, cancellationToken);
    }

    private async ValueTask<PreparedCall> PrepareWithPartialsAsync(
        IEnumerable<ChatMessage> messages, ChatOptions options, PromptCall call, PromptResolution resolution, CompiledPrompt compiled,
        CancellationToken cancellationToken)
    {
        var partials = await PartialPrefetcher.ResolveAsync(_registry, compiled, resolution.Label ?? _defaultLabel, _renderOptions.MaxPartialDepth, cancellationToken);
        var renderOptions = RenderOptionsFor(compiled) with { Partials = partials };
        return Render(messages, options, call, resolution, compiled, renderOptions);
    }

    private PromptTemplateRenderOptions RenderOptionsFor(CompiledPrompt compiled)
    {
        // One options object per compiled prompt and stage settings, made once, so a warm render allocates none.
        var cached = compiled.RenderOptions;
        if (cached is not null && cached.StrictVariables == _renderOptions.StrictVariables && cached.MaxPartialDepth == _renderOptions.MaxPartialDepth)
        {
            return cached;
        }

        var created = _renderOptions with { Defaults = compiled.Defaults };
        compiled.RenderOptions = created;
        return created;
    }

    private static PreparedCall Render(
        IEnumerable<ChatMessage> messages, ChatOptions options, PromptCall call, PromptResolution resolution, CompiledPrompt compiled,
        PromptTemplateRenderOptions renderOptions)
    {
        // Room for the caller's messages too, so that adding them does not grow the list.
        var known = messages.TryGetNonEnumeratedCount(out var count);
        List<ChatMessage> all;
        try
        {
            all = compiled.Template.Render(call.Variables, renderOptions, known ? count : 0);
        }
        catch (PromptTemplateException error)
        {
            throw Explain(compiled, resolution, call, error);
        }

        if (!known || count > 0)
        {
            all.AddRange(messages);
        }

        var activity = LlmOpsActivity.Current; // read once: it is an async-local lookup
        Record(activity, resolution);
        var passedOn = PassOn(options, resolution, call.Variables, activity);
        LlmOpsActivity.RecordSentMessages(activity, all, passedOn); // captured content shows what the model is sent
        return new PreparedCall(all, passedOn, resolution.Prompt);
    }

    private static RenderedPromptChatOptions PassOn(ChatOptions options, PromptResolution resolution, object? variables, Activity? activity)
    {
        // A copy owned by this call: the caller may reuse its options for other calls, on other threads.
        var next = RenderedPromptChatOptions.From(options, resolution.Prompt, variables);
        if (resolution.Prompt.Model is { } model)
        {
            // The caller wins: only what the call left unset comes from the prompt.
            if (next.ModelId is null && model.ModelId is not null)
            {
                next.ModelId = model.ModelId;
                if (activity is not null)
                {
                    LlmOpsActivity.SetRequestModel(model.ModelId); // the span names the model actually requested
                }
            }

            next.Temperature ??= model.Temperature;
            next.TopP ??= model.TopP;
            next.TopK ??= model.TopK;
            next.FrequencyPenalty ??= model.FrequencyPenalty;
            next.PresencePenalty ??= model.PresencePenalty;
            next.Seed ??= model.Seed;
            next.AllowMultipleToolCalls ??= model.AllowMultipleToolCalls;
            if (model.Tools is { Count: > 0 } tools)
            {
                AddTools(next, tools);
            }

            next.MaxOutputTokens ??= model.MaxOutputTokens;
            next.ResponseFormat ??= model.ResponseFormat;
            if (next.StopSequences is null && model.StopSequences is { } stops)
            {
                next.StopSequences = [.. stops];
            }

            if (model.Extras is { Count: > 0 } extras)
            {
                var properties = next.AdditionalProperties ??= [];
                foreach (var (key, value) in extras)
                {
                    properties.TryAdd(key, value);
                }
            }
        }

        return next;
    }

    private static void AddTools(ChatOptions next, IReadOnlyList<AITool> tools)
    {
        if (next.Tools is not { Count: > 0 } own)
        {
            next.Tools = [.. tools];
            return;
        }

        // The call's own tool wins over the prompt's of the same name: it is the one the app can invoke.
        var count = own.Count;
        foreach (var tool in tools)
        {
            if (!HasTool(own, count, tool.Name))
            {
                own.Add(tool);
            }
        }
    }

    private static bool HasTool(IList<AITool> tools, int count, string name)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(tools[i].Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void Record(Activity? activity, PromptResolution resolution)
    {
        if (activity is null)
        {
            return;
        }

        // Added, not set: the stage runs once per span, and SetTag would search the span's attributes for each one.
        var prompt = resolution.Prompt;
        activity.AddTag(LlmOpsTelemetry.Attributes.PromptName, prompt.Name);
        activity.AddTag(LlmOpsTelemetry.Attributes.PromptVersion, prompt.VersionTag);
        AddIfSet(activity, LlmOpsTelemetry.Attributes.PromptLabel, resolution.Label);
        activity.AddTag(LlmOpsTelemetry.Attributes.PromptHash, prompt.ContentHash);
        AddIfSet(activity, LlmOpsTelemetry.Attributes.PromptVariant, resolution.Variant);
        activity.AddTag(LlmOpsTelemetry.Attributes.PromptState, StateName(resolution.State));
    }

    private static void AddIfSet(Activity activity, string name, string? value)
    {
        if (value is not null)
        {
            activity.AddTag(name, value);
        }
    }

    private static string StateName(PromptResolutionState state) => state switch
    {
        PromptResolutionState.Fresh => "fresh",
        PromptResolutionState.Cached => "cached",
        PromptResolutionState.Stale => "stale",
        PromptResolutionState.Snapshot => "snapshot",
        _ => "fallback",
    };

    private static PromptException Explain(CompiledPrompt compiled, PromptResolution resolution, PromptCall call, PromptTemplateException error)
    {
        if (error.Kind == PromptTemplateErrorKind.UnknownVariable && compiled.Required.Count > 0)
        {
            var missing = VariablePresence.Missing(call.Variables, compiled.Required);
            if (missing.Count > 0)
            {
                return PromptErrors.MissingRequired(compiled.Version, resolution.Label, missing, error);
            }
        }

        var index = IndexOf(compiled, error);
        return PromptErrors.FromTemplate(compiled.Version, index, error, resolution.Label);
    }

    private static int IndexOf(CompiledPrompt compiled, PromptTemplateException error)
    {
        for (var i = 0; i < compiled.Template.Messages.Count; i++)
        {
            if (compiled.Template.Messages[i].Template.Name == error.TemplateName)
            {
                return i;
            }
        }

        return 0;
    }
}
