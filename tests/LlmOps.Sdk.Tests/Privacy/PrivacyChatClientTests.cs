using System.Text.Json;
using LlmOps.Sdk.Privacy;
using static LlmOps.Sdk.Tests.Privacy.PrivacyTestKit;

namespace LlmOps.Sdk.Tests.Privacy;

public sealed class PrivacyChatClientTests
{
    private const string Email = "jane.doe@example.com";
    private const string OtherEmail = "max@example.org";
    private const string Phone = "+49 30 1234567";
    private const string Card = "4111 1111 1111 1111";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_EmailInMessage_ProviderSeesPlaceholderCallerGetsValue(bool streaming)
    {
        var provider = new RecordingChatClient();
        using var client = Stage(provider);

        var response = await CallAsync(client, $"Write to {Email} today.", streaming);

        Assert.Equal("Write to <EMAIL_1> today.", provider.Received[0][0].Text);
        Assert.Equal($"Write to {Email} today.", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_SameValueInSeveralMessages_SamePlaceholderEverywhere(bool streaming)
    {
        var provider = new RecordingChatClient { Reply = static _ => ["Sent to <EMAIL_2> and <EMAIL_1>."] };
        using var client = Stage(provider);
        ChatMessage[] messages =
        [
            new(ChatRole.System, $"The customer is {Email}."),
            new(ChatRole.User, $"Copy {OtherEmail}, then answer {Email}."),
            new(ChatRole.User, $"Again: {Email}."),
        ];

        var response = await CallAsync(client, messages, streaming);

        var sent = provider.Received[0];
        Assert.Equal("The customer is <EMAIL_1>.", sent[0].Text);
        Assert.Equal("Copy <EMAIL_2>, then answer <EMAIL_1>.", sent[1].Text);
        Assert.Equal("Again: <EMAIL_1>.", sent[2].Text);
        Assert.Equal($"Sent to {OtherEmail} and {Email}.", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RedactMode_ProviderSeesRedactedTextAndItIsNotRestored(bool streaming)
    {
        var provider = new RecordingChatClient();
        using var client = Stage(provider, p => p.Modes[PiiKinds.Phone] = PrivacyMode.Redact);

        var response = await CallAsync(client, $"Call {Phone} or mail {Email}.", streaming);

        Assert.Equal("Call [REDACTED:phone] or mail <EMAIL_1>.", provider.Received[0][0].Text);
        Assert.Equal($"Call [REDACTED:phone] or mail {Email}.", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_BlockMode_ThrowsBeforeProviderNamingKindsAndPositionsNotValues(bool streaming)
    {
        var provider = new RecordingChatClient();
        using var client = Stage(provider, p => p.Modes[PiiKinds.Card] = PrivacyMode.Block);
        ChatMessage[] messages = [new(ChatRole.User, "hello"), new(ChatRole.User, $"My card is {Card}, mail {Email}.")];

        var error = await Assert.ThrowsAsync<PiiPolicyException>(() => CallAsync(client, messages, streaming));

        Assert.Empty(provider.Received);
        Assert.Equal([PiiKinds.Card], error.Kinds);
        Assert.Equal([1], error.MessageIndexes);
        Assert.Contains("CARD in message 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("LlmOps:Privacy:Modes:CARD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Card, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Email, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_BlockedKindInInstructions_NamesTheInstructions()
    {
        var provider = new RecordingChatClient();
        using var client = Stage(provider, p => p.DefaultMode = PrivacyMode.Block);

        var error = await Assert.ThrowsAsync<PiiPolicyException>(
            () => client.GetResponseAsync("hi", new ChatOptions { Instructions = $"Reply to {Email}." }));

        Assert.Equal([PrivacyCall.InstructionsPosition], error.MessageIndexes);
        Assert.Contains("EMAIL in the instructions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_EmailInInstructions_ProviderSeesPlaceholder()
    {
        var provider = new RecordingChatClient { Reply = static _ => ["Mail <EMAIL_1>."] };
        using var client = Stage(provider);

        var response = await client.GetResponseAsync($"Reply to {Email}.", new ChatOptions { Instructions = $"Sign as {Email}." });

        Assert.Equal("Sign as <EMAIL_1>.", provider.ReceivedOptions[0]?.Instructions);
        Assert.Equal($"Mail {Email}.", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ModelInventsPlaceholder_LeftAsItIs(bool streaming)
    {
        var provider = new RecordingChatClient { Reply = static _ => ["Hi <EMAIL_1>, ", "see <EMAIL_7> and <PHONE_1>."] };
        using var client = Stage(provider);

        var response = await CallAsync(client, $"I am {Email}.", streaming);

        Assert.Equal($"Hi {Email}, see <EMAIL_7> and <PHONE_1>.", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_AllowListedValue_SentUnchanged(bool streaming)
    {
        var provider = new RecordingChatClient();
        using var client = Stage(provider, p => p.AllowList.Add("Support@Shop.example"));

        var response = await CallAsync(client, $"Write to support@shop.example, not {Email}.", streaming);

        Assert.Equal("Write to support@shop.example, not <EMAIL_1>.", provider.Received[0][0].Text);
        Assert.Equal($"Write to support@shop.example, not {Email}.", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_CustomPattern_ItsKindIsPseudonymised(bool streaming)
    {
        var provider = new RecordingChatClient();
        using var client = Stage(provider, p => p.Patterns["EMPLOYEE_ID"] = "EMP-[0-9]{6}");

        var response = await CallAsync(client, "Badge EMP-123456 was lost.", streaming);

        Assert.Equal("Badge <EMPLOYEE_ID_1> was lost.", provider.Received[0][0].Text);
        Assert.Equal("Badge EMP-123456 was lost.", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_CustomDetectorForNames_ItsKindIsPseudonymised(bool streaming)
    {
        var provider = new RecordingChatClient();
        using var client = Stage(provider, p => p.Detectors.Add(new NameDetector("Jane Doe")));

        var response = await CallAsync(client, "Jane Doe asked twice. Jane Doe is waiting.", streaming);

        Assert.Equal("<PERSON_1> asked twice. <PERSON_1> is waiting.", provider.Received[0][0].Text);
        Assert.Equal("Jane Doe asked twice. Jane Doe is waiting.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_CleanCall_ProviderGetsTheCallersMessagesObject()
    {
        var provider = new RecordingChatClient();
        using var client = Stage(provider);
        var message = new ChatMessage(ChatRole.User, "Returns are accepted within 30 days.");

        await client.GetResponseAsync([message]);

        Assert.Same(message, provider.Received[0][0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ModelCallsToolWithPlaceholder_CallerGetsRealArgument(bool streaming)
    {
        var provider = new RecordingChatClient
        {
            Reply = static _ => [""],
            ExtraContents = static _ =>
            [
                new FunctionCallContent("call_1", "send_mail", new Dictionary<string, object?>
                {
                    ["to"] = "<EMAIL_1>",
                    ["body"] = JsonDocument.Parse("""{"cc":["<EMAIL_1>","<EMAIL_9>"]}""").RootElement.Clone(),
                }),
            ],
        };
        using var client = Stage(provider);

        var response = await CallAsync(client, $"Mail {Email}.", streaming);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(Email, call.Arguments!["to"]);
        var cc = ((JsonElement)call.Arguments["body"]!).GetProperty("cc");
        Assert.Equal(Email, cc[0].GetString());
        Assert.Equal("<EMAIL_9>", cc[1].GetString());
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallAndResultInHistory_ProviderSeesPlaceholders()
    {
        var provider = new RecordingChatClient();
        using var client = Stage(provider);
        ChatMessage[] messages =
        [
            new(ChatRole.User, $"Find the order of {Email}."),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "find_order", new Dictionary<string, object?> { ["email"] = Email })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", JsonDocument.Parse($$"""{"owner":"{{Email}}","phone":"{{Phone}}"}""").RootElement.Clone())]),
            new(ChatRole.Tool, [new FunctionResultContent("c2", $"Shipped to {Email}.")]),
        ];

        await client.GetResponseAsync(messages);

        var sent = provider.Received[0];
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(sent[1].Contents));
        Assert.Equal("<EMAIL_1>", call.Arguments!["email"]);
        var result = (JsonElement)Assert.IsType<FunctionResultContent>(Assert.Single(sent[2].Contents)).Result!;
        Assert.Equal("<EMAIL_1>", result.GetProperty("owner").GetString());
        Assert.Equal("<PHONE_1>", result.GetProperty("phone").GetString());
        Assert.Equal("Shipped to <EMAIL_1>.", Assert.IsType<FunctionResultContent>(Assert.Single(sent[3].Contents)).Result);
        Assert.Equal(Email, messages[1].Contents.OfType<FunctionCallContent>().Single().Arguments!["email"]); // the caller's own stay
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_TwoCalls_PlaceholdersAreNotShared(bool streaming)
    {
        var provider = new RecordingChatClient { Reply = static _ => ["<EMAIL_1>"] };
        using var client = Stage(provider);

        await CallAsync(client, $"I am {Email}.", streaming);
        var second = await CallAsync(client, "Who am I?", streaming);

        Assert.Equal("<EMAIL_1>", second.Text);
    }

    private sealed class NameDetector(string name) : IPiiDetector
    {
        public void Detect(string text, ICollection<PiiFinding> findings)
        {
            for (var index = text.IndexOf(name, StringComparison.Ordinal); index >= 0; index = text.IndexOf(name, index + name.Length, StringComparison.Ordinal))
            {
                findings.Add(new PiiFinding("PERSON", index, name.Length));
            }
        }
    }
}
