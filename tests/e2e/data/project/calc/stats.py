"""Averages of lists of numbers."""


def mean(values):
    """The arithmetic mean of ``values``."""
    return sum(values) / len(values)


def median(values):
    """The middle value of ``values`` (the mean of the two middle ones for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
