namespace LlmOps.Sdk.Evaluation;

/// <summary>An evaluator created for one pipeline, with its run settings read once.</summary>
internal sealed class EvaluationHook
{
    public EvaluationHook(IResponseEvaluator evaluator, EvaluatorOptions options)
    {
        Evaluator = evaluator;
        Name = string.IsNullOrWhiteSpace(evaluator.Name) ? evaluator.GetType().Name : evaluator.Name;
        SamplingRate = options.SamplingRate;
        Mode = options.Mode;
        Timeout = options.Timeout;
    }

    public IResponseEvaluator Evaluator { get; }

    public string Name { get; }

    public double SamplingRate { get; }

    public EvaluationMode Mode { get; }

    public TimeSpan Timeout { get; }
}
