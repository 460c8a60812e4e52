namespace LlmOps.Sdk.Capture;

/// <summary>Where the capture queue's single writer puts captured calls: a dataset file, or the registry's database.</summary>
/// <remarks>Called by that one writer only, never concurrently; a batch either lands whole or the call throws.</remarks>
internal interface ICaptureWriter : IDisposable
{
    /// <summary>Gets where calls are written, for log messages: a file path or a store, never a password.</summary>
    string Target { get; }

    /// <summary>Writes a batch of captured calls, in order.</summary>
    /// <exception cref="Exception">Anything the file or the database throws; the queue counts the batch as dropped and logs it.</exception>
    ValueTask WriteAsync(IReadOnlyList<CapturedCall> calls, CancellationToken cancellationToken);
}
