using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Tests.Feedback;

/// <summary>A pipeline with two versions of one prompt (1 in production, 2 in staging), a scripted provider and an in-memory sink.</summary>
internal sealed class FeedbackTestHost : IAsyncDisposable
{
    public static readonly PromptVersion Version1 = new("greet", 1, "Hello {{name}}");
    public static readonly PromptVersion Version2 = new("greet", 2, "Hi there {{name}}");

    public FeedbackTestHost(Action<LlmOpsBuilder> configure, IChatClient? provider = null)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddChatClient(provider ?? Provider);
        services.AddLlmOps(o =>
        {
            o.AddPrompts(store => store.Add(Version1, "production").Add(Version2, "staging"));
            o.AddEvaluationSink(Sink);
            configure(o);
        });
        Services = services.BuildServiceProvider();
    }

    public ScriptedChatClient Provider { get; } = new();

    public InMemoryEvaluationSink Sink { get; } = new();

    public ServiceProvider Services { get; }

    public IChatClient Client => Services.GetRequiredService<IChatClient>();

    public LlmOps.Sdk.Feedback.IChatFeedback Feedback => Services.GetRequiredService<LlmOps.Sdk.Feedback.IChatFeedback>();

    /// <summary>Calls the prompt under a label and returns the response id.</summary>
    public async Task<string> CallAsync(string label, bool streaming = false, object? variables = null)
    {
        var options = new ChatOptions().WithPrompt("greet", variables ?? new { name = "Ada" }, label: label);
        if (!streaming)
        {
            var response = await Client.GetResponseAsync([], options);
            return response.ResponseId!;
        }

        string? id = null;
        await foreach (var update in Client.GetStreamingResponseAsync([], options))
        {
            id ??= update.ResponseId;
        }

        return id!;
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
