namespace LlmOps.Sdk.Tests.Experiments;

/// <summary>Reports progress on the reporting thread, at once, unlike <see cref="Progress{T}"/>, which posts it.</summary>
internal sealed class SynchronousProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
