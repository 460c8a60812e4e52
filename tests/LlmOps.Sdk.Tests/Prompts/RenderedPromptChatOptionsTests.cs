using System.Collections;
using System.Reflection;
using System.Text.Json;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts;

public sealed class RenderedPromptChatOptionsTests
{
    private static readonly PromptVersion Prompt = new("support", 3, "Hi");

    // One value for every public property of ChatOptions, none of them the default.
    private static readonly Dictionary<string, object?> Samples = new(StringComparer.Ordinal)
    {
        [nameof(ChatOptions.AdditionalProperties)] = new AdditionalPropertiesDictionary { ["custom"] = 1 },
        [nameof(ChatOptions.AllowBackgroundResponses)] = true,
        [nameof(ChatOptions.AllowMultipleToolCalls)] = false,
        [nameof(ChatOptions.ContinuationToken)] = ResponseContinuationToken.FromBytes(new byte[] { 1, 2 }),
        [nameof(ChatOptions.ConversationId)] = "conv-1",
        [nameof(ChatOptions.FrequencyPenalty)] = 0.1f,
        [nameof(ChatOptions.Instructions)] = "Be brief.",
        [nameof(ChatOptions.MaxOutputTokens)] = 42,
        [nameof(ChatOptions.ModelId)] = "model-1",
        [nameof(ChatOptions.PresencePenalty)] = 0.2f,
        [nameof(ChatOptions.RawRepresentationFactory)] = new Func<IChatClient, object?>(_ => null),
        [nameof(ChatOptions.Reasoning)] = new ReasoningOptions { Effort = ReasoningEffort.High, Output = ReasoningOutput.Summary },
        [nameof(ChatOptions.ResponseFormat)] = ChatResponseFormat.Json,
        [nameof(ChatOptions.Seed)] = 7L,
        [nameof(ChatOptions.StopSequences)] = new List<string> { "###" },
        [nameof(ChatOptions.Temperature)] = 0.3f,
        [nameof(ChatOptions.ToolMode)] = ChatToolMode.RequireAny,
        [nameof(ChatOptions.Tools)] = new List<AITool> { AIFunctionFactory.Create(() => 1, "one") },
        [nameof(ChatOptions.TopK)] = 5,
        [nameof(ChatOptions.TopP)] = 0.9f,
    };

    [Fact]
    public void From_EveryChatOptionsProperty_CopiedAsCloneCopiesIt()
    {
        var caller = new ChatOptions();
        var properties = typeof(ChatOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var property in properties)
        {
            Assert.True(
                Samples.TryGetValue(property.Name, out var sample),
                $"ChatOptions.{property.Name} is new: copy it in RenderedPromptChatOptions.From, then add a sample here.");
            property.SetValue(caller, sample);
        }

        var cloned = caller.Clone();
        var copied = RenderedPromptChatOptions.From(caller, Prompt);

        foreach (var property in properties)
        {
            AssertCopiedLikeClone(property, property.GetValue(caller), property.GetValue(cloned), property.GetValue(copied));
        }
    }

    [Fact]
    public void From_MarkIsTheOnlyEntry_PassesOnNoDictionary()
    {
        var caller = new ChatOptions().WithPrompt("support");

        var copied = RenderedPromptChatOptions.From(caller, Prompt);

        Assert.Null(copied.AdditionalProperties);
        Assert.True(caller.AdditionalProperties!.ContainsKey("llmops.prompt"), "the caller's mark must stay");
    }

    [Fact]
    public void From_MarkAndOtherEntries_PassesOnTheOthersOnly()
    {
        var caller = new ChatOptions { AdditionalProperties = new() { ["custom"] = 1 } }.WithPrompt("support");

        var copied = RenderedPromptChatOptions.From(caller, Prompt);

        Assert.Equal(["custom"], copied.AdditionalProperties!.Keys);
        Assert.Equal(["custom", "llmops.prompt"], caller.AdditionalProperties!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Clone_Rendered_KeepsTheVersion()
    {
        var copied = RenderedPromptChatOptions.From(new ChatOptions { ModelId = "m" }, Prompt);

        var clone = copied.Clone();

        Assert.NotSame(copied, clone);
        Assert.Same(Prompt, clone.GetRenderedPrompt());
        Assert.IsType<RenderedPromptChatOptions>(clone);
        Assert.Equal("m", clone.ModelId);
    }

    [Fact]
    public void Serialize_Rendered_WritesOnlyWhatChatOptionsHas()
    {
        var copied = RenderedPromptChatOptions.From(new ChatOptions { ModelId = "m" }, Prompt);

        var json = JsonSerializer.Serialize<object>(copied, AIJsonUtilities.DefaultOptions);

        Assert.Equal(JsonSerializer.Serialize(new ChatOptions { ModelId = "m" }, AIJsonUtilities.DefaultOptions), json);
    }

    private static void AssertCopiedLikeClone(PropertyInfo property, object? original, object? cloned, object? copied)
    {
        if (property.PropertyType.IsValueType || original is string)
        {
            Assert.Equal(cloned, copied);
        }
        else if (ReferenceEquals(original, cloned))
        {
            Assert.True(ReferenceEquals(original, copied), $"ChatOptions.{property.Name}: Clone shares the instance, the copy must too.");
        }
        else
        {
            Assert.False(ReferenceEquals(original, copied), $"ChatOptions.{property.Name}: Clone makes a new instance, the copy must too.");
            if (cloned is IEnumerable items)
            {
                Assert.Equal(items.Cast<object>(), ((IEnumerable)copied!).Cast<object>());
            }
            else
            {
                Assert.Equivalent(cloned, copied, strict: true);
            }
        }
    }
}
