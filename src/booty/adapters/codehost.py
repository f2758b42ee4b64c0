"""``CodeHost`` on GitHub's REST API through PyGithub; every library error leaves as a ``booty.errors`` error.

Objects are fetched lazily (``Github(lazy=True)``): an edit or a comment costs one request, not a
read followed by a write. Retries follow ``codehost_retry.retry_policy``. Messages never contain the
token; they are written for the maintainer who reads them on the issue.
"""

from __future__ import annotations

from urllib.parse import quote

from github import Auth, Github
from github.PullRequest import PullRequest as GithubPullRequest

from booty.adapters.codehost_errors import ErrorTranslator
from booty.adapters.codehost_retry import retry_policy
from booty.errors import CodeHostError, NotFound
from booty.intake.issue import MAX_PERMISSION_LOOKUPS
from booty.models import Comment, Issue
from booty.ports import ROLES, WRITER_ROLES, PullRequest
from booty.scrubbing import Scrubber

# A comment's author_association: only these can belong to someone with write access. NONE,
# FIRST_TIMER, FIRST_TIME_CONTRIBUTOR, CONTRIBUTOR (committed, but not a collaborator or member)
# and MANNEQUIN (a placeholder user) cannot, so their authors' permissions are not looked up.
POSSIBLE_WRITERS = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})
DRAFTS_UNSUPPORTED = "draft pull requests are not supported"


class GitHubCodeHost:
    """One repository on GitHub (``repository`` is "owner/name"). ``throttle=False`` is for local fakes:
    no pacing between requests and no back-off before retries. Every text Booty writes here (pull
    request title and body, comments) passes through ``scrubber``, which always knows ``token``."""

    def __init__(
        self,
        *,
        token: str,
        repository: str,
        api_url: str = "https://api.github.com",
        throttle: bool = True,
        scrubber: Scrubber | None = None,
        default_branch: str | None = None,
    ) -> None:
        self._github = Github(
            auth=Auth.Token(token),
            base_url=api_url.rstrip("/"),
            timeout=20,
            per_page=100,  # fewer pages for long comment threads
            lazy=True,
            retry=retry_policy(patient=throttle),
            # GitHub's guidance: no concurrent requests, at least a second between writes.
            seconds_between_requests=0.25 if throttle else 0,
            seconds_between_writes=1.0 if throttle else 0,
        )
        self._repository = repository
        self._repo = self._github.get_repo(repository)
        self._scrubber = scrubber or Scrubber()
        self._scrubber.add(token)
        self._errors = ErrorTranslator(repository=repository, api_url=api_url, scrubber=self._scrubber)
        self._roles: dict[str, str] = {}
        self._comment_ids: dict[tuple[int, str], int] = {}
        self._thread: dict[
            int, list[tuple[int, str, str]]
        ] = {}  # comments get_issue just read: (id, body, login)
        self._default_branch = default_branch  # from the event payload; asked of GitHub when None

    # ------------------------------------------------------------ reading

    def get_issue(self, number: int) -> Issue:
        """The issue (or pull request) with its comments, each flagged if its author may write here."""
        with self._errors(f"issue #{number}", doing="read", needs="issues: read"):
            issue = self._repo.get_issue(number)
            listed = list(issue.get_comments())
            raw_comments = [
                (c.user.login if c.user else "ghost", c.body or "", c.author_association or "NONE")
                for c in listed
            ]
            self._thread[number] = [(c.id, c.body or "", c.user.login if c.user else "") for c in listed]
            title, body, author = issue.title, issue.body or "", issue.user.login if issue.user else "ghost"
            labels = tuple(label.name for label in issue.labels)
            state, locked, is_pull = issue.state, bool(issue.locked), issue.pull_request is not None
        unchecked = self._check_commenters(raw_comments)
        comments = tuple(
            Comment(author=login, body=text, author_is_writer=self._roles.get(login) in WRITER_ROLES)
            for login, text, _ in raw_comments
        )
        return Issue(
            number=number,
            title=title,
            body=body,
            author=author,
            labels=labels,
            comments=comments,
            state=state,
            locked=locked,
            is_pull_request=is_pull,
            unchecked_comments=sum(1 for login, _, _ in raw_comments if login in unchecked),
        )

    def _check_commenters(self, comments: list[tuple[str, str, str]]) -> set[str]:
        """Look up the permission of commenters who may be writers, the most recent first, at most
        ``MAX_PERMISSION_LOOKUPS``; returns the logins left unchecked (their comments stay out)."""
        latest_first = dict.fromkeys(
            login
            for login, _, association in reversed(comments)
            if association in POSSIBLE_WRITERS and login not in self._roles
        )
        candidates = [login for login in latest_first if login != "ghost"]
        for login in candidates[:MAX_PERMISSION_LOOKUPS]:
            self.permission(login)
        return set(candidates[MAX_PERMISSION_LOOKUPS:])

    def permission(self, login: str) -> str:
        """The login's role here: admin, maintain, write, triage, read or none (cached per login).

        GitHub's legacy ``permission`` field folds maintain into write and triage into read, so the
        exact ``role_name`` is preferred when it is one of the built-in roles (custom roles fall back).
        """
        if login not in self._roles:
            url = f"/repos/{self._repository}/collaborators/{quote(login, safe='')}/permission"
            try:
                with self._errors(f"the permission of @{login}", doing="read", needs="metadata: read"):
                    _, data = self._github.requester.requestJsonAndCheck("GET", url)
            except NotFound:  # not a user (bots, deleted accounts): no role here
                data = {}
            role = data.get("role_name") if data.get("role_name") in ROLES else data.get("permission")
            self._roles[login] = role if role in ROLES else "none"
        return self._roles[login]

    def default_branch(self, *, fresh: bool = False) -> str:
        """The event payload's default branch, else GitHub's (asked once); ``fresh``: GitHub's now,
        for a payload written before the branch was renamed."""
        if self._default_branch is None or fresh:
            with self._errors(f"repository {self._repository}", doing="read", needs="contents: read"):
                repo = self._github.get_repo(self._repository, lazy=False) if fresh else self._repo
                self._default_branch = repo.default_branch
        return self._default_branch

    def find_pull_request(self, marker: str) -> PullRequest | None:
        """The first open pull request whose body (not title) contains ``marker``."""
        with self._errors("the open pull requests", doing="list", needs="pull-requests: read"):
            for pull in self._repo.get_pulls(state="open"):
                if marker in (pull.body or ""):
                    return _pull_request(pull)
        return None

    def open_issues(self, label: str, limit: int) -> list[Issue]:
        """Open issues (pull requests left out) carrying ``label``, oldest first, at most ``limit``;
        without their comments (one request per page, not one per issue)."""
        found: list[Issue] = []
        with self._errors(f"the open issues labelled {label!r}", doing="list", needs="issues: read"):
            for item in self._repo.get_issues(state="open", labels=[label], sort="created", direction="asc"):
                if item.pull_request is not None:
                    continue
                found.append(
                    Issue(
                        number=item.number,
                        title=item.title,
                        body=item.body or "",
                        author=item.user.login if item.user else "ghost",
                        labels=tuple(lab.name for lab in item.labels),
                        locked=bool(item.locked),
                    )
                )
                if len(found) >= limit:
                    break
        return found

    def open_pull_requests(self) -> list[PullRequest]:
        """Every open pull request."""
        with self._errors("the open pull requests", doing="list", needs="pull-requests: read"):
            return [_pull_request(pull) for pull in self._repo.get_pulls(state="open")]

    # ------------------------------------------------------------ writing

    def open_pull_request(self, *, title: str, body: str, head: str, base: str, draft: bool) -> PullRequest:
        """Open a pull request; a draft falls back to a ready one where the plan has no drafts."""
        what = f"a pull request from {head} into {base}"
        title, body = self._scrubber.scrub(title), self._scrubber.scrub(body)
        try:
            with self._errors(what, doing="open", needs="pull-requests: write"):
                pull = self._repo.create_pull(title=title, body=body, head=head, base=base, draft=draft)
                return _pull_request(pull)
        except CodeHostError as error:
            if draft and DRAFTS_UNSUPPORTED in str(error).lower():
                return self.open_pull_request(title=title, body=body, head=head, base=base, draft=False)
            raise

    def update_pull_request(self, number: int, *, title: str, body: str) -> PullRequest:
        with self._errors(f"pull request #{number}", doing="update", needs="pull-requests: write"):
            pull = self._repo.get_pull(number)
            pull.edit(title=self._scrubber.scrub(title), body=self._scrubber.scrub(body))
            return _pull_request(pull)

    def upsert_comment(self, issue_number: int, marker: str, body: str) -> int:
        """Edit the comment holding ``marker`` (a bot's first, if several do) or create it; returns its id.

        The id is remembered: later updates edit it in one request instead of listing a long thread
        again. The first update uses the thread ``get_issue`` has just read, if it has.
        """
        body = self._scrubber.scrub(body)
        what = f"the comment on issue #{issue_number}"
        key = (issue_number, marker)
        if key not in self._comment_ids and issue_number in self._thread:
            found = _marked(self._thread.pop(issue_number), marker)
            if found is None:
                with self._errors(what, doing="write", needs="issues: write"):
                    self._comment_ids[key] = self._repo.get_issue(issue_number).create_comment(body).id
                return self._comment_ids[key]
            self._comment_ids[key] = found
        known = self._comment_ids.get(key)
        if known is not None:
            try:
                with self._errors(what, doing="write", needs="issues: write"):
                    url = f"/repos/{self._repository}/issues/comments/{known}"
                    self._github.requester.requestJsonAndCheck("PATCH", url, input={"body": body})
                    return known
            except NotFound:  # deleted meanwhile: look for the marker again
                del self._comment_ids[key]
        with self._errors(what, doing="write", needs="issues: write"):
            issue = self._repo.get_issue(issue_number)
            thread = [(c.id, c.body or "", c.user.login if c.user else "") for c in issue.get_comments()]
            found = _marked(thread, marker)
            if found is not None:
                url = f"/repos/{self._repository}/issues/comments/{found}"
                self._github.requester.requestJsonAndCheck("PATCH", url, input={"body": body})
                comment_id = found
            else:
                comment_id = issue.create_comment(body).id
        self._comment_ids[key] = comment_id
        return comment_id

    def add_label(self, issue_number: int, label: str) -> None:
        # PyGithub's add_to_labels posts a bare array, which GitHub's published schema rejects.
        url = f"/repos/{self._repository}/issues/{issue_number}/labels"
        with self._errors(f"issue #{issue_number}", doing="label", needs="issues: write"):
            self._github.requester.requestJsonAndCheck("POST", url, input={"labels": [label]})

    def remove_label(self, issue_number: int, label: str) -> None:
        url = f"/repos/{self._repository}/issues/{issue_number}/labels/{quote(label, safe='')}"
        try:
            with self._errors(f"issue #{issue_number}", doing="unlabel", needs="issues: write"):
                self._github.requester.requestJsonAndCheck("DELETE", url)
        except NotFound:  # the label is not on the issue (any more)
            pass


def _marked(thread: list[tuple[int, str, str]], marker: str) -> int | None:
    """The id of the comment in ``thread`` holding ``marker``; anyone can paste the marker, so a
    bot's comment is preferred and a person's text is not overwritten."""
    marked = sorted((c for c in thread if marker in c[1]), key=lambda c: not c[2].endswith("[bot]"))
    return marked[0][0] if marked else None


def _pull_request(pull: GithubPullRequest) -> PullRequest:
    return PullRequest(
        number=pull.number,
        url=pull.html_url,
        head=pull.head.ref,
        base=pull.base.ref,
        body=pull.body or "",
        author=pull.user.login if pull.user else "",
    )
