using LlmOps.Sdk.Capture;

namespace LlmOps.Sdk.Tests.Capture;

/// <summary>A capture writer that hands each batch to the test.</summary>
internal sealed class TestCaptureWriter(Func<IReadOnlyList<CapturedCall>, CancellationToken, ValueTask> write) : ICaptureWriter
{
    public string Target => "the test";

    public ValueTask WriteAsync(IReadOnlyList<CapturedCall> calls, CancellationToken cancellationToken) => write(calls, cancellationToken);

    public void Dispose()
    {
    }
}
