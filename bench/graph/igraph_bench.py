"""The igraph side of bench/graph/run.sh: times connected components, Leiden (igraph's own
and, optionally, leidenalg's) and PageRank on an edge list, and checks the Rust side's answers
against igraph's: its partition's modularity as igraph computes it, its component count, its
PageRank top ten. Prints one JSON object."""

import argparse
import json
import resource
import time

import igraph as ig


def seconds(f):
    started = time.perf_counter()
    result = f()
    return time.perf_counter() - started, result


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--edges", required=True)
    p.add_argument("--rust", help="the Rust side's JSON line, to check against")
    p.add_argument("--rust-membership", help="the Rust side's communities, one a line")
    p.add_argument("--leidenalg", action="store_true", help="also time leidenalg")
    args = p.parse_args()

    load_s, g = seconds(lambda: ig.Graph.Read_Edgelist(args.edges, directed=False))
    components_s, components = seconds(lambda: g.connected_components())
    # igraph's defaults: two iterations, beta 0.01, resolution 1.
    leiden_s, leiden = seconds(
        lambda: g.community_leiden(objective_function="modularity", n_iterations=2)
    )
    pagerank_s, pagerank = seconds(lambda: g.pagerank(damping=0.85))
    out = {
        "system": "igraph " + ig.__version__,
        "nodes": g.vcount(),
        "edges": g.ecount(),
        "threads": 1,
        "load_s": round(load_s, 3),
        "components_s": round(components_s, 3),
        "components": len(components),
        "leiden_s": round(leiden_s, 3),
        "communities": len(leiden),
        "modularity": round(g.modularity(leiden.membership), 6),
        "pagerank_s": round(pagerank_s, 3),
        "pagerank_top": sorted(range(g.vcount()), key=lambda v: (-pagerank[v], v))[:10],
    }
    if args.leidenalg:
        import leidenalg

        la_s, la = seconds(
            lambda: leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, seed=42)
        )
        out["leidenalg_s"] = round(la_s, 3)
        out["leidenalg_modularity"] = round(la.modularity, 6)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if args.rust:
        with open(args.rust) as f:
            rust = json.loads(f.read())
        checks = {"components_agree": rust["components"] == len(components)}
        top = set(out["pagerank_top"])
        checks["pagerank_top10_shared"] = len(top & set(rust["pagerank_top"]))
        if args.rust_membership:
            with open(args.rust_membership) as f:
                membership = [int(line) for line in f]
            checks["rust_modularity_by_igraph"] = round(g.modularity(membership), 6)
        out["checks"] = checks
    print(json.dumps(out))


if __name__ == "__main__":
    main()
