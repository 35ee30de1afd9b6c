"""The GitHub Actions workflow a team adopts: checks pull requests, publishes main."""

from __future__ import annotations

import yaml

from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "help-center.yml"


def _workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _runs(job: dict) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def _uses(job: dict) -> list[str]:
    return [step.get("uses", "").split("@")[0] for step in job["steps"]]


def test_triggers_on_pull_requests_and_pushes_to_main():
    triggers = _workflow()["on"]
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]


def test_check_job_gates_and_builds():
    job = _workflow()["jobs"]["check"]
    assert "actions/checkout" in _uses(job) and "actions/setup-python" in _uses(job)
    runs = _runs(job)
    assert any(run.startswith("pip install") for run in runs)
    assert "kbgen check --format github" in runs
    assert "kbgen build" in runs
    assert runs.index("kbgen check --format github") < runs.index("kbgen build")
    upload = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert "refs/heads/main" in upload["if"]


def test_deploy_job_publishes_main_to_pages():
    jobs = _workflow()["jobs"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "check"
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "actions/deploy-pages" in _uses(deploy)
    assert deploy["environment"]["name"] == "github-pages"


def test_python_version_matches_the_project():
    setup = next(s for s in _workflow()["jobs"]["check"]["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"
