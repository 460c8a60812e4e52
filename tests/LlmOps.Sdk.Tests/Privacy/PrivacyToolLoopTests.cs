using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Tests.Privacy;

/// <summary>The stage inside a tool loop: tools run with real values, the model sees placeholders only.</summary>
public sealed class PrivacyToolLoopTests
{
    private const string Email = "jane.doe@example.com";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ToolLoop_PrivacyUnderFunctionInvocation_ToolGetsValueModelSeesPlaceholder(bool streaming)
    {
        var provider = new RecordingChatClient();
        provider.Reply = _ => provider.Received.Count == 1 ? [""] : ["Done for <EMAIL_1>."];
        provider.ExtraContents = _ => provider.Received.Count == 1
            ? [new FunctionCallContent("c1", "lookup", new Dictionary<string, object?> { ["email"] = "<EMAIL_1>" })]
            : [];
        string? toolSaw = null;
        var tool = AIFunctionFactory.Create((string email) => { toolSaw = email; return $"Order of {email}: shipped"; }, "lookup");
        using var client = new ChatClientBuilder(provider)
            .UseFunctionInvocation()
            .UseLlmOpsPrivacy(new PrivacyOptions { Enabled = true })
            .Build();

        var response = await PrivacyTestKit.CallAsync(client, [new ChatMessage(ChatRole.User, $"Where is the order of {Email}?")], streaming, new ChatOptions { Tools = [tool] });

        Assert.Equal(Email, toolSaw);
        Assert.Equal(2, provider.Received.Count);
        var toolResult = provider.Received[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Contains("<EMAIL_1>", Convert.ToString(toolResult.Result, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(Email, string.Join("\n", provider.Received.SelectMany(r => r).Select(m => string.Join(" ", m.Contents.Select(Describe)))), StringComparison.Ordinal);
        Assert.EndsWith($"Done for {Email}.", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseLlmOps_PrivacyAlreadyUnderFunctionInvocation_AddsNoSecondStageSoToolsGetValues()
    {
        var provider = new RecordingChatClient();
        provider.Reply = _ => provider.Received.Count == 1 ? [""] : ["Done."];
        provider.ExtraContents = _ => provider.Received.Count == 1
            ? [new FunctionCallContent("c1", "lookup", new Dictionary<string, object?> { ["email"] = "<EMAIL_1>" })]
            : [];
        string? toolSaw = null;
        var tool = AIFunctionFactory.Create((string email) => { toolSaw = email; return "shipped"; }, "lookup");
        var options = new LlmOpsOptions();
        options.Privacy.Enabled = true;
        var inner = new ChatClientBuilder(provider)
            .UseFunctionInvocation()
            .UseLlmOpsPrivacy(options.Privacy)
            .UseLlmOpsResilience(options.Resilience) // resilience belongs under function invocation too
            .Build();
        using var client = new ChatClientBuilder(inner).UseLlmOps(options).Build();

        await client.GetResponseAsync($"Where is the order of {Email}?", new ChatOptions { Tools = [tool] });

        // A second stage above would have sent its own <EMAIL_1> down, which the inner stage cannot restore for the tool.
        Assert.Equal(Email, toolSaw);
        Assert.Equal("Where is the order of <EMAIL_1>?", provider.Received[0][0].Text);
    }

    private static string Describe(AIContent content) => content switch
    {
        TextContent text => text.Text,
        FunctionCallContent call => string.Join(",", call.Arguments?.Values ?? []),
        FunctionResultContent result => Convert.ToString(result.Result, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        _ => "",
    };
}
