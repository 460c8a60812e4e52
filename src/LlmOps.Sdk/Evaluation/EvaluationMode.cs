namespace LlmOps.Sdk.Evaluation;

/// <summary>When an evaluator runs relative to the call it scores.</summary>
public enum EvaluationMode
{
    /// <summary>Awaited before the call returns (at most for the evaluator's timeout); its scores go on the call's span.</summary>
    Inline,

    /// <summary>Queued and run by a background worker after the call has returned; its span is a child of the call's span.</summary>
    Background,
}
