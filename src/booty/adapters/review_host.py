"""The follow-up side of ``CodeHost`` on GitHub's REST API through PyGithub: a pull request, its
reviews and review comments, replies in threads, review requests. Every library error leaves as
a ``booty.errors`` error; every text written passes through the run's scrubber."""

from __future__ import annotations

from typing import Any

from github.PullRequest import PullRequest as GithubPullRequest

from booty.adapters.codehost import GitHubCodeHost
from booty.adapters.review_threads_gql import RESOLVE_MUTATION, THREADS_QUERY, thread_states
from booty.ports import WRITER_ROLES
from booty.review.models import PullInfo, Review, ReviewComment


class GitHubReviewHost(GitHubCodeHost):
    """``GitHubCodeHost`` with the calls a follow-up on a pull request needs (``core.ports.ReviewHost``)."""

    def get_pull(self, number: int) -> PullInfo:
        with self._errors(f"pull request #{number}", doing="read", needs="pull-requests: read"):
            pull = self._repo.get_pull(number)
            head_repo = pull.head.repo.full_name if pull.head.repo is not None else ""
            return PullInfo(
                number=pull.number,
                title=pull.title or "",
                body=pull.body or "",
                state=pull.state,
                merged=bool(pull.merged),
                author=pull.user.login if pull.user else "",
                head=pull.head.ref,
                head_sha=pull.head.sha,
                head_repo=head_repo,
                base=pull.base.ref,
                url=pull.html_url,
            )

    def review_comments(self, number: int) -> list[ReviewComment]:
        """Every review comment of the pull request, each flagged if its author may write here."""
        with self._errors(f"the review comments of #{number}", doing="read", needs="pull-requests: read"):
            listed = self._listed(f"/repos/{self._repository}/pulls/{number}/comments")
        raw = [(c, (c.get("user") or {}).get("login") or "ghost") for c in listed]
        self._check_commenters(
            [(login, c.get("body") or "", c.get("author_association") or "NONE") for c, login in raw]
        )
        return [
            ReviewComment(
                id=c["id"],
                review_id=c.get("pull_request_review_id"),
                in_reply_to=c.get("in_reply_to_id"),
                author=login,
                author_is_writer=self._roles.get(login) in WRITER_ROLES,
                author_is_bot=(c.get("user") or {}).get("type") == "Bot" or login.endswith("[bot]"),
                body=c.get("body") or "",
                path=c.get("path") or "",
                line=c.get("line"),
                start_line=c.get("start_line"),
                original_line=c.get("original_line"),
                original_start_line=c.get("original_start_line"),
                side=c.get("side") or "RIGHT",
                subject_type=c.get("subject_type") or "line",
                diff_hunk=c.get("diff_hunk") or "",
                created_at=c.get("created_at") or "",
            )
            for c, login in raw
        ]

    def reviews(self, number: int) -> list[Review]:
        """The pull request's reviews in the order they were submitted."""
        with self._errors(f"the reviews of #{number}", doing="read", needs="pull-requests: read"):
            listed = self._listed(f"/repos/{self._repository}/pulls/{number}/reviews")
        return [
            Review(
                id=r["id"],
                author=(r.get("user") or {}).get("login") or "ghost",
                state=str(r.get("state") or "").upper(),
                body=r.get("body") or "",
            )
            for r in listed
        ]

    def reply(self, number: int, comment_id: int, body: str) -> int:
        """Reply in the thread that ``comment_id`` starts; returns the reply's id."""
        with self._errors(
            f"review thread {comment_id} on #{number}", doing="reply", needs="pull-requests: write"
        ):
            return self._pull(number).create_review_comment_reply(comment_id, self._scrubber.scrub(body)).id

    def request_reviewers(self, number: int, logins: list[str]) -> None:
        with self._errors(f"review requests on #{number}", doing="write", needs="pull-requests: write"):
            self._pull(number).create_review_request(reviewers=logins)

    def comment_on_pull(self, number: int, body: str) -> int:
        """A new comment in the pull request's conversation; returns its id."""
        with self._errors(f"the conversation of #{number}", doing="write", needs="pull-requests: write"):
            return self._repo.get_issue(number).create_comment(self._scrubber.scrub(body)).id

    def thread_states(self, number: int) -> dict[int, tuple[bool, str]]:
        """First comment id -> (is resolved, thread node id), for every review thread (GraphQL only)."""
        owner, name = self._repository.split("/")
        pages, cursor = [], None
        for _ in range(50):
            with self._errors(f"the review threads of #{number}", doing="read", needs="pull-requests: read"):
                _, data = self._github.requester.graphql_query(
                    THREADS_QUERY, {"owner": owner, "name": name, "number": number, "cursor": cursor}
                )
            pages.append(data)
            threads = (((data.get("data") or {}).get("repository") or {}).get("pullRequest") or {}).get(
                "reviewThreads"
            ) or {}
            info = threads.get("pageInfo") or {}
            if not info.get("hasNextPage") or not info.get("endCursor"):
                break
            cursor = info["endCursor"]
        return thread_states(pages)

    def resolve_thread(self, node_id: str) -> None:
        with self._errors(f"review thread {node_id}", doing="resolve", needs="pull-requests: write"):
            self._github.requester.graphql_query(RESOLVE_MUTATION, {"thread": node_id})

    def _listed(self, url: str) -> list[dict[str, Any]]:
        """Every item of a list endpoint, 100 a page, as GitHub sent it. (PyGithub's objects would
        fetch each item again for a field GitHub leaves out, such as a first comment's in_reply_to_id.)"""
        items: list[dict[str, Any]] = []
        for page in range(1, 101):
            _, data = self._github.requester.requestJsonAndCheck(
                "GET", url, parameters={"per_page": 100, "page": page}
            )
            items += data
            if len(data) < 100:
                break
        return items

    def _pull(self, number: int) -> GithubPullRequest:
        return self._repo.get_pull(number)  # lazy: no request until an attribute or a call needs one
