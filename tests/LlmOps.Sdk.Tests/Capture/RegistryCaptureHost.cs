using LlmOps.Sdk.Capture;
using LlmOps.Sdk.Feedback;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Capture;

/// <summary>A real host whose pipeline captures into a registry database: a scripted provider, a fake clock and fake logs.</summary>
internal sealed class RegistryCaptureHost : IAsyncDisposable
{
    public static readonly PromptVersion Version1 = new("greet", 1, "Hello {{name}}");
    public static readonly PromptVersion Version2 = new("greet", 2, "Hi there {{name}}");
    private static readonly PromptChange Change = new("tests", "set up");

    public RegistryCaptureHost(Action<LlmOpsBuilder> configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddMetrics();
        builder.Services.AddFakeLogging();
        builder.Services.AddChatClient(Provider);
        builder.Services.AddLlmOps(configure);
        Host = builder.Build();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    public ScriptedChatClient Provider { get; } = new();

    public IHost Host { get; }

    public IChatClient Client => Host.Services.GetRequiredService<IChatClient>();

    public CaptureQueue Queue => Host.Services.GetRequiredService<FeedbackPipeline>().Capture!.Queue; // the tests configure capture

    public FakeLogCollector Logs => Host.Services.GetFakeLogCollector();

    /// <summary>Publishes versions 1 (production) and 2 (staging) of <c>greet</c> through the registry's admin.</summary>
    public async Task SeedAsync()
    {
        var admin = Host.Services.GetRequiredService<IPromptAdmin>();
        await admin.PublishAsync(Version1, Change);
        await admin.PublishAsync(Version2, Change);
        await admin.SetLabelAsync("greet", "production", [new PromptVersionWeight(1)], expected: null, Change);
        await admin.SetLabelAsync("greet", "staging", [new PromptVersionWeight(2)], expected: null, Change);
    }

    /// <summary>Calls the prompt under a label and returns the response id.</summary>
    public async Task<string> CallAsync(string label, bool streaming = false, object? variables = null)
    {
        var options = new ChatOptions().WithPrompt("greet", variables ?? new { name = "Ada" }, label: label);
        if (!streaming)
        {
            return (await Client.GetResponseAsync([], options)).ResponseId!;
        }

        string? id = null;
        await foreach (var update in Client.GetStreamingResponseAsync([], options))
        {
            id ??= update.ResponseId;
        }

        return id!;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
