"""The scope step as first written, sentence by sentence, for tests of the fast one.

``monitor.triage.scope.scoped`` places each trigger in its sentence with one pass and
``bisect`` (speed8); these tests compare it with the slow reading it replaced, whose
only free part is where sentences end (``sentence_ends``: end offsets in the bytes).
"""

from __future__ import annotations

from collections.abc import Callable

from monitor.triage import scope


def scoped_by_sentence(abstract: str, sentence_ends: Callable[[bytes], list[int]]) -> scope.Scoped:
    """Each sentence asked for its first trigger, as ``scope.scoped`` once did."""
    data = abstract.encode()
    wanted = [(s, data[s:e]) for s, e in scope._WANTED.spans(data)]
    other = [(s, data[s:e]) for s, e in scope._OTHER.spans(data)]
    if not wanted and not other:
        return scope.Scoped(abstract, abstract, ())
    own = [s for s, _e in scope._OWN.spans(data)] if other else []
    primary, reviews = bytearray(data), bytearray(data)
    triggers: list[str] = []
    start = 0
    for end in [*sentence_ends(data), len(data)]:
        in_wanted = next((w for at, w in wanted if start <= at < end), None)
        in_other = None
        if in_wanted is None:
            in_other = next((o for at, o in other if start <= at < end), None)
            if in_other is not None and any(start <= at < end for at in own):
                in_other = None
        if in_wanted is not None or in_other is not None:
            primary[start:end] = b" " * (end - start)
            if in_wanted is not None:
                reviews[start:end] = b" " * (end - start)
            triggers.append((in_wanted or in_other or b"").decode())
        start = end
    if not triggers:
        return scope.Scoped(abstract, abstract, ())
    return scope.Scoped(primary.decode(), reviews.decode(), tuple(triggers))
