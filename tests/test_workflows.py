"""CI configuration: the workflow validates offline against the GitHub workflow schema (shipped by
check-jsonschema), and the two pre-commit files describe the same hook."""

from __future__ import annotations

import subprocess

import yaml

from conftest import PROJECT


def test_workflows_validate_against_the_github_schema():
    workflows = sorted((PROJECT / ".github/workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run(
        ["check-jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_checker_with_annotations_the_tests_and_the_strict_site_build():
    text = (PROJECT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    assert "wemedia check --format" in text and "--base" in text and "github" in text
    assert "scripts/test" in text and "wemedia build" in text


def test_the_pull_request_check_runs_first_and_can_fail_the_job():
    """The pull request's own lines are checked (and annotated) first; the full check still runs when
    that failed — a later step without a condition would be skipped — so either can fail the job."""
    workflow = yaml.safe_load((PROJECT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    checks = [(i, s) for i, s in enumerate(steps) if "wemedia check" in s.get("run", "")]
    assert len(checks) == 2
    (first_at, first), (full_at, full) = checks
    assert '--base "origin/${{ github.base_ref }}"' in first["run"] and "--format github" in first["run"]
    assert first["if"] == "github.event_name == 'pull_request'"
    assert not first.get("continue-on-error") and not full.get("continue-on-error")  # failures count
    assert "--base" not in full["run"] and first_at < full_at
    assert "!cancelled()" in full["if"] or "always()" in full["if"]
    # Pushes to main annotate from the full check; a pull request already annotated its lines.
    assert "github.event_name == 'pull_request' && 'text' || 'github'" in full["run"]
    # The pull-request step is also the history check (WM230): it needs the merge base, so the whole history.
    checkout = next(s for s in steps[:first_at] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    setup = next(s for s in steps[:first_at] if s.get("run") == "scripts/setup")
    assert full["if"] == "${{{{ !cancelled() && steps.{}.outcome == 'success' }}}}".format(setup["id"])


def test_the_hook_for_other_repositories_matches_the_one_used_here():
    published = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    local = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    for key in ("id", "files", "pass_filenames", "require_serial", "always_run", "verbose"):
        assert published[key] == local[key], key
    # Every commit runs it (pre-commit passes no deleted files: a commit that only deletes an image
    # must still be checked) and shows its output when it passes (warnings reach the committer).
    assert local["always_run"] is True and local["verbose"] is True
    # pre-commit builds the published hook an environment of its own; the local one finds the
    # environment `wemedia hook` recorded. Both run the same command.
    assert published["entry"] == "wemedia check --staged"
    assert (
        '"$py" -m wemedia check --staged "$@"' in local["entry"]
        and 'exec wemedia check --staged "$@"' in local["entry"]
    )


def test_ci_entry_point_calls_the_readme_test_command():
    assert "scripts/test" in (PROJECT / ".ci/run").read_text(encoding="utf-8")
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "scripts/test" in readme and "scripts/run" in readme
