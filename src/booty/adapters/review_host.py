"""The follow-up side of ``CodeHost`` on GitHub's REST API through PyGithub: a pull request, its
reviews and review comments, replies in threads, review requests. Every library error leaves as
a ``booty.errors`` error; every text written passes through the run's scrubber."""

from __future__ import annotations

from github.PullRequest import PullRequest as GithubPullRequest

from booty.adapters.codehost import WRITER_ROLES, GitHubCodeHost
from booty.review.models import PullInfo, Review, ReviewComment


class GitHubReviewHost(GitHubCodeHost):
    """``GitHubCodeHost`` with the calls a follow-up on a pull request needs (``core.ports.ReviewHost``)."""

    def get_pull(self, number: int) -> PullInfo:
        with self._errors(f"pull request #{number}", doing="read", needs="pull-requests: read"):
            pull = self._repo.get_pull(number)
            head_repo = pull.head.repo.full_name if pull.head.repo is not None else ""
            return PullInfo(
                number=pull.number, title=pull.title or "", body=pull.body or "", state=pull.state,
                merged=bool(pull.merged), author=pull.user.login if pull.user else "", head=pull.head.ref,
                head_sha=pull.head.sha, head_repo=head_repo, base=pull.base.ref, url=pull.html_url,
            )

    def review_comments(self, number: int) -> list[ReviewComment]:
        """Every review comment of the pull request, each flagged if its author may write here."""
        with self._errors(f"the review comments of #{number}", doing="read", needs="pull-requests: read"):
            listed = list(self._pull(number).get_review_comments())
            raw = [(c, c.user.login if c.user else "ghost", c.author_association or "NONE") for c in listed]
        self._check_commenters([(login, c.body or "", association) for c, login, association in raw])
        return [
            ReviewComment(
                id=c.id, review_id=c.pull_request_review_id, in_reply_to=c.in_reply_to_id, author=login,
                author_is_writer=self._roles.get(login) in WRITER_ROLES,
                author_is_bot=bool(c.user and c.user.type == "Bot") or login.endswith("[bot]"),
                body=c.body or "", path=c.path, line=c.line, start_line=c.start_line, original_line=c.original_line,
                original_start_line=c.original_start_line, side=c.side or "RIGHT", subject_type=c.subject_type or "line",
                diff_hunk=c.diff_hunk or "", created_at=c.created_at.isoformat() if c.created_at else "",
            )
            for c, login, _ in raw
        ]

    def reviews(self, number: int) -> list[Review]:
        """The pull request's reviews in the order they were submitted."""
        with self._errors(f"the reviews of #{number}", doing="read", needs="pull-requests: read"):
            return [
                Review(id=r.id, author=r.user.login if r.user else "ghost", state=(r.state or "").upper(), body=r.body or "")
                for r in self._pull(number).get_reviews()
            ]

    def reply(self, number: int, comment_id: int, body: str) -> int:
        """Reply in the thread that ``comment_id`` starts; returns the reply's id."""
        with self._errors(f"review thread {comment_id} on #{number}", doing="reply", needs="pull-requests: write"):
            return self._pull(number).create_review_comment_reply(comment_id, self._scrubber.scrub(body)).id

    def request_reviewers(self, number: int, logins: list[str]) -> None:
        with self._errors(f"review requests on #{number}", doing="write", needs="pull-requests: write"):
            self._pull(number).create_review_request(reviewers=logins)

    def comment_on_pull(self, number: int, body: str) -> int:
        """A new comment in the pull request's conversation; returns its id."""
        with self._errors(f"the conversation of #{number}", doing="write", needs="pull-requests: write"):
            return self._repo.get_issue(number).create_comment(self._scrubber.scrub(body)).id

    def _pull(self, number: int) -> GithubPullRequest:
        return self._repo.get_pull(number)  # lazy: no request until an attribute or a call needs one

