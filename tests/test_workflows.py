"""CI configuration: the workflow validates offline against the GitHub workflow schema (shipped by
check-jsonschema), and the two pre-commit files describe the same hook."""

from __future__ import annotations

import subprocess

import yaml

from conftest import PROJECT


def test_workflows_validate_against_the_github_schema():
    workflows = sorted((PROJECT / ".github/workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run(["check-jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_checker_with_annotations_the_tests_and_the_strict_site_build():
    text = (PROJECT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    assert "wemedia check --format github" in text and "--base" in text
    assert "scripts/test" in text and "wemedia build" in text


def test_the_hook_for_other_repositories_matches_the_one_used_here():
    published = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    local = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    for key in ("id", "files", "pass_filenames", "require_serial"):
        assert published[key] == local[key], key
    # pre-commit builds the published hook an environment of its own; the local one finds the
    # environment `wemedia hook` recorded. Both run the same command.
    assert published["entry"] == "wemedia check"
    assert '"$py" -m wemedia check "$@"' in local["entry"] and 'exec wemedia check "$@"' in local["entry"]


def test_ci_entry_point_calls_the_readme_test_command():
    assert "scripts/test" in (PROJECT / ".ci/run").read_text(encoding="utf-8")
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "scripts/test" in readme and "scripts/run" in readme
