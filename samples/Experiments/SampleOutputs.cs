namespace ExperimentsSample;

/// <summary>The files the sample writes.</summary>
internal sealed record SampleOutputs(string Results, string Markdown, string Html);
