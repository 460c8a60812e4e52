namespace LlmOps.Cli.Progress;

/// <summary>Writes a plain progress line at most every interval, and the last one when the run ends.</summary>
/// <remarks>Thread-safe: cases finish on many threads at once.</remarks>
internal sealed class PlainProgress : IProgress<RunProgressSnapshot>
{
    private readonly Lock _gate = new();
    private readonly TextWriter _error;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private long? _lastWritten;
    private RunProgressSnapshot? _last;
    private RunProgressSnapshot? _lastShown;

    public PlainProgress(TextWriter error, TimeProvider timeProvider, TimeSpan interval)
    {
        _error = error;
        _timeProvider = timeProvider;
        _interval = interval;
    }

    public void Report(RunProgressSnapshot value)
    {
        lock (_gate)
        {
            _last = value;
            var now = _timeProvider.GetTimestamp();
            if (_lastWritten is { } last && _timeProvider.GetElapsedTime(last, now) < _interval)
            {
                return;
            }

            _lastWritten = now;
            Write(value);
        }
    }

    /// <summary>Writes the final state, unless it is what the last line already said.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_last is { } last && last != _lastShown)
            {
                Write(last);
            }
        }
    }

    private void Write(RunProgressSnapshot value)
    {
        _lastShown = value;
        _error.WriteLine(value.ToLine());
    }
}
