using System.Text.Json;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Experiments;

public sealed class ExperimentRunnerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_TwoCandidates_WritesOneLinePerCaseWithOutputScoresAndIdentity()
    {
        using var client = new RecordingChatClient(_time, prompt => prompt.Replace("Q: question", "answer", StringComparison.Ordinal));
        var dataset = Items(3);
        var experiment = new Experiment
        {
            Id = "exp-1",
            Dataset = dataset,
            Candidates = [Candidate("good", "Q: {{question}}", client), Candidate("bad", "Say no to {{question}}", client)],
            Evaluators = [new ExactMatchEvaluator()],
        };
        var path = _folder.File("results.jsonl");

        var result = await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path);

        var lines = await ReadAsync(path);
        Assert.Equal(6, lines.Count);
        Assert.Equal((6, 6, 0, 0), (result.TotalCases, result.CompletedCases, result.SkippedCases, result.FailedCases));
        var good = lines.Where(l => l.Candidate == "good").OrderBy(l => l.ItemId).ToList();
        Assert.Equal(["answer 0", "answer 1", "answer 2"], good.Select(l => l.Output));
        Assert.All(good, l => Assert.Equal(1.0, Assert.Single(l.Scores, s => s.Name == "exact_match").Value));
        Assert.All(lines.Where(l => l.Candidate == "bad"), l => Assert.Equal(0.0, Assert.Single(l.Scores, s => s.Name == "exact_match").Value));
        Assert.All(lines, l =>
        {
            Assert.Equal(("exp-1", dataset.ContentHash, "qa"), (l.ExperimentId, l.DatasetHash, l.PromptName));
            Assert.Equal((5L, 3L), (l.InputTokens, l.OutputTokens));
            Assert.True(l.Cost > 0, $"gpt-4o-mini has a built-in price, so the cost is known; got {l.Cost}");
        });
        Assert.Equal(dataset.ContentHash, result.DatasetHash);
    }

    [Fact]
    public async Task RunAsync_ItemsLackPromptVariables_ThrowsListingEveryItemBeforeAnyCall()
    {
        using var client = new RecordingChatClient(_time);
        var dataset = Dataset.LoadJsonl(_folder.Write("qa.jsonl", """
            {"id": "q1", "variables": {"question": "a", "customer": "Ann"}}
            {"id": "q2", "variables": {"question": "b"}}
            {"id": "q3", "variables": {"customer": "Cy"}}
            """));
        var experiment = new Experiment
        {
            Id = "exp",
            Dataset = dataset,
            Candidates = [Candidate("a", "{{question}}", client), Candidate("b", "Dear {{customer}}: {{question}}", client)],
        };

        var error = await Assert.ThrowsAsync<DatasetException>(() => new ExperimentRunner(timeProvider: _time).RunAsync(experiment, _folder.File("r.jsonl")));

        Assert.Equal(
            [(2, "variables.customer"), (3, "variables.question"), (3, "variables.question")],
            error.Problems.Select(p => (p.Line ?? 0, p.Field)).OrderBy(p => p.Item1).ThenBy(p => p.Field).ToList());
        Assert.Contains("line 2 (item 'q2') has no variable 'customer', which prompt 'qa' v1 (candidate 'b') requires", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.CallCount);
        Assert.False(File.Exists(_folder.File("r.jsonl")), "nothing is written when the dataset does not fit the prompts");
    }

    [Fact]
    public async Task RunAsync_CsvLacksAColumnThePromptNeeds_ThrowsNamingTheColumnOnce()
    {
        using var client = new RecordingChatClient(_time);
        var dataset = Dataset.Load(_folder.Write("qa.csv", "id,question\nq1,a\nq2,b\nq3,c\n"));
        var experiment = new Experiment { Id = "exp", Dataset = dataset, Candidates = [Candidate("a", "Dear {{customer}}: {{question}}", client)] };

        var error = await Assert.ThrowsAsync<DatasetException>(() => new ExperimentRunner(timeProvider: _time).RunAsync(experiment, _folder.File("r.jsonl")));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("customer", problem.Field);
        Assert.Contains("has no column 'customer', which prompt 'qa' v1 (candidate 'a') requires", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.CallCount);
    }

    [Fact]
    public async Task RunAsync_CanceledAfterSomeCases_RerunRunsExactlyTheRest()
    {
        using var client = new RecordingChatClient(_time);
        var experiment = new Experiment
        {
            Id = "exp",
            Dataset = Items(10),
            Candidates = [Candidate("a", "{{question}}", client), Candidate("b", "B {{question}}", client)],
            MaxConcurrency = 1,
        };
        var path = _folder.File("results.jsonl");
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress<ExperimentProgress>(p =>
        {
            if (p.CasesDone == 7)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path, progress, stop.Token));
        var firstRun = await ReadAsync(path);
        var callsBefore = client.CallCount;
        var result = await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path);

        Assert.InRange(firstRun.Count, 7, 19); // cases that finished as the run stopped are kept, not lost
        Assert.Equal(20 - firstRun.Count, client.CallCount - callsBefore);
        Assert.Equal((firstRun.Count, 20 - firstRun.Count), (result.SkippedCases, result.CompletedCases));
        var all = await ReadAsync(path);
        Assert.Equal(20, all.Select(l => (l.ItemId, l.Candidate)).Distinct().Count());
        Assert.Equal(20, all.Count);
    }

    [Fact]
    public async Task RunAsync_LastLineCutOffByAKill_RerunsThatCaseOnly()
    {
        using var client = new RecordingChatClient(_time);
        var experiment = new Experiment { Id = "exp", Dataset = Items(4), Candidates = [Candidate("a", "{{question}}", client)] };
        var path = _folder.File("results.jsonl");
        await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path);
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text[..^20]); // the last line loses its end, as when the process dies mid-write

        var result = await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path);

        Assert.Equal((3, 1), (result.SkippedCases, result.CompletedCases));
        Assert.Equal(5, client.CallCount);
        Assert.Equal(4, (await ReadAsync(path)).Count);
    }

    [Fact]
    public async Task RunAsync_PromptChangedForOneCandidate_RerunsOnlyThatCandidatesCases()
    {
        using var client = new RecordingChatClient(_time);
        var path = _folder.File("results.jsonl");
        var dataset = Items(5);
        var stable = Candidate("stable", "S {{question}}", client);
        await new ExperimentRunner(timeProvider: _time).RunAsync(
            new Experiment { Id = "exp", Dataset = dataset, Candidates = [Candidate("changing", "v1 {{question}}", client), stable] }, path);
        var changed = ExperimentCandidate.ForTemplate("changing", new PromptVersion("qa", 2, "v2 {{question}}")) with { Client = client };

        var result = await new ExperimentRunner(timeProvider: _time).RunAsync(
            new Experiment { Id = "exp", Dataset = dataset, Candidates = [changed, stable] }, path);

        Assert.Equal((5, 5), (result.SkippedCases, result.CompletedCases));
        Assert.All(client.Prompts.Skip(10), p => Assert.StartsWith("v2 ", p, StringComparison.Ordinal));
        var effective = await ExperimentResults.ReadAsync(path).ToListAsync();
        Assert.Equal(15, effective.Count); // both versions' results are kept: they are different cases
        Assert.Equal(5, effective.Count(r => r.PromptVersion == 2));
    }

    [Fact]
    public async Task RunAsync_ItemEditedUnderTheSameId_RerunsThatItemOnly()
    {
        using var client = new RecordingChatClient(_time);
        var path = _folder.File("results.jsonl");
        var candidate = Candidate("a", "{{question}}", client);
        await new ExperimentRunner(timeProvider: _time).RunAsync(new Experiment { Id = "exp", Dataset = Items(3), Candidates = [candidate] }, path);
        var edited = new Dataset("items", [.. Items(3).Items.Select(i => i.Id == "q1"
            ? new DatasetItem(new Dictionary<string, object?> { ["question"] = "question 1, reworded" }, i.ReferenceAnswers, id: "q1")
            : i)]);

        var result = await new ExperimentRunner(timeProvider: _time).RunAsync(new Experiment { Id = "exp", Dataset = edited, Candidates = [candidate] }, path);

        Assert.Equal((2, 1), (result.SkippedCases, result.CompletedCases));
        Assert.Equal("question 1, reworded", client.Prompts[^1]);
    }

    [Fact]
    public async Task RunAsync_SettingChanged_RerunsThatCandidatesCases()
    {
        using var client = new RecordingChatClient(_time);
        var path = _folder.File("results.jsonl");
        var candidate = Candidate("a", "{{question}}", client);
        await new ExperimentRunner(timeProvider: _time).RunAsync(new Experiment { Id = "exp", Dataset = Items(3), Candidates = [candidate] }, path);

        var result = await new ExperimentRunner(timeProvider: _time).RunAsync(
            new Experiment { Id = "exp", Dataset = Items(3), Candidates = [candidate with { Settings = new CandidateSettings { Temperature = 0.7f } }] }, path);

        Assert.Equal((0, 3), (result.SkippedCases, result.CompletedCases));
    }

    [Fact]
    public async Task RunAsync_CaseFails_RecordsErrorAndRunsTheRest()
    {
        using var client = new RecordingChatClient(_time, prompt => prompt == "question 2" ? throw new HttpRequestException("Injected 500.") : "ok");
        var experiment = new Experiment { Id = "exp", Dataset = Items(5), Candidates = [Candidate("a", "{{question}}", client)], Evaluators = [new ExactMatchEvaluator()] };
        var path = _folder.File("results.jsonl");

        var result = await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path);

        Assert.Equal((ExperimentRunStatus.Completed, 5, 1), (result.Status, result.CompletedCases, result.FailedCases));
        var failed = Assert.Single(await ReadAsync(path), l => l.Error is not null);
        Assert.Equal(("q2", "HttpRequestException", "Injected 500.", null), (failed.ItemId, failed.ErrorType, failed.Error, failed.Output));
        Assert.Empty(failed.Scores);
    }

    [Fact]
    public async Task RunAsync_FailedCaseOnRerun_IsRetriedAndReadersSeeTheNewResult()
    {
        var fail = true;
        using var client = new RecordingChatClient(_time, prompt => fail && prompt == "question 1" ? throw new HttpRequestException("down") : "ok");
        var experiment = new Experiment { Id = "exp", Dataset = Items(3), Candidates = [Candidate("a", "{{question}}", client)] };
        var path = _folder.File("results.jsonl");
        await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path);
        fail = false;

        var result = await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path);

        Assert.Equal((2, 1, 0), (result.SkippedCases, result.CompletedCases, result.FailedCases));
        var effective = await ExperimentResults.ReadAsync(path).ToListAsync();
        Assert.Equal(3, effective.Count);
        Assert.All(effective, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task RunAsync_MoreFailuresThanBudget_StopsAndSaysSo()
    {
        using var client = new RecordingChatClient(_time, _ => throw new HttpRequestException("down"));
        var experiment = new Experiment
        {
            Id = "exp",
            Dataset = Items(20),
            Candidates = [Candidate("a", "{{question}}", client)],
            MaxFailedCases = 2,
            MaxConcurrency = 1,
        };
        var path = _folder.File("results.jsonl");

        var result = await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path);

        Assert.Equal(ExperimentRunStatus.ErrorBudgetExceeded, result.Status);
        Assert.InRange(result.FailedCases, 3, 4); // the third failure stops the run; one more may have been in flight
        Assert.InRange(client.CallCount, 3, 4);
        Assert.Equal(result.FailedCases, (await ReadAsync(path)).Count);
    }

    [Fact]
    public async Task RunAsync_FailuresWithinBudget_Completes()
    {
        using var client = new RecordingChatClient(_time, prompt => prompt is "question 1" or "question 2" ? throw new HttpRequestException("down") : "ok");
        var experiment = new Experiment { Id = "exp", Dataset = Items(10), Candidates = [Candidate("a", "{{question}}", client)], MaxFailedCases = 2 };

        var result = await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, _folder.File("results.jsonl"));

        Assert.Equal((ExperimentRunStatus.Completed, 10, 2), (result.Status, result.CompletedCases, result.FailedCases));
    }

    [Fact]
    public async Task RunAsync_MaxConcurrency_CallsInFlightNeverExceedIt()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = new RecordingChatClient(_time) { Gate = release.Task };
        var experiment = new Experiment { Id = "exp", Dataset = Items(12), Candidates = [Candidate("a", "{{question}}", client)], MaxConcurrency = 3 };

        var run = new ExperimentRunner(timeProvider: _time).RunAsync(experiment, _folder.File("results.jsonl"));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await client.Entered.WaitAsync(Timeout), $"call {i + 1} of the first 3 never started");
        }

        var inFlightWhileBlocked = client.MaxInFlight;
        release.SetResult();
        var result = await run;

        Assert.Equal(3, inFlightWhileBlocked);
        Assert.Equal(3, client.MaxInFlight);
        Assert.Equal(12, result.CompletedCases);
    }

    [Fact]
    public async Task RunAsync_RequestsPerMinute_PacesCallsOnTheClock()
    {
        using var client = new RecordingChatClient(_time);
        var experiment = new Experiment
        {
            Id = "exp",
            Dataset = Items(5),
            Candidates = [Candidate("a", "{{question}}", client)],
            RateLimit = new ExperimentRateLimit(RequestsPerMinute: 2),
        };
        var run = new ExperimentRunner(timeProvider: _time).RunAsync(experiment, _folder.File("results.jsonl"));

        // A full bucket of 2: two calls at once, with the clock standing still.
        await WaitForCallsAsync(client, 2);
        _time.Advance(TimeSpan.FromSeconds(29));
        var callsBeforeThePermit = client.CallCount;
        var result = await AdvanceUntilDoneAsync(run);

        Assert.Equal(2, callsBeforeThePermit);
        Assert.Equal(5, result.CompletedCases);
        var times = client.CallTimes.Order().ToList();

        // Then one permit every 30 s. A late worker only makes a call later, so these are lower bounds.
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], times.Take(2));
        Assert.True(times[2] >= TimeSpan.FromSeconds(30), $"the third call must wait for a permit; it started at {times[2]}");
        Assert.True(times[3] >= TimeSpan.FromSeconds(60), $"the fourth call must wait for the second permit; it started at {times[3]}");
        Assert.True(times[4] >= TimeSpan.FromSeconds(90), $"the fifth call must wait for the third permit; it started at {times[4]}");
    }

    [Fact]
    public async Task RunAsync_CanceledWhileWaitingForAPermit_StopsAtOnce()
    {
        using var client = new RecordingChatClient(_time);
        var experiment = new Experiment
        {
            Id = "exp",
            Dataset = Items(4),
            Candidates = [Candidate("a", "{{question}}", client)],
            RateLimit = new ExperimentRateLimit(RequestsPerMinute: 1),
        };
        using var stop = new CancellationTokenSource();
        var path = _folder.File("results.jsonl");
        var run = new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path, cancellationToken: stop.Token);
        await WaitForCallsAsync(client, 1);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Timeout));
        Assert.Equal(1, client.CallCount);
        Assert.Single(await ReadAsync(path)); // the call that finished is kept
    }

    [Fact]
    public async Task RunAsync_TokensPerMinute_WaitsForTheBudgetToRefill()
    {
        using var client = new RecordingChatClient(_time) { Usage = (30, 10) };
        var experiment = new Experiment
        {
            Id = "exp",
            Dataset = Items(6),
            Candidates = [Candidate("a", "{{question}}", client)],
            RateLimit = new ExperimentRateLimit(TokensPerMinute: 100),
            MaxConcurrency = 1,
        };
        var run = new ExperimentRunner(timeProvider: _time).RunAsync(experiment, _folder.File("results.jsonl"));

        // 40 tokens a call from a full bucket of 100: three calls start (the third overdraws it to -20) before any refill.
        await WaitForCallsAsync(client, 3);
        _time.Advance(TimeSpan.FromSeconds(12));
        var callsWhileOverdrawn = client.CallCount;
        var result = await AdvanceUntilDoneAsync(run);

        Assert.Equal(3, callsWhileOverdrawn);
        Assert.Equal(240, result.InputTokens + result.OutputTokens);
        var times = client.CallTimes.Order().ToList();

        // Refilling 21 tokens at 100 a minute takes 12.6 s; by the sixth call 200 tokens were spent, 100 more than the bucket held.
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], times.Take(3));
        Assert.True(times[3] >= TimeSpan.FromSeconds(12.6), $"the fourth call must wait for the overdrawn budget; it started at {times[3]}");
        Assert.True(times[5] >= TimeSpan.FromSeconds(60), $"the sixth call must wait for a refilled budget; it started at {times[5]}");
    }

    [Fact]
    public async Task RunAsync_Repetitions_RunsEachItemThatManyTimes()
    {
        using var client = new RecordingChatClient(_time);
        var experiment = new Experiment { Id = "exp", Dataset = Items(2), Candidates = [Candidate("a", "{{question}}", client)], Repetitions = 3 };
        var path = _folder.File("results.jsonl");

        await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path);

        var lines = await ReadAsync(path);
        Assert.Equal(
            [("q0", 0), ("q0", 1), ("q0", 2), ("q1", 0), ("q1", 1), ("q1", 2)],
            lines.Select(l => (l.ItemId, l.Repetition)).Order().ToList());
    }

    [Fact]
    public async Task RunAsync_Progress_ReportsCountsTokensAndEstimate()
    {
        using var client = new RecordingChatClient(_time);
        var experiment = new Experiment { Id = "exp", Dataset = Items(4), Candidates = [Candidate("a", "{{question}}", client)], MaxConcurrency = 1 };
        var reports = new List<ExperimentProgress>();

        await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, _folder.File("results.jsonl"), new SynchronousProgress<ExperimentProgress>(reports.Add));

        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.CasesDone));
        Assert.All(reports, r => Assert.Equal(4, r.CasesTotal));
        var last = reports[^1];
        Assert.Equal((0, 20L, 12L, TimeSpan.Zero), (last.FailedCases, last.InputTokens, last.OutputTokens, last.EstimatedRemaining));
        Assert.True(last.Cost > 0, $"cost so far is reported; got {last.Cost}");
    }

    [Fact]
    public async Task RunAsync_TwoCandidatesWithTheSameName_ThrowsNamingIt()
    {
        using var client = new RecordingChatClient(_time);
        var experiment = new Experiment { Id = "exp", Dataset = Items(1), Candidates = [Candidate("a", "x", client), Candidate("a", "y", client)] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new ExperimentRunner().RunAsync(experiment, _folder.File("r.jsonl")));

        Assert.Contains("two candidates named 'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoClientAndNoServices_ThrowsSayingHowToGiveOne()
    {
        var experiment = new Experiment { Id = "exp", Dataset = Items(1), Candidates = [ExperimentCandidate.ForTemplate("a", new PromptVersion("qa", 1, "x"))] };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new ExperimentRunner().RunAsync(experiment, _folder.File("r.jsonl")));

        Assert.Contains("Candidate 'a' names no client", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddChatClient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ResultsFileHasABadLine_ThrowsNamingFileAndLine()
    {
        using var client = new RecordingChatClient(_time);
        var path = _folder.Write("results.jsonl", "not a result\n{}\n");
        var experiment = new Experiment { Id = "exp", Dataset = Items(1), Candidates = [Candidate("a", "{{question}}", client)] };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new ExperimentRunner().RunAsync(experiment, path));

        Assert.Contains($"Results file '{path}' line 1 is not a case result", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_KeyedClientAndModelId_CallsThatClientWithThatModel()
    {
        using var other = new RecordingChatClient(_time);
        using var keyed = new RecordingChatClient(_time);
        var services = new ServiceCollection();
        services.AddChatClient(other);
        services.AddKeyedChatClient("judge-pool", keyed);
        await using var provider = services.BuildServiceProvider();
        var candidate = ExperimentCandidate.ForTemplate("mini", new PromptVersion("qa", 1, "{{question}}")) with
        {
            ClientKey = "judge-pool",
            ModelId = "gpt-4.1-mini",
            Settings = new CandidateSettings { Temperature = 0.3f, MaxOutputTokens = 64 },
        };
        var path = _folder.File("results.jsonl");

        await new ExperimentRunner(provider, timeProvider: _time).RunAsync(new Experiment { Id = "exp", Dataset = Items(2), Candidates = [candidate] }, path);

        Assert.Equal((0, 2), (other.CallCount, keyed.CallCount));
        Assert.All(keyed.Options, o => Assert.Equal(("gpt-4.1-mini", 0.3f, 64), (o!.ModelId, o.Temperature, o.MaxOutputTokens)));
        Assert.All(await ReadAsync(path), l => Assert.Equal("gpt-4.1-mini", l.Model));
    }

    [Fact]
    public async Task RunAsync_AIEvaluationJudge_ScoresEveryCase()
    {
        using var client = new RecordingChatClient(_time);
        var judge = new LengthJudge();
        var experiment = new Experiment
        {
            Id = "exp",
            Dataset = Items(3),
            Candidates = [Candidate("a", "{{question}}", client)],
            Evaluators = [new AIEvaluatorAdapter(judge)],
        };
        var path = _folder.File("results.jsonl");

        await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path);

        Assert.All(await ReadAsync(path), l =>
        {
            var score = Assert.Single(l.Scores);
            Assert.Equal((LengthJudge.MetricName, (double)l.Output!.Length), (score.Name, score.Value));
        });
    }

    [Fact]
    public async Task RunAsync_EvaluatorThrows_RecordsItsErrorAndKeepsTheOutput()
    {
        using var client = new RecordingChatClient(_time);
        var experiment = new Experiment
        {
            Id = "exp",
            Dataset = Items(1),
            Candidates = [Candidate("a", "{{question}}", client)],
            Evaluators = [new ThrowingEvaluator(), new ExactMatchEvaluator()],
        };
        var path = _folder.File("results.jsonl");

        var result = await new ExperimentRunner(timeProvider: _time).RunAsync(experiment, path);

        var line = Assert.Single(await ReadAsync(path));
        Assert.Equal(0, result.FailedCases);
        Assert.Equal("echo: question 0", line.Output);
        Assert.Equal(("broken", "InvalidOperationException", "Judge unavailable."), (line.Scores[0].Name, line.Scores[0].ErrorType, line.Scores[0].Explanation));
        Assert.Equal(ExactMatchEvaluator.DefaultName, line.Scores[1].Name);
    }

    private async Task<ExperimentRunResult> AdvanceUntilDoneAsync(Task<ExperimentRunResult> run)
    {
        var guard = 0;
        while (!run.IsCompleted)
        {
            // Time moves only here, a second at a time: a late worker only makes calls later, never earlier.
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
            Assert.True(++guard < 1_000_000, "the run never finished");
        }

        return await run;
    }

    private static async Task WaitForCallsAsync(RecordingChatClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await client.Entered.WaitAsync(Timeout), $"call {i + 1} of {count} never started");
        }
    }

    private static ExperimentCandidate Candidate(string name, string template, IChatClient client) =>
        ExperimentCandidate.ForTemplate(name, new PromptVersion("qa", 1, template)) with { Client = client };

    private static Dataset Items(int count) => new(
        "items",
        Enumerable.Range(0, count).Select(i => new DatasetItem(
            new Dictionary<string, object?> { ["question"] = $"question {i}" }, [$"answer {i}"], id: $"q{i}")));

    private static async Task<List<ExperimentCaseResult>> ReadAsync(string path)
    {
        List<ExperimentCaseResult> results = [];
        foreach (var line in await File.ReadAllLinesAsync(path))
        {
            results.Add(JsonSerializer.Deserialize(line, ExperimentJsonContext.Default.ExperimentCaseResult)!);
        }

        return results;
    }
}
