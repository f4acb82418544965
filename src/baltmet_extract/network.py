"""The cooperation as a network for graph tools: project-place edges (`network`) and place-place
pairs weighted by the projects they share (`copartners`), both derived from the partners table.

Only places (cities, regions, countries) are nodes: organisations, groups ("other cities in
Finland") and unresolved mentions stay in partners.csv. Events and news are not edges: a meeting
held in a city is no cooperation between places; they are on the map (places.geojson) instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from baltmet_extract.models import ROLES, CoPartners, NetworkEdge, Partner, Place, place_id

#: the kinds of partner that are places (nodes of the network, rows of places.csv)
PLACE_KINDS = ("city", "region", "country")


def partner_place_id(partner: Partner) -> str | None:
    """The `place_id` a partner row names, or None where it names no place."""
    if partner.kind not in PLACE_KINDS or not partner.name:
        return None
    return place_id(partner.kind, partner.name, partner.geonames_id, partner.iso3166_2, partner.country)


def derivation_key(partners: Iterable[Partner], places: Iterable[Place]) -> tuple[object, ...]:
    """Every value the network and the pairs are derived from: equal keys, equal tables."""
    return (tuple((p.project_id, p.position, p.name, p.kind, p.country, p.geonames_id, p.iso3166_2, p.role,
                   p.needs_review) for p in partners),
            tuple((p.place_id, p.name, p.kind, p.country) for p in places))


def network_edges(partners: Iterable[Partner], places: Iterable[Place]) -> list[NetworkEdge]:
    """One edge per project and place, in partner order. A place named twice in one project keeps
    its strongest role (lead, partner, observer, interested), its first position, the number of
    partner rows behind it, and needs review only when every one of those rows does."""
    known = {p.place_id: p for p in places}
    edges: dict[tuple[str, str], NetworkEdge] = {}
    rank = {role: i for i, role in enumerate(ROLES)}
    for partner in partners:
        pid = partner_place_id(partner)
        if pid is None:
            continue
        edge = edges.get((partner.project_id, pid))
        if edge is None:
            place = known.get(pid)
            edges[(partner.project_id, pid)] = NetworkEdge(
                project_id=partner.project_id, place_id=pid, name=place.name if place else partner.name or "",
                kind=place.kind if place else partner.kind, country=place.country if place else partner.country,
                role=partner.role, position=partner.position, needs_review=partner.needs_review)
            continue
        edge.mentions += 1
        edge.needs_review = edge.needs_review and partner.needs_review
        if rank[partner.role] < rank[edge.role]:
            edge.role = partner.role
    return list(edges.values())


def copartner_pairs(edges: Iterable[NetworkEdge]) -> list[CoPartners]:
    """Every pair of places that take part in the same project (in any role), with the number and
    ids of the projects they share; a pair needs review when any edge behind it does."""
    by_project: dict[str, dict[str, NetworkEdge]] = defaultdict(dict)
    for edge in edges:
        by_project[edge.project_id][edge.place_id] = edge
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    doubtful: set[tuple[str, str]] = set()
    names: dict[str, str] = {}
    for project_id, members in by_project.items():
        for a, b in combinations(sorted(members), 2):
            shared[(a, b)].add(project_id)
            if members[a].needs_review or members[b].needs_review:
                doubtful.add((a, b))
        names.update((pid, e.name) for pid, e in members.items())
    return [CoPartners(place_a=a, place_b=b, name_a=names[a], name_b=names[b], projects=len(projects),
                       project_ids=";".join(sorted(projects)), needs_review=(a, b) in doubtful)
            for (a, b), projects in sorted(shared.items())]
