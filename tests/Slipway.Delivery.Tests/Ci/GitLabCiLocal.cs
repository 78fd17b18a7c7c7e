using System.Text.RegularExpressions;
using FluentAssertions;
using Slipway.Engine;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>
/// The pinned gitlab-ci-local run on a throwaway copy of this repository: shell executor (standing in for the docker
/// executor the jobs' <c>image:</c> is for; the SDK is on this machine), each job in its own copy of the files, only
/// artifacts passing between jobs. Only variables are given, as a project's settings would.
/// </summary>
internal static class GitLabCiLocal
{
    /// <summary>A project variable narrowing the test job's filter, as one could in the UI.</summary>
    public const string NarrowTestFilter = "FullyQualifiedName~Slipway.Engine.Tests.GraphTests";

    /// <summary>The machine's package folder: jobs restore from it, not into an empty one per job copy.</summary>
    public static string NugetPackages => Path.Combine(
        System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>A fresh repository in <paramref name="directory"/>: this working tree, one commit.</summary>
    public static string Throwaway(string directory, string branch)
    {
        var result = CiClientScripts.Run("throwaway-repository.sh", [directory, branch], TimeSpan.FromMinutes(2));
        result.ExitCode.Should().Be(0, result.AllOutput());
        return directory;
    }

    /// <summary>
    /// Runs a pipeline: the <paramref name="jobs"/> named (every job of the ref when none), with these variables and
    /// gitlab-ci-local options.
    /// </summary>
    public static ProcessResult Run(string repository, IEnumerable<string> jobs,
        IReadOnlyDictionary<string, string> variables, TimeSpan timeout, params string[] options)
    {
        var arguments = new List<string> { repository };
        arguments.AddRange(jobs);
        // rules: changes hold, as in GitLab's tag pipelines and a branch's first one
        // two jobs at a time: this machine's cores (a project's runners would take the image jobs side by side)
        arguments.AddRange(["--shell-isolation", "--no-artifacts-to-source", "--force-shell-executor",
            "--no-evaluate-rule-changes", "--concurrency", "2"]);
        arguments.AddRange(options);
        var all = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = NugetPackages,
            ["SLIPWAY_TEST_FILTER"] = NarrowTestFilter,
        };
        foreach (var (name, value) in variables) all[name] = value;
        foreach (var (name, value) in all) arguments.AddRange(["--variable", $"{name}={value}"]);
        return CiClientScripts.Run("gitlab-ci-local.sh", arguments, timeout);
    }

    /// <summary>The last lines of a run, for assertion messages and the test output.</summary>
    public static string Tail(ProcessResult result, int lines = 60) =>
        string.Join('\n', result.Output.TakeLast(lines).Select(l => l.Text));

    /// <summary>
    /// What each failed job printed that says why (its ERROR, WARN and failure lines, the deploy diagnosis among
    /// them): the tail of a run shows only the last job's summary table.
    /// </summary>
    public static string Failures(ProcessResult result)
    {
        var lines = result.Output.Select(l => l.Text).ToList();
        var failed = lines.Select(l => Regex.Match(l, @"^\s*FAIL\s+(\S+)\s*$")).Where(m => m.Success)
            .Select(m => m.Groups[1].Value).Distinct();
        var said = failed.SelectMany(job => lines
            .Where(l => l.StartsWith(job + " ", StringComparison.Ordinal))
            .Where(l => Regex.IsMatch(l, @"ERROR|WARN|fail|timed out|not ready|waiting|pod |Job |event",
                RegexOptions.IgnoreCase))
            .TakeLast(60));
        return string.Join('\n', said);
    }
}
