using System.Diagnostics;
using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Privacy;

/// <summary>A streamed call through the privacy stage: protected when enumeration starts, restored chunk by chunk.</summary>
/// <remarks>
/// Protection runs when the caller starts reading, so that a blocked call fails there, as every stage's stream does,
/// and while the call's span is current. A clean call hands back the inner stream's own enumerator: no layer per chunk.
/// A hand-written enumerator rather than an iterator, so that a chunk costs one check for <c>&lt;</c> and no state machine.
/// </remarks>
internal sealed class PrivacyStream : IAsyncEnumerable<ChatResponseUpdate>
{
    private readonly PrivacyChatClient _client;
    private readonly IEnumerable<ChatMessage> _messages;
    private readonly ChatOptions? _options;
    private readonly CancellationToken _cancellationToken;

    public PrivacyStream(PrivacyChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        _client = client;
        _messages = messages;
        _options = options;
        _cancellationToken = cancellationToken;
    }

    public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var token = cancellationToken.CanBeCanceled ? cancellationToken : _cancellationToken;
        var options = _options;
        var activity = LlmOpsActivity.Current;
        var sent = _client.Protect(_messages, ref options, activity, out var call);
        var inner = _client.StreamFromInner(sent, options, token).GetAsyncEnumerator(token);
        return call is null ? inner : new Restoring(inner, call, LlmOpsActivity.CapturesContent(activity) ? activity : null);
    }

    private sealed class Restoring : IAsyncEnumerator<ChatResponseUpdate>
    {
        private readonly IAsyncEnumerator<ChatResponseUpdate> _inner;
        private readonly PrivacyCall _call;
        private readonly StreamingRestorer _restorer;
        private readonly Activity? _capturing;
        private readonly List<ChatResponseUpdate>? _received;
        private bool _ended;

        public Restoring(IAsyncEnumerator<ChatResponseUpdate> inner, PrivacyCall call, Activity? capturing)
        {
            _inner = inner;
            _call = call;
            _restorer = new StreamingRestorer(call);
            _capturing = capturing;
            _received = capturing is null ? null : [];
        }

        public ChatResponseUpdate Current { get; private set; } = null!; // set before MoveNextAsync returns true

        public ValueTask<bool> MoveNextAsync()
        {
            if (_ended)
            {
                return ValueTask.FromResult(false);
            }

            var next = _inner.MoveNextAsync();
            if (next.IsCompletedSuccessfully)
            {
#pragma warning disable RS0030 // The task has completed: reading its result does not block.
                return ValueTask.FromResult(OnNext(next.Result));
#pragma warning restore RS0030
            }

            return AwaitNextAsync(next);
        }

        public async ValueTask DisposeAsync()
        {
            _call.Clear();
            await _inner.DisposeAsync();
        }

        private async ValueTask<bool> AwaitNextAsync(ValueTask<bool> next) => OnNext(await next);

        private bool OnNext(bool hasNext)
        {
            if (hasNext)
            {
                var update = _inner.Current;
                _received?.Add(update);
                Current = _restorer.Restore(update);
                return true;
            }

            _ended = true;
            if (_received is not null)
            {
                LlmOpsActivity.RecordReceivedResponse(_capturing, _received.ToChatResponse());
            }

            if (_restorer.Flush() is { } last)
            {
                Current = last;
                return true;
            }

            return false;
        }
    }
}
