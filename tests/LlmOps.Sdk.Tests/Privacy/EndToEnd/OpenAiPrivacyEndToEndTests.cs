using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmOps.Sdk.Tests.Resilience.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace LlmOps.Sdk.Tests.Privacy.EndToEnd;

/// <summary>
/// The privacy stage in front of the real stack: Microsoft.Extensions.AI.OpenAI over the official OpenAI SDK, talking
/// HTTP to a local chat-completions server that records every request body it receives and echoes the user's text.
/// </summary>
public sealed class OpenAiPrivacyEndToEndTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_FiftyMessagesWithPersonalData_ServerSeesNoValueAndCallerGetsItsOwnBack(bool streaming)
    {
        var bodies = new ConcurrentQueue<string>();
        await using var server = ChatCompletionsServer.Start(request =>
        {
            bodies.Enqueue(request.Body);
            return ServerAction.Reply("Noted: " + request.UserText);
        });
        var services = new ServiceCollection();
        services.AddChatClient(_ => CreateOpenAiChatClient(server.Endpoint));
        services.AddLlmOps(llmops => llmops.AddPrivacy());
        await using var built = services.BuildServiceProvider();
        var client = built.GetRequiredService<IChatClient>();
        var messages = Enumerable.Range(0, 50).Select(Message).ToList();

        var answers = new List<string>();
        foreach (var message in messages)
        {
            answers.Add(await CallAsync(client, message, streaming));
        }

        Assert.Equal(50, bodies.Count);
        var received = string.Join("\n", bodies.Select(AllStrings));
        for (var i = 0; i < messages.Count; i++)
        {
            Assert.Equal("Noted: " + messages[i], answers[i]);
            foreach (var value in Values(i))
            {
                Assert.DoesNotContain(value, received, StringComparison.Ordinal);
            }
        }

        Assert.Contains("<EMAIL_1>", received, StringComparison.Ordinal);
        Assert.Contains("<CARD_1>", received, StringComparison.Ordinal);
    }

    private static string[] Values(int i) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"user{i}@example.com"),
        string.Create(CultureInfo.InvariantCulture, $"+49 30 {1234500 + i}"),
        string.Create(CultureInfo.InvariantCulture, $"192.168.{i}.20"),
        "4111 1111 1111 1111",
        "DE89 3704 0044 0532 0130 00",
    ];

    private static string Message(int i)
    {
        var values = Values(i);
        return i % 2 == 0
            ? $"Customer {values[0]} (phone {values[1]}, IP {values[2]}) paid with {values[3]}."
            : $"Refund {values[0]} to {values[4]}; call {values[1]} from {values[2]}, card {values[3]}.";
    }

    /// <summary>Every string in a JSON body, decoded, so that an escaped character cannot hide a value from the check.</summary>
    private static string AllStrings(string body)
    {
        using var document = JsonDocument.Parse(body);
        var text = new StringBuilder();
        Collect(document.RootElement, text);
        return text.ToString();

        static void Collect(JsonElement element, StringBuilder text)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    text.Append(element.GetString()).Append('\n');
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Collect(property.Value, text);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item, text);
                    }

                    break;
            }
        }
    }

    private static async Task<string> CallAsync(IChatClient client, string message, bool streaming)
    {
        if (!streaming)
        {
            return (await client.GetResponseAsync(message)).Text;
        }

        var text = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(message))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    private static IChatClient CreateOpenAiChatClient(Uri endpoint) =>
        new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) })
            .GetChatClient(ChatCompletionsServer.Model)
            .AsIChatClient();
}
