using LlmOps.Sdk.Evaluation;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class AIEvaluatorAdapterTests
{
    [Fact]
    public async Task EvaluateAsync_NumericMetricWithFailedInterpretation_ScoresValueAndFails()
    {
        var metric = new NumericMetric("Relevance", 2, reason: "Off topic.")
        {
            Interpretation = new EvaluationMetricInterpretation(EvaluationRating.Poor, failed: true, reason: "Below 4."),
        };

        var score = await new AIEvaluatorAdapter(new JudgeStub(metric)).ScoreAsync(EvaluatorTestContext.For("answer"));

        Assert.Equal(("Relevance", 2.0, false, "fail", "Off topic."), (score.Name, score.Value, score.Passed, score.Label, score.Explanation));
    }

    [Fact]
    public async Task EvaluateAsync_BooleanMetric_ScoresOneAndPasses()
    {
        var score = await new AIEvaluatorAdapter(new JudgeStub(new BooleanMetric("Grounded", true))).ScoreAsync(EvaluatorTestContext.For("answer"));

        Assert.Equal((1.0, true, "pass"), (score.Value, score.Passed, score.Label));
    }

    [Fact]
    public async Task EvaluateAsync_StringMetric_UsesItsValueAsLabel()
    {
        var metric = new StringMetric("Tone", "friendly")
        {
            Interpretation = new EvaluationMetricInterpretation(EvaluationRating.Good, failed: false, reason: "Polite."),
        };

        var score = await new AIEvaluatorAdapter(new JudgeStub(metric)).ScoreAsync(EvaluatorTestContext.For("answer"));

        Assert.Equal((null, true, "friendly", "Polite."), (score.Value, score.Passed, score.Label, score.Explanation));
    }

    [Fact]
    public async Task EvaluateAsync_ErrorDiagnostic_MarksTheScoreAsError()
    {
        var metric = new NumericMetric("Coherence");
        metric.AddDiagnostics(EvaluationDiagnostic.Error("The judge returned no score."));

        var score = await new AIEvaluatorAdapter(new JudgeStub(metric)).ScoreAsync(EvaluatorTestContext.For("answer"));

        Assert.Equal(("evaluation_diagnostic", "The judge returned no score."), (score.ErrorType, score.Explanation));
    }

    [Fact]
    public async Task EvaluateAsync_Call_PassesMessagesResponseConfigurationAndContext()
    {
        var judge = new JudgeStub(new NumericMetric("Relevance", 5));
        var configuration = new ChatConfiguration(new LlmOps.Sdk.Testing.ScriptedChatClient());
        var adapter = new AIEvaluatorAdapter(judge, configuration, static context => [new GroundTruth(context.ReferenceAnswer!)]);
        var context = EvaluatorTestContext.For("Paris", ["Paris"]);

        var scores = await adapter.ScoresAsync(context);

        Assert.Single(scores);
        Assert.Same(context.Response, judge.Response);
        Assert.Same(configuration, judge.Configuration);
        Assert.Equal("Paris", Assert.IsType<GroundTruth>(Assert.Single(judge.Context!)).Contents.OfType<TextContent>().Single().Text);
        Assert.Equal("Relevance", adapter.Name);
    }

    private sealed class JudgeStub(params EvaluationMetric[] metrics) : IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => [.. metrics.Select(static m => m.Name)];

        public ChatResponse? Response { get; private set; }

        public ChatConfiguration? Configuration { get; private set; }

        public IReadOnlyList<Microsoft.Extensions.AI.Evaluation.EvaluationContext>? Context { get; private set; }

        public ValueTask<EvaluationResult> EvaluateAsync(
            IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
            IEnumerable<Microsoft.Extensions.AI.Evaluation.EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
        {
            (Response, Configuration, Context) = (modelResponse, chatConfiguration, additionalContext?.ToList());
            return new(new EvaluationResult(metrics));
        }
    }

    private sealed class GroundTruth(string answer) : Microsoft.Extensions.AI.Evaluation.EvaluationContext("Ground truth", answer);
}
