"""When a near spelling is certain: the evidence a fuzzy match rests on, and the measured rule that
decides from it whether a person must confirm the match.

The thresholds live in `settings.yaml` (`normalise: certain:`) and were set by
`benchmarks/calibrate.py`, which resolves thousands of generated misspellings with known answers
(and real villages the gazetteer does not hold) and finds the loosest thresholds under which no
wrong answer is left unflagged. A match is left unflagged only when every condition holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from rapidfuzz.distance import Postfix, Prefix

#: What turned a gazetteer name into the mention (both compact folded).
EDIT_KINDS = ("none", "transposition", "deletion", "insertion", "doubled", "substitution", "cut_start", "cut_end",
              "several")
CUTS = ("cut_start", "cut_end")
#: gazetteer name types by the word settings.yaml uses for them
NAME_TYPES = {"primary": 0, "curated": 1, "alternate": 2, "short": 3}


class Evidence(NamedTuple):
    """What a fuzzy match rests on (all figures on compact folded names)."""

    #: letters of the mention
    length: int
    #: edits from the chosen name to the mention (optimal string alignment); for a cut name, the
    #: letters cut
    edits: int
    #: one of `EDIT_KINDS`
    edit_kind: str
    #: similarity points over the best other place
    margin: float
    kind: str
    population: int
    #: gazetteer name type of the matched name (0 primary, 1 curated, 2 alternate, 3 short form)
    name_type: int
    #: the place's country is one of the co-partners'
    in_context: bool = False
    #: the co-partners' countries, not the name, put this place first
    context_decided: bool = False
    #: the gazetteer name matched (compact folded)
    matched: str = ""
    #: the place is in a European country
    european: bool = False
    #: ranking points (similarity and priors: size, kind, context) over the best other place
    prior_margin: float = 99.0
    #: edits to the nearest other candidate found (a cut name counts as one); None: none found
    runner_up_edits: int | None = None
    #: what that is: "place" (another gazetteer place), "cut" (another place's name cut), "small"
    #: (a small place the gazetteer knows only by name)
    runner_up: str = ""
    runner_up_population: int = 0
    runner_up_european: bool = False
    runner_up_name_type: int = 0
    runner_up_country: str = ""
    #: other reasons the cascade found for a person to look (a cut name of another place, the
    #: kind the text announces): they flag the match whatever the rule says
    doubts: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        """Errors that explain the mention: a cut is one, however many letters it took."""
        return 1 if self.edit_kind in CUTS else self.edits

    def doubt(self, reason: str) -> Evidence:
        return self._replace(doubts=(*self.doubts, reason))

    def seen_with(self, entity: Any, countries: frozenset[str]) -> Evidence:
        """This evidence for a mention seen among co-partners from `countries`."""
        in_context = bool(countries) and entity.country in countries
        if in_context == self.in_context:
            return self
        # `_replace(in_context=...)` without its keyword machinery: every mention seen among
        # co-partners passes here
        return tuple.__new__(Evidence, (*self[:_IN_CONTEXT], in_context, *self[_IN_CONTEXT + 1:]))


_IN_CONTEXT = Evidence._fields.index("in_context")


def edit_kind(query: str, name: str) -> str:
    """What turned `name` into `query` (one of `EDIT_KINDS`)."""
    if query == name:
        return "none"
    lq, ln = len(query), len(name)
    if lq < ln and name.endswith(query) and ln - lq <= 3:
        return "cut_start"
    if lq < ln and name.startswith(query) and ln - lq <= 3:
        return "cut_end"
    # the letters both share at the start, then at the end of what is left
    i = Prefix.similarity(query, name)
    j = min(Postfix.similarity(query, name), min(lq, ln) - i)
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


@dataclass(frozen=True)
class CertainRule:
    """Conditions under which a fuzzy match needs no review; `CertainRule.resolve(settings)`.
    The defaults are the measured ones (see `settings.yaml`)."""

    #: edit kinds that may be certain
    edit_kinds: tuple[str, ...] = ("transposition", "deletion", "doubled", "substitution", "cut_start")
    #: most edits between the mention and the name
    max_edits: int = 1
    #: most letters a cut may have taken from the start or end of the name
    max_cut: int = 2
    #: fewest letters of the mention, by edit kind (`default` for the others)
    min_length: tuple[tuple[str, int], ...] = (("cut_start", 7), ("default", 5))
    #: fewest more errors the nearest other candidate needs than the chosen place
    min_runner_up_gap: int = 1
    #: fewest people of a city
    min_population: int = 15000
    #: only a place in Europe (the documents' home) may be certain
    european_only: bool = True
    #: name types that may be certain (0 primary, 1 curated, 2 alternate, 3 short form)
    name_types: tuple[int, ...] = (0, 1, 3)
    #: a choice the co-partners' countries made may be certain
    context_decided: bool = False

    @classmethod
    def resolve(cls, value: Any) -> CertainRule:
        """The rule from `settings.yaml`'s `normalise: certain:` mapping (None: the defaults); anything
        else the file may hold is refused with a ValueError that says what is wrong."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise ValueError(f"normalise.certain must be a mapping, not {type(value).__name__}")
        unknown = set(value) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"normalise.certain: unknown setting(s) {', '.join(sorted(unknown))}; "
                             f"choose from {', '.join(cls.__dataclass_fields__)}")
        args: dict[str, Any] = dict(value)
        if "edit_kinds" in args:
            kinds = tuple(args["edit_kinds"])
            unknown_kinds = set(kinds) - set(EDIT_KINDS)
            if unknown_kinds:
                raise ValueError(f"normalise.certain.edit_kinds: unknown kind(s) {', '.join(sorted(unknown_kinds))}; "
                                 f"choose from {', '.join(EDIT_KINDS)}")
            args["edit_kinds"] = kinds
        if "min_length" in args:
            ml = args["min_length"]
            args["min_length"] = tuple(sorted((str(k), int(v)) for k, v in ml.items())) if isinstance(ml, dict) \
                else (("default", int(ml)),)
        if "name_types" in args:
            bad = [t for t in args["name_types"] if t not in NAME_TYPES]
            if bad:
                raise ValueError(f"normalise.certain.name_types: unknown type(s) {', '.join(map(str, bad))}; "
                                 f"choose from {', '.join(NAME_TYPES)}")
            args["name_types"] = tuple(NAME_TYPES[t] for t in args["name_types"])
        for key in ("max_edits", "max_cut", "min_runner_up_gap", "min_population"):
            if key in args:
                args[key] = int(args[key])
        return cls(**args)

    def length_needed(self, kind: str) -> int:
        table = self._lengths
        return table.get(kind, table.get("default", 0))

    @cached_property
    def _lengths(self) -> dict[str, int]:
        return dict(self.min_length)

    def why_doubtful(self, ev: Evidence) -> str:
        """Why the evidence is too weak to leave the match unflagged; "" when it is strong enough."""
        if ev.doubts:
            return ev.doubts[0]
        if ev.edit_kind not in self.edit_kinds:
            return f"a near spelling of a kind ({ev.edit_kind.replace('_', ' ')}) not measured to be safe"
        if ev.edits > (self.max_cut if ev.edit_kind in CUTS else self.max_edits):
            return f"{ev.edits} letters differ"
        if ev.length < self.length_needed(ev.edit_kind):
            return f"a short name ({ev.length} letters)"
        if ev.runner_up_edits is not None and ev.runner_up_edits - ev.errors < self.min_runner_up_gap:
            what = {"small": "a small place", "cut": "another place's name cut"}.get(ev.runner_up, "another place")
            return f"{what} is as near"
        if ev.kind == "city" and ev.population < self.min_population:
            return "a small town"
        if self.european_only and not ev.european:
            return "a place outside Europe"
        if ev.name_type not in self.name_types:
            return "an alternate name"
        if ev.context_decided and not self.context_decided:
            return "the co-partners' countries chose it"
        return ""

    def certain(self, ev: Evidence) -> bool:
        """True when the evidence is strong enough to leave the match unflagged."""
        return not self.why_doubtful(ev)


__all__ = ["EDIT_KINDS", "NAME_TYPES", "CertainRule", "Evidence", "edit_kind"]
