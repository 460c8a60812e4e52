using System.Text.Json;
using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation;

public sealed class TextRunsTests
{
    private static readonly string?[] Names = [null, string.Empty, "a", "b"];
    private static readonly ChatRole?[] Roles = [null, ChatRole.Assistant, ChatRole.Tool];
    private static readonly DateTimeOffset?[] Times = [null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero)];
    private static readonly ChatFinishReason?[] FinishReasons = [null, ChatFinishReason.Stop, ChatFinishReason.Length];

    [Fact]
    public void ChatResponseUpdate_Properties_AreTheOnesJoinKnows()
    {
        // A property added to updates may be one ToChatResponse reads: the join must then be taught about it.
        string[] known =
        [
            "AdditionalProperties", "AuthorName", "Contents", "ContinuationToken", "ConversationId", "CreatedAt", "FinishReason",
            "MessageId", "ModelId", "RawRepresentation", "ResponseId", "Role", "Text",
        ];

        var actual = typeof(ChatResponseUpdate).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(known, actual);
    }

    [Fact]
    public void Join_PlainTextStream_LeavesOneUpdatePerRun()
    {
        var updates = Enumerable.Range(0, 200)
            .Select(i => new ChatResponseUpdate(ChatRole.Assistant, $"w{i} ") { MessageId = "m", ResponseId = "r" })
            .ToArray();
        var expected = Serialize(updates.ToChatResponse());

        var kept = TextRuns.Join(updates);

        Assert.Equal(1, kept);
        Assert.Equal(expected, Serialize(updates.AsSpan(0, kept).ToArray().ToChatResponse()));
    }

    [Fact]
    public void Join_GeneratedStreams_AssembleAsToChatResponseDoes()
    {
        var random = new Random(4711);
        var joinedStreams = 0;
        for (var stream = 0; stream < 2_000; stream++)
        {
            var updates = GenerateStream(random);
            var expected = updates.ToChatResponse();

            var joined = updates.ToArray();
            var kept = TextRuns.Join(joined);
            joinedStreams += kept < updates.Count ? 1 : 0;
            var actual = joined.AsSpan(0, kept).ToArray().ToChatResponse();

            Assert.True(Serialize(expected) == Serialize(actual), $"Stream {stream} assembled differently:\n{Serialize(expected)}\n{Serialize(actual)}");
            Assert.Same(expected.RawRepresentation, actual.RawRepresentation);
            Assert.Equal(expected.Messages.Select(m => m.RawRepresentation), actual.Messages.Select(m => m.RawRepresentation));
        }

        // The comparison says something only if runs were joined often enough (396 of these 2,000 streams).
        Assert.True(joinedStreams > 300, $"Only {joinedStreams} of the generated streams had a run to join.");
    }

    [Fact]
    public void Join_SingleTextInARun_KeepsTheProvidersContent()
    {
        var text = new TextContent("only") { RawRepresentation = "raw" };
        ChatResponseUpdate[] updates = [new() { Role = ChatRole.Assistant }, new() { Role = ChatRole.Assistant, Contents = [text] }];

        var kept = TextRuns.Join(updates);

        Assert.Equal(2, kept);
        Assert.Same(text, updates.ToChatResponse().Messages[0].Contents[0]);
    }

    private static List<ChatResponseUpdate> GenerateStream(Random random)
    {
        var updates = new List<ChatResponseUpdate>();
        var count = random.Next(0, 12);
        for (var i = 0; i < count; i++)
        {
            // Mostly the previous update's fields again, so that runs form; now and then one field or all of them change.
            var update = updates.Count > 0 && random.Next(4) != 0 ? SameFields(updates[^1]) : RandomFields(random);
            switch (random.Next(16))
            {
                case 0: update.AuthorName = Pick(random, Names); break;
                case 1: update.MessageId = Pick(random, Names); break;
                case 2: update.Role = Pick(random, Roles); break;
                case 3: update.ResponseId = Pick(random, Names); break;
                case 4: update.ModelId = Pick(random, Names); break;
                case 5: update.CreatedAt = Pick(random, Times); break;
                case 6: update.FinishReason = Pick(random, FinishReasons); break;
                case 7: update.AdditionalProperties = new() { ["k"] = i }; break;
                case 8: update.ContinuationToken = ResponseContinuationToken.FromBytes(new byte[] { 1 }); break;
                case 9: update.ConversationId = Pick(random, Names); break;
                default: break;
            }

            update.RawRepresentation = random.Next(2) == 0 ? $"raw {i}" : null;
            var contents = random.Next(0, 4);
            for (var c = 0; c < contents; c++)
            {
                update.Contents.Add(GenerateContent(random, i, c));
            }

            updates.Add(update);
        }

        return updates;
    }

    private static ChatResponseUpdate SameFields(ChatResponseUpdate previous) => new()
    {
        AuthorName = previous.AuthorName,
        MessageId = previous.MessageId,
        Role = previous.Role,
        ResponseId = previous.ResponseId,
        ConversationId = previous.ConversationId,
        ModelId = previous.ModelId,
        CreatedAt = previous.CreatedAt,
        FinishReason = previous.FinishReason,
    };

    private static ChatResponseUpdate RandomFields(Random random) => new()
    {
        AuthorName = Pick(random, Names),
        MessageId = Pick(random, Names),
        Role = Pick(random, Roles),
        ResponseId = Pick(random, Names),
        ConversationId = Pick(random, Names),
        ModelId = Pick(random, Names),
        CreatedAt = Pick(random, Times),
        FinishReason = random.Next(3) == 0 ? Pick(random, FinishReasons) : null,
    };

    private static AIContent GenerateContent(Random random, int update, int index) => random.Next(12) switch
    {
        0 => new UsageContent(new UsageDetails { InputTokenCount = update, OutputTokenCount = index }),
        1 => new TextContent($"<{update}.{index}>") { AdditionalProperties = new() { ["p"] = index } },
        2 => new TextContent($"<{update}.{index}>") { Annotations = [new CitationAnnotation { Title = "t" }] },
        3 => new TextReasoningContent($"thinking {update}.{index}"),
        4 => new FunctionCallContent($"call{update}", "lookup"),
        5 => new TextContent(string.Empty),
        _ => new TextContent($"<{update}.{index}>") { RawRepresentation = $"raw text {update}.{index}" },
    };

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static string Serialize(ChatResponse response) => JsonSerializer.Serialize(response, AIJsonUtilities.DefaultOptions);
}
