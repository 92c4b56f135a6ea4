"""Best-evidenced paths, bounded neighbourhoods, communities and centrality over concepts."""

from __future__ import annotations

import math

import networkx as nx

from .scores import Link

SEED = 42


def edge_cost(score: float, evidence: int) -> float:
    """Cost of one step over a link of ``score`` shown by ``evidence`` sentences: strong,
    typed, well-evidenced relations are short (>= 1 per hop)."""
    return 1.0 + -math.log(max(score, 0.01)) + (1.0 - min(evidence, 10) / 10)


def best_path(steps: dict[str, tuple[tuple[str, float], ...]], source: str, target: str,
              max_hops: int) -> list[str] | None:
    """Cheapest path of at most ``max_hops`` steps over ``steps`` (concept -> (neighbour,
    ``edge_cost``) for every relation with evidence), or None.

    Hop-bounded Bellman-Ford: ``max_hops`` rounds over the edges reached so far.
    """
    if source == target:
        return [source]
    best: dict[str, tuple[float, list[str]]] = {source: (0.0, [source])}
    frontier = {source}
    for _ in range(max_hops):
        updates: dict[str, tuple[float, list[str]]] = {}
        for node in frontier:
            cost, path = best[node]
            for other, step in steps.get(node, ()):
                if other in path:
                    continue
                new = cost + step
                if new < best.get(other, (math.inf,))[0] and new < updates.get(other, (math.inf,))[0]:
                    updates[other] = (new, path + [other])
        if not updates:
            break
        best.update(updates)
        frontier = set(updates)
    found = best.get(target)
    return found[1] if found else None


def concept_graph(links: dict[str, dict[str, Link]], nodes) -> nx.Graph:
    """Undirected weighted concept graph (weight = combined score) for clustering and ranking."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for a, neighbours in links.items():
        for b, link in neighbours.items():
            if a < b and link.score > 0:
                graph.add_edge(a, b, weight=link.score)
    return graph


def communities(graph: nx.Graph) -> list[list[str]]:
    """Louvain communities (seeded, so stable) of concepts that have relations, largest first."""
    connected = graph.subgraph([n for n in graph if graph.degree(n) > 0])
    if connected.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(connected, weight="weight", seed=SEED)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def pagerank(graph: nx.Graph, alpha: float = 0.85, tol: float = 1e-10,
             max_iter: int = 200) -> dict[str, float]:
    """PageRank of every concept over the weighted relations (power iteration; sums to 1).

    >>> g = nx.Graph([("a", "b"), ("b", "c")])
    >>> max(pagerank(g).items(), key=lambda kv: kv[1])[0]
    'b'
    """
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    strength = {u: sum(d.get("weight", 1.0) for _, _, d in graph.edges(u, data=True)) for u in graph}
    rank = dict.fromkeys(graph, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in graph if not strength[u]) / n
        new = dict.fromkeys(graph, (1.0 - alpha) / n + dangling)
        for u in graph:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for _, v, d in graph.edges(u, data=True):
                    new[v] += share * d.get("weight", 1.0)
        if sum(abs(new[u] - rank[u]) for u in graph) < n * tol:
            return new
        rank = new
    return rank
