using System.Text;
using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Capture;

/// <summary>Appends captured calls to the registry's database, one transaction per batch the queue hands over.</summary>
/// <remarks>
/// Each case keeps the dataset item exactly as the file writer would write its line, so an export of the table and a
/// captured file hold the same bytes. Called by the capture queue's single writer only.
/// </remarks>
internal sealed class CaptureStoreWriter : ICaptureWriter
{
    private readonly ICapturedCaseStore _store;
    private readonly string _dataset;
    private readonly IRedactor? _redactor;
    private readonly List<CapturedCase> _batch = [];

    public CaptureStoreWriter(ICapturedCaseStore store, string dataset, IRedactor? redactor)
    {
        _store = store;
        _dataset = dataset;
        _redactor = redactor;
    }

    public string Target => $"dataset '{_dataset}' of {_store.Description}";

    public async ValueTask WriteAsync(IReadOnlyList<CapturedCall> calls, CancellationToken cancellationToken)
    {
        _batch.Clear();
        foreach (var call in calls)
        {
            var line = CaptureLine.Serialize(call, _redactor);
            var item = Encoding.UTF8.GetString(line, 0, line.Length - 1); // the store keeps the item; the export adds the line's end
            _batch.Add(new CapturedCase(_dataset, call.CapturedAt, call.PromptName, call.PromptVersion, call.Reason, call.ResponseId, item));
        }

        await _store.AppendAsync(_batch, cancellationToken);
    }

    public void Dispose()
    {
        // The store belongs to the registry, which the container disposes.
    }
}
