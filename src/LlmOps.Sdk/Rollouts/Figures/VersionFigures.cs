namespace LlmOps.Sdk.Rollouts;

/// <summary>One version's live figures in one rollout step: calls, errors, a latency histogram, cost and chosen scores.</summary>
/// <remarks>
/// Thread-safe. Recording takes an uncontended lock and touches a few fields, with no allocation; <see cref="Snapshot"/>
/// copies them for the controller, which judges a step on the copy.
/// </remarks>
internal sealed class VersionFigures
{
    private readonly Lock _lock = new();
    private readonly long[] _latency = new long[LatencyBuckets.Count];
    private readonly ScoreTally[] _scores;
    private long _calls;
    private long _errors;
    private long _costCount;
    private double _costSum;
    private double _costSquares;

    public VersionFigures(int scoreCount)
    {
        _scores = new ScoreTally[scoreCount];
    }

    /// <summary>Counts one finished call.</summary>
    public void RecordCall(bool failed, double latencyMilliseconds, double? costUsd)
    {
        var bucket = LatencyBuckets.IndexOf(latencyMilliseconds);
        lock (_lock)
        {
            _calls++;
            _latency[bucket]++;
            if (failed)
            {
                _errors++;
            }

            if (costUsd is { } cost)
            {
                _costCount++;
                _costSum += cost;
                _costSquares += cost * cost;
            }
        }
    }

    /// <summary>Counts one score of the score at <paramref name="index"/> in the plan's guarded scores.</summary>
    public void RecordScore(int index, bool? passed, double? value)
    {
        lock (_lock)
        {
            ref var tally = ref _scores[index];
            if (passed is { } verdict)
            {
                tally.Verdicts++;
                if (verdict)
                {
                    tally.Passes++;
                }
            }

            if (value is { } number && double.IsFinite(number))
            {
                tally.Count++;
                tally.Sum += number;
                tally.Squares += number * number;
            }
        }
    }

    /// <summary>Copies the figures as they are now.</summary>
    public VersionSnapshot Snapshot()
    {
        lock (_lock)
        {
            var scores = new ScoreSnapshot[_scores.Length];
            for (var i = 0; i < scores.Length; i++)
            {
                var tally = _scores[i];
                scores[i] = new ScoreSnapshot(tally.Passes, tally.Verdicts, new RunningMean(tally.Count, tally.Sum, tally.Squares));
            }

            return new VersionSnapshot(_calls, _errors, [.. _latency], new RunningMean(_costCount, _costSum, _costSquares), scores);
        }
    }

    private struct ScoreTally
    {
        public long Passes;
        public long Verdicts;
        public long Count;
        public double Sum;
        public double Squares;
    }
}
