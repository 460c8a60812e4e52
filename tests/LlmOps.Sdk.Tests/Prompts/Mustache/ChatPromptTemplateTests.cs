using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Mustache;

public sealed class ChatPromptTemplateTests
{
    [Fact]
    public void Render_TwoMessages_ReturnsOneMessagePerTemplateWithItsRole()
    {
        var template = ChatPromptTemplate.Parse(
        [
            new ChatMessage(ChatRole.System, "You are {{persona}}."),
            new ChatMessage(ChatRole.User, "{{question}}"),
        ]);

        var messages = template.Render(new { persona = "a support agent", question = "Where is my order?" });

        Assert.Collection(messages,
            m => Assert.Equal((ChatRole.System, "You are a support agent."), (m.Role, m.Text)),
            m => Assert.Equal((ChatRole.User, "Where is my order?"), (m.Role, m.Text)));
    }
}
