"""Path policy: canonical resolution (real symlinks in tmp dirs), deny-list, never-read list."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from booty.validate.paths import DEFAULT_RESTRICTED, NEVER_READ, PathPolicy


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text("x = 1\n")
    (root / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("s3cret")
    return root


@pytest.mark.parametrize(
    "path, words",
    [
        ("", "empty"),
        ("a\x00b.py", "NUL"),
        ("/etc/passwd", "absolute"),
        ("~/notes.txt", "'~'"),
        ("C:/Windows/x.py", "drive letter"),
        ("src\\app.py", "backslash"),
        ("../outside/secret.txt", "'..'"),
        ("src/../../outside/secret.txt", "'..'"),
    ],
)
def test_invalid_paths(repo, path, words):
    problem = PathPolicy(root=repo).check(path)
    assert problem is not None and problem.kind == "path"
    assert words in problem.message


def test_ordinary_paths_pass(repo):
    policy = PathPolicy(root=repo)
    assert policy.check("src/app.py") is None
    assert policy.check("src/new_module.py") is None  # new files are fine
    assert policy.check("docs/guide.md") is None


def test_symlinked_directory_leading_outside_is_refused(repo):
    os.symlink(repo.parent / "outside", repo / "src" / "link")
    problem = PathPolicy(root=repo).check("src/link/secret.txt")
    assert problem is not None and problem.kind == "path"
    assert "outside the repository" in problem.message


def test_symlinked_file_leading_outside_is_refused(repo):
    os.symlink(repo.parent / "outside" / "secret.txt", repo / "notes.txt")
    assert PathPolicy(root=repo).check("notes.txt").kind == "path"


def test_root_given_through_a_symlink_still_works(repo, tmp_path):
    alias = tmp_path / "alias"
    os.symlink(repo, alias)
    assert PathPolicy(root=alias).check("src/app.py") is None


def test_symlink_inside_the_repo_to_a_denied_place_is_blocked(repo):
    os.symlink(repo / ".github" / "workflows", repo / "ci")
    problem = PathPolicy(root=repo).check("ci/build.yml")
    assert problem is not None and problem.kind == "blocked"
    assert ".github/workflows/**" in problem.message and "symlink" in problem.message


@pytest.mark.parametrize(
    "path, rule",
    [
        (".github/workflows/ci.yml", ".github/workflows/**"),
        (".env", ".env"),
        ("config/.env", ".env"),
        (".env.production", ".env.*"),
        ("deploy/prod.env", "**/*.env"),
        ("app/secrets.py", "**/secrets.*"),
        ("Dockerfile", "Dockerfile"),
        ("services/api/Dockerfile", "Dockerfile"),
        ("docker-compose.override.yml", "docker-compose*.yml"),
        ("k8s/web-deployment.yml", "**/*deployment*.yml"),
        ("package-lock.json", "*lock.json"),
        ("web/yarn.lock", "*.lock"),
        ("poetry.lock", "*.lock"),
    ],
)
def test_deny_list_names_the_rule(repo, path, rule):
    problem = PathPolicy(root=repo).check(path)
    assert problem is not None and problem.kind == "blocked"
    assert f"`{rule}`" in problem.message


def test_git_directory_is_always_refused_not_handed_over(repo):
    (repo / ".git").mkdir()
    for path in (".git/config", "sub/.git/hooks/pre-commit"):
        problem = PathPolicy(root=repo).check(path)
        assert problem is not None and problem.kind == "path" and ".git/" in problem.message


@pytest.mark.parametrize(
    "path",
    [".GIT/config", ".Git/hooks/post-checkout", "sub/.gIt/HEAD", ".git./config", ".git../config",
     ".git /config", ".git . /hooks/x", "GIT~1/config", "git~2/hooks/pre-commit", ".git::$INDEX_ALLOCATION/config",
     "\uff0egit/hooks/pre-commit", ".g\u0456t/config", ".\u0261it/config", ".g\u200cit/config", ".gi\u0308t/config",
     "\uff0e\uff27\uff29\uff34/config"],
)  # fmt: skip
def test_every_name_a_checkout_or_a_reader_takes_for_git_is_refused(repo, path):
    policy = PathPolicy(root=repo)
    problem = policy.check(path)
    assert problem is not None and problem.kind == "path", path
    assert "never changed" in problem.message and "looks like it" in problem.message
    assert policy.never_read(path)


@pytest.mark.parametrize(
    "path, rule",
    [(".\uff45\uff4e\uff56", ".env"), (".\u0435nv", ".env"), (".ENV", ".env"), (".env ", ".env"),
     ("config/prod.\u0435nv", "**/*.env"), (".g\u0456thub/workflows/ci.yml", ".github/workflows/**"),
     (".github/w\u043erkflows/ci.yml", ".github/workflows/**"), (".github/workflows\uff0fci.yml", ".github/workflows/**"),
     ("D\u043eckerfile", "Dockerfile"), ("Docker\ufb01le", "Dockerfile"), ("DOCKERFILE", "Dockerfile"),
     ("Dockerfi1e", "Dockerfile"), ("Docker\u200bfile", "Dockerfile"), ("s\u0435crets.yml", "**/secrets.*")],
)  # fmt: skip
def test_look_alikes_of_restricted_paths_are_refused(repo, path, rule):
    problem = PathPolicy(root=repo).check(path)
    assert problem is not None and problem.kind == "path", path
    assert f"restricted pattern `{rule}`" in problem.message and "look-alike" in problem.message


def test_look_alikes_of_extra_patterns_are_refused_too(repo):
    policy = PathPolicy(["migrations/**", "deploy/[0-9]*.sh"], root=repo)
    assert policy.check("MIGRATIONS/0001.py").kind == "path"
    assert policy.check("migr\u0430tions/0001.py").kind == "path"  # Cyrillic a
    assert policy.check("deploy/1-up.sh").kind == "blocked"  # a range keeps its literal meaning
    assert policy.check("migrations.md") is None


@pytest.mark.parametrize(
    "path",
    ["docs/caf\u00e9.md", "src/\u65e5\u672c\u8a9e.py", "\u0444\u0430\u0439\u043b.py", "docs/\u00fcber.md",
     "src/na\u00efve.py", ".github/ISSUE_TEMPLATE/bug.md", ".gitignore", ".gitattributes", "docs/.git-notes.md",
     "git/notes.md", "src/gitlab.py", "docs/env.md", "environment.yml", "docs/Dockerfile.md", "dockerfiles/README.md"],
)  # fmt: skip
def test_plain_non_ascii_and_near_names_stay_writable(repo, path):
    assert PathPolicy(root=repo).check(path) is None


def test_extra_patterns_extend_the_defaults(repo):
    policy = PathPolicy(["migrations/**", "*.sql"], root=repo)
    assert policy.check("migrations/0001.py").kind == "blocked"
    assert policy.check("db/schema.sql").kind == "blocked"
    assert policy.check("Dockerfile").kind == "blocked"  # defaults still apply
    assert set(DEFAULT_RESTRICTED) <= set(policy.restricted)


@pytest.mark.parametrize(
    "path",
    [".env", "app/.env.local", "prod.env", "conf/secrets.yaml", "certs/server.pem", "tls.key",
     "home/.ssh/id_rsa", "id_ed25519.pub", ".npmrc", ".pypirc", ".netrc", ".aws/credentials"],
)  # fmt: skip
def test_never_read_secrets(repo, path):
    assert PathPolicy(root=repo).never_read(path)


def test_ordinary_and_write_only_restricted_files_may_be_read(repo):
    policy = PathPolicy(["docs/**"], root=repo)
    for path in ("src/app.py", "docs/index.md", "Dockerfile", "poetry.lock", ".github/workflows/ci.yml"):
        assert not policy.never_read(path), path


def test_secret_like_restricted_patterns_are_never_read_too(repo):
    policy = PathPolicy(["config/*.token", "vault/**/private/*"], root=repo)
    assert policy.never_read("config/deploy.token")
    assert policy.never_read("vault/a/private/x.txt")


def test_symlink_to_a_secret_is_never_read(repo):
    (repo / ".env").write_text("TOKEN=x")
    os.symlink(repo / ".env", repo / "settings.txt")
    assert PathPolicy(root=repo).never_read("settings.txt")


def test_a_file_turned_into_a_symlink_to_a_secret_is_judged_afresh_outside_remembering(repo):
    policy = PathPolicy(root=repo)
    (repo / ".env").write_text("TOKEN=x")
    with policy.remembering():
        assert [policy.never_read(p) for p in ("src/app.py", ".env", "src/app.py")] == [False, True, False]
    (repo / "src" / "app.py").unlink()
    os.symlink(repo / ".env", repo / "src" / "app.py")  # what a model-written test command could do
    assert policy.never_read("src/app.py")
    with policy.remembering():
        assert policy.never_read("src/app.py")


def test_paths_leading_outside_are_never_read(repo):
    os.symlink(repo.parent / "outside", repo / "out")
    policy = PathPolicy(root=repo)
    assert policy.never_read("out/secret.txt")
    assert policy.never_read("../outside/secret.txt")


def test_never_read_list_covers_the_brief():
    for pattern in (
        ".env",
        ".env.*",
        "**/*.env",
        "**/secrets.*",
        "*.pem",
        "*.key",
        "id_rsa*",
        "id_ed25519*",
        ".npmrc",
        ".pypirc",
        ".netrc",
    ):
        assert pattern in NEVER_READ


def test_inside_remembering_symlinked_directories_and_files_are_still_followed(repo):
    # Directories are resolved once per block: a file under a symlinked directory, a symlinked file
    # in an ordinary one, and a directory link into the repository are each judged by where they lead.
    (repo / ".env").write_text("TOKEN=x")
    os.symlink(repo.parent / "outside", repo / "linked")
    os.symlink(repo / "src", repo / "code")
    os.symlink(repo / ".env", repo / "src" / "settings.txt")
    (repo / ".ssh").mkdir()
    os.symlink(repo / ".ssh", repo / "keys")
    (repo / ".ssh" / "id_rsa").write_text("x")
    policy = PathPolicy(root=repo)
    paths = ["linked/secret.txt", "src/settings.txt", "code/app.py", "code/settings.txt", "keys/id_rsa"]
    with policy.remembering():
        judged = [policy.never_read(p) for p in paths]
    assert judged == [PathPolicy(root=repo).never_read(p) for p in paths] == [True, True, False, True, True]
