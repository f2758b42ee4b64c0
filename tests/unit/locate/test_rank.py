"""rank: explicit mentions beat word overlap, priors push tests and docs down, signals are named."""

from __future__ import annotations

from booty.locate.index import build_index
from booty.locate.rank import rank


def make_index(files: dict[str, str]):
    data = {p: t.encode() for p, t in files.items()}
    return build_index(sorted(data), data.get, never_read=lambda p: False)


REPO = {
    "shop/cart.py": "class Cart:\n    def total(self, items):\n        return sum(i.price for i in items)\n",
    "shop/pricing.py": "def discount(price, rate):\n    return price * (1 - rate)\n",
    "shop/checkout.py": "from shop.cart import Cart\n\ndef checkout(cart, payment):\n    return payment.charge(cart.total([]))\n",
    # Lots of issue words, but nothing the issue points at explicitly.
    "shop/notes.py": "# price rate discount wrong negative total wrong price rate discount total\nX = 1\n",
    "tests/test_pricing.py": "from shop.pricing import discount\n\ndef test_discount():\n    assert discount(10, 0.5) == 5\n",
    "docs/pricing.rst": "Pricing\n=======\nThe discount price rate is applied to the total.\n",
}


def paths(ranked):
    return [r.path for r in ranked]


def test_a_traceback_frame_ranks_its_file_first():
    issue = (
        "Checkout crashes with a negative price total and discount rate\n\n"
        "Traceback (most recent call last):\n"
        '  File "/home/me/venv/lib/python3.11/site-packages/shop/checkout.py", line 4, in checkout\n'
        "AttributeError: 'NoneType' object has no attribute 'charge'\n"
    )
    ranked = rank(issue, make_index(REPO))
    assert ranked[0].path == "shop/checkout.py"
    assert "trace_frame" in ranked[0].signals and "last_frame" in ranked[0].signals


def test_a_class_named_in_the_issue_ranks_the_file_defining_it_first():
    ranked = rank("`Cart` gives a wrong price total when items are discounted at a rate", make_index(REPO))
    assert ranked[0].path == "shop/cart.py"
    assert "defines_class" in ranked[0].signals


def test_paths_and_dotted_modules_in_the_issue_are_resolved():
    index = make_index(REPO)
    assert (
        rank("The rounding in shop/pricing.py is off for price rate totals", index)[0].path
        == "shop/pricing.py"
    )
    by_module = rank("Calling shop.pricing.discount with a negative rate misbehaves", index)
    assert by_module[0].path == "shop/pricing.py"
    assert {"module_mention", "qualified_name"} <= set(by_module[0].signals)


def test_tests_and_docs_rank_below_the_source_they_describe():
    order = paths(rank("discount() returns the wrong price for a rate", make_index(REPO)))
    assert order.index("shop/pricing.py") < order.index("tests/test_pricing.py")
    assert order.index("shop/pricing.py") < order.index("docs/pricing.rst")
    assert order[0] == "shop/pricing.py"


def test_scores_are_descending_and_limit_is_respected():
    ranked = rank("price total discount", make_index(REPO), limit=3)
    assert len(ranked) == 3
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


def test_an_empty_index_ranks_nothing():
    assert rank("anything", make_index({})) == []
