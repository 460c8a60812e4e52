using System.Diagnostics;

namespace LlmOps.Sdk.Evaluation;

/// <summary>What is captured when a sampled call starts: the clock, for latency, and the call's span, for parenting.</summary>
internal readonly record struct CallStart(long Timestamp, ActivityContext Parent);
