using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Benchmarks.Prompts;

/// <summary>
/// Reading one prompt version from its file text: the SDK's own YAML format (the baseline), against the same prompt
/// as a v2 <c>.prompty</c> file (inputs as a list, options, a function tool, an <c>${env:…:default}</c> reference) and
/// as a v1 one (configuration, parameters, sample). This is a start and reload cost, paid once per file change.
/// </summary>
[MemoryDiagnoser]
public class PromptFileParseBenchmarks
{
    private const string OwnYaml = """
        description: Answers a support question.
        model: { id: gpt-4o-mini, temperature: 0.2, max_output_tokens: 400 }
        variables:
          customer: { description: The customer's first name }
          question: { description: What they ask }
          tone: { default: friendly }
        messages:
          - role: system
            content: You are a {{tone}} support agent for Contoso. Answer in two sentences.
          - role: user
            content: |
              {{customer}} asks: {{question}}
        """;

    private const string PromptyV2 = """
        ---
        name: support-reply
        description: Answers a support question.
        metadata:
          authors: [ada, grace]
        model:
          id: ${env:LLMOPS_BENCH_DEPLOYMENT:gpt-4o-mini}
          apiType: chat
          connection:
            kind: key
            apiKey: ${env:OPENAI_API_KEY}
          options:
            temperature: 0.2
            maxOutputTokens: 400
        inputs:
          - name: customer
            kind: string
            description: The customer's first name
          - name: question
            kind: string
            description: What they ask
          - name: tone
            kind: string
            default: friendly
        tools:
          - name: get_order
            kind: function
            description: Looks an order up
            parameters:
              - name: id
                kind: string
                required: true
        template:
          format:
            kind: mustache
          parser:
            kind: prompty
        ---
        system:
        You are a {{tone}} support agent for Contoso. Answer in two sentences.

        user:
        {{customer}} asks: {{question}}
        """;

    private const string PromptyV1 = """
        ---
        name: Support Reply
        description: Answers a support question.
        authors:
          - ada
        model:
          api: chat
          configuration:
            type: azure_openai
            azure_deployment: gpt-4o-mini
            azure_endpoint: ${env:AZURE_OPENAI_ENDPOINT}
          parameters:
            temperature: 0.2
            max_tokens: 400
        inputs:
          customer:
            type: string
            description: The customer's first name
          question:
            type: string
            description: What they ask
        sample:
          tone: friendly
        ---
        system:
        You are a {{tone}} support agent for Contoso. Answer in two sentences.

        user:
        {{customer}} asks: {{question}}
        """;

    private readonly PromptyContext _context = new(Path.GetTempPath(), static _ => null);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "support-reply");

    [Benchmark(Baseline = true)]
    public PromptVersion OwnYamlFormat() => PromptYamlFormat.Parse(Path.Combine(_folder, "v1.yaml"), OwnYaml, "support-reply", 1);

    [Benchmark]
    public PromptVersion PromptyV2File() => PromptyFormat.Parse(Path.Combine(_folder, "v2.prompty"), PromptyV2, "support-reply", 2, _context);

    [Benchmark]
    public PromptVersion PromptyV1File() => PromptyFormat.Parse(Path.Combine(_folder, "v3.prompty"), PromptyV1, "support-reply", 3, _context);
}
