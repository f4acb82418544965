"""Fast paths give what the plain code they replace gives."""

from __future__ import annotations

import random

from baltmet_extract.normalise.calibration import edit_kind


def _edit_kind_plain(query: str, name: str) -> str:
    """`edit_kind` as first written, letter by letter."""
    if query == name:
        return "none"
    lq, ln = len(query), len(name)
    if lq < ln and name.endswith(query) and ln - lq <= 3:
        return "cut_start"
    if lq < ln and name.startswith(query) and ln - lq <= 3:
        return "cut_end"
    i = 0
    while i < min(lq, ln) and query[i] == name[i]:
        i += 1
    j = 0
    while j < min(lq, ln) - i and query[lq - 1 - j] == name[ln - 1 - j]:
        j += 1
    got, want = query[i:lq - j], name[i:ln - j]
    if not got and len(want) == 1:
        return "deletion"
    if len(got) == 1 and not want:
        near = query[max(0, i - 1):i] + query[i + 1:i + 2]
        return "doubled" if got in near else "insertion"
    if len(got) == 1 and len(want) == 1:
        return "substitution"
    if len(got) == 2 and got == want[::-1]:
        return "transposition"
    return "several"


def test_edit_kind_equals_the_letter_by_letter_comparison():
    rng = random.Random(16)
    for _ in range(30000):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        assert edit_kind(a, b) == _edit_kind_plain(a, b), (a, b)
    for a, b in [("kanuas", "kaunas"), ("schweinfudt", "schweinfurt"), ("randenburg", "brandenburg"),
                 ("talinn", "tallinn"), ("rigga", "riga"), ("", "a"), ("aa", "a")]:
        assert edit_kind(a, b) == _edit_kind_plain(a, b), (a, b)


def test_prefix_search_within_spans_equals_the_search_over_all_names():
    from baltmet_extract.normalise.sortednames import spans as _spans
    from baltmet_extract.normalise.sortednames import starting_with as _starting_with

    rng = random.Random(3)
    names = sorted({"".join(rng.choice("abc") for _ in range(rng.randint(1, 7))) for _ in range(3000)})
    spans = _spans(names)
    texts = names[::7] + ["", "a", "ab", "abc", "abcabcabc", "ca", "cccc", "d", "aaaaaaaaaa"]
    for text in texts:
        for limit in (1, 5, 200):
            assert _starting_with(names, text, limit, spans) == _starting_with(names, text, limit), (text, limit)
    assert _spans([]) == {}


def test_the_gazetteer_prefix_and_suffix_searches_use_spans_that_cover_every_name(gazetteer):
    from baltmet_extract.normalise.sortednames import starting_with as _starting_with

    assert gazetteer.name_spans and gazetteer.reversed_spans
    for text in ["brandenburg", "randenburg", "burg", "kaunas", "ippstadt", "zzzzz", "tallin", "sz"]:
        assert gazetteer.with_prefix(text) == _starting_with(gazetteer.sorted_names, text, 200)
        assert gazetteer.with_suffix(text, limit=5) == [
            n[::-1] for n in _starting_with(gazetteer.sorted_reversed, text[::-1], 5)]


def test_the_cut_name_filter_never_hides_a_name_that_starts_or_ends_so():
    from baltmet_extract.normalise.sortednames import cut_filter, may_be_cut

    rng = random.Random(5)
    names = sorted({"".join(rng.choice("abcd") for _ in range(rng.randint(3, 10))) for _ in range(4000)})
    bits = cut_filter(names, 3, 5)
    cut = {n[:-k] for n in names for k in (1, 2, 3) if len(n) - k >= 5} | \
        {n[k:] for n in names for k in (1, 2, 3) if len(n) - k >= 5}
    texts = sorted(cut)[::3] + ["".join(rng.choice("abcd") for _ in range(rng.randint(5, 9))) for _ in range(3000)]
    said_no = 0
    for text in texts:
        plain = any(n != text and len(n) - len(text) <= 3 and (n.startswith(text) or n.endswith(text))
                    for n in names)
        if not may_be_cut(bits, text):
            said_no += 1
            assert not plain, text  # a "no" is always right
    assert said_no > 500  # and it does say no (else it would save no search)


def test_the_gazetteer_answers_cut_names_with_the_filter_as_without(gazetteer):
    for text in ["randenburg", "brandenbur", "ippstadt", "kaunas", "zzzzzz", "schweinfur", "einfurt", "tallin"]:
        found = [n for n in gazetteer.with_prefix(text) + gazetteer.with_suffix(text)
                 if n != text and len(n) - len(text) <= 3]
        if found:
            assert gazetteer.may_be_cut(text), text


def test_co_partners_from_other_countries_do_not_decide_a_tie_between_namesakes():
    from baltmet_extract.normalise.gazetteer import PRIMARY, Entity
    from baltmet_extract.normalise.ranking import Ranker

    a = Entity("geonames:1", "Neustadt", "city", "DE", population=20000, european=True)
    b = Entity("geonames:2", "Neustadt", "city", "AT", population=20000, european=True)
    alone = Ranker(2.0).rank([(a, PRIMARY), (b, PRIMARY)], [90.0, 90.0], None, frozenset())
    among = Ranker(2.0).rank([(a, PRIMARY), (b, PRIMARY)], [90.0, 90.0], None, frozenset({"PL", "SE"}))
    assert [s.entity.key for s in among] == [s.entity.key for s in alone]
    assert not any(s.context_decided for s in among)  # the countries chose nothing: the tie is the name's
    chosen = Ranker(2.0).rank([(a, PRIMARY), (b, PRIMARY)], [90.0, 90.0], None, frozenset({"AT"}))
    assert chosen[0].entity.key == "geonames:2" and chosen[0].context_decided
