"""Pairwise precision, recall and F1 of a clustering against the truth — the same code for both
systems.

A pair of records is *predicted* when both records are in one output cluster and *true* when
both belong to one entity. Precision is true predicted pairs over predicted pairs; recall is
true predicted pairs over true pairs. Records missing from an output count as singletons.

For FEBRL4 every true pair joins a record of file A to one of file B (each file holds each
entity at most once), so a within-file pair that a system puts in one cluster counts against
its precision, whichever way the system was asked to link.
"""

import csv
from collections import Counter


def _pairs(n):
    return n * (n - 1) // 2


def read_truth(path):
    """{record id: entity} from a `rec_id,entity` CSV."""
    with open(path, newline="", encoding="utf-8") as f:
        return {row["rec_id"]: row["entity"] for row in csv.DictReader(f)}


def read_clusters(path, id_of=lambda x: x):
    """{record id: cluster} from a two-column `id,cluster` CSV with a header."""
    clusters = {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for record, cluster in reader:
            clusters[id_of(record)] = cluster
    return clusters


def pairwise(truth, clusters):
    """(precision, recall, f1, counts) of `clusters` against `truth`, both {record: label}."""
    unknown = set(clusters) - set(truth)
    if unknown:
        example = next(iter(unknown))
        raise ValueError(f"{len(unknown)} clustered records are not in the truth, e.g. {example}")
    # A record the system did not output is a cluster of its own.
    labels = {r: clusters.get(r, ("singleton", r)) for r in truth}
    true_pairs = sum(_pairs(n) for n in Counter(truth.values()).values())
    predicted_pairs = sum(_pairs(n) for n in Counter(labels.values()).values())
    correct = sum(_pairs(n) for n in Counter((labels[r], truth[r]) for r in truth).values())
    precision = correct / predicted_pairs if predicted_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    counts = {
        "true_pairs": true_pairs,
        "predicted_pairs": predicted_pairs,
        "correct_pairs": correct,
        "records_clustered": len(clusters),
    }
    return precision, recall, f1, counts
