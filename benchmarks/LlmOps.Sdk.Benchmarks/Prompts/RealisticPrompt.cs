namespace LlmOps.Sdk.Benchmarks.Prompts;

/// <summary>
/// The prompt the template benchmarks render: about 600 characters of template, 5 scalar variables and a loop over
/// 5 few-shot examples, written in each engine's own language so that all four produce the same text.
/// </summary>
internal static class RealisticPrompt
{
    public const string Mustache =
        """
        You are a customer support assistant for {{product}}, a project management tool.
        Answer in {{language}}, in a {{tone}} tone, and keep the answer under 120 words.
        The customer is {{customer}}, on the {{plan}} plan; mention plan limits only when they matter.
        Never promise refunds, never share internal links, and say so when you do not know.
        Do not invent features. When a question is about billing, point to the billing page.

        Here are examples of good answers:
        {{#examples}}
        Customer: {{question}}
        Assistant: {{answer}}

        {{/examples}}
        Now answer the customer's next message.
        """;

    public const string Liquid =
        """
        You are a customer support assistant for {{ product }}, a project management tool.
        Answer in {{ language }}, in a {{ tone }} tone, and keep the answer under 120 words.
        The customer is {{ customer }}, on the {{ plan }} plan; mention plan limits only when they matter.
        Never promise refunds, never share internal links, and say so when you do not know.
        Do not invent features. When a question is about billing, point to the billing page.

        Here are examples of good answers:
        {% for example in examples %}Customer: {{ example.question }}
        Assistant: {{ example.answer }}

        {% endfor %}Now answer the customer's next message.
        """;

    public const string Scriban =
        """
        You are a customer support assistant for {{ product }}, a project management tool.
        Answer in {{ language }}, in a {{ tone }} tone, and keep the answer under 120 words.
        The customer is {{ customer }}, on the {{ plan }} plan; mention plan limits only when they matter.
        Never promise refunds, never share internal links, and say so when you do not know.
        Do not invent features. When a question is about billing, point to the billing page.

        Here are examples of good answers:
        {{ for example in examples }}Customer: {{ example.question }}
        Assistant: {{ example.answer }}

        {{ end }}Now answer the customer's next message.
        """;

    public static readonly object Variables = new
    {
        product = "Acme Boards",
        language = "English",
        tone = "friendly",
        customer = "Dana Smith",
        plan = "Team",
        examples = new[]
        {
            new { question = "How do I invite a colleague?", answer = "Open Settings, then Members, and click Invite. They get an e-mail with a link." },
            new { question = "Can I export my board?", answer = "Yes: open the board menu and choose Export. CSV and JSON are available on every plan." },
            new { question = "Why can't I add more boards?", answer = "The Team plan allows 50 boards. Archive old ones or ask your admin about the Business plan." },
            new { question = "Is there a dark mode?", answer = "Yes. Open your profile, then Appearance, and pick Dark." },
            new { question = "How do I get a refund?", answer = "I can't handle refunds here, but the billing page lets you contact our billing team directly." },
        },
    };
}
