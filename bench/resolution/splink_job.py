"""One Splink run, in its own process so that its time and peak memory are its own.

    python splink_job.py --preset febrl3 --link-type dedupe_only --clusters OUT.csv IN.csv...

Splink is configured as its FEBRL tutorials configure it (splink docs/demos/examples/duckdb,
febrl3 and febrl4): the tutorial's blocking rules and comparisons; the prior from deterministic
rules; u from 1,000,000 random pairs (`estimate_u_using_random_sampling(max_pairs=1e6)`); m by
expectation–maximisation once per training blocking rule (date of birth, then postcode);
prediction; and `cluster_pairwise_predictions_at_threshold` at 0.9. Predictions are made at the
clustering threshold, since pairs below it cannot join a cluster.

The synthetic preset has no social-security number, and blocking on a single column (`block_on
("date_of_birth")`, `block_on("surname")`) grows quadratically at a million records, so its
prediction rules pair names with names and with the date of birth, plus postcode with house
number; its comparisons are the febrl4 tutorial's detailed model without `soc_sec_id`.
`--no-ids` runs the FEBRL models without `soc_sec_id` (its blocking rule, comparison and
deterministic rule), for comparison with Sightline given no identifiers.

Prints one JSON object: seconds for loading, training, prediction and clustering, and counts.
Writes `rec_id,cluster` CSV.
"""

import argparse
import json
import time


def model_for(preset, use_ids=True):
    """Blocking rules, comparisons, training rules and prior rules for a preset, as its tutorial
    has them. `use_ids=False` leaves out the social-security number (rules and comparison)."""
    import splink.comparison_library as cl
    from splink import block_on

    swapped = "l.given_name = r.surname and l.surname = r.given_name"
    ids = use_ids and preset in ("febrl3", "febrl4")
    if preset == "febrl3":
        rules = [block_on("soc_sec_id")] if ids else []
        rules += [
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("postcode"),
        ]
        comparisons = [
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
            ),
        ]
        if ids:
            comparisons.append(cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]))
        comparisons += [
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ]
        deterministic = [block_on("soc_sec_id")] if ids else []
        deterministic += [
            block_on("given_name", "surname", "date_of_birth"),
            swapped + " and l.date_of_birth = r.date_of_birth",
        ]
        recall = 0.9
    elif preset == "febrl4":
        rules = [block_on("given_name", "surname"), swapped, block_on("date_of_birth")]
        if ids:
            rules.append(block_on("soc_sec_id"))
        rules += [
            block_on("state", "address_1"),
            block_on("street_number", "address_1"),
            block_on("postcode"),
        ]
        comparisons = [
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth",
                input_is_string=True,
                datetime_format="%Y%m%d",
                invalid_dates_as_null=True,
            ),
        ]
        if ids:
            comparisons.append(cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]))
        comparisons += [
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True
            ),
        ]
        deterministic = [block_on("soc_sec_id")] if ids else []
        deterministic.append(block_on("given_name", "surname", "date_of_birth"))
        recall = 0.8
    elif preset == "synthetic":
        rules = [
            block_on("given_name", "surname"),
            swapped,
            block_on("surname", "date_of_birth"),
            block_on("given_name", "date_of_birth"),
            block_on("postcode", "street_number"),
        ]
        comparisons = [
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth",
                input_is_string=True,
                datetime_format="%Y-%m-%d",
                invalid_dates_as_null=True,
            ),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True
            ),
        ]
        deterministic = [
            block_on("given_name", "surname", "date_of_birth"),
            swapped + " and l.date_of_birth = r.date_of_birth",
        ]
        recall = 0.8
    else:
        raise ValueError(f"unknown preset {preset!r}")
    training = [block_on("date_of_birth"), block_on("postcode")]
    return rules, comparisons, training, deterministic, recall


def run(preset, link_type, inputs, clusters_path, threshold, seed, use_ids):
    """Loads the inputs, trains, predicts and clusters; returns the timings."""
    started = time.perf_counter()
    import duckdb
    from splink import DuckDBAPI, Linker, SettingsCreator

    con = duckdb.connect()
    db_api = DuckDBAPI(connection=con)
    tables = []
    for k, path in enumerate(inputs):
        name = f"input_{k}"
        con.execute(
            f"create table {name} as select * from read_csv(?, all_varchar = true, header = true)",
            [path],
        )
        tables.append(db_api.register(name))
    rules, comparisons, training, deterministic, recall = model_for(preset, use_ids)
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type=link_type,
        blocking_rules_to_generate_predictions=rules,
        comparisons=comparisons,
    )
    linker = Linker(tables if len(tables) > 1 else tables[0], settings, log_level="WARNING")
    loaded = time.perf_counter()

    linker.training.estimate_probability_two_random_records_match(deterministic, recall=recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=seed)
    for rule in training:
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    trained = time.perf_counter()

    predictions = linker.inference.predict(threshold_match_probability=threshold)
    predicted = time.perf_counter()

    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    clustered = time.perf_counter()
    # Written after the clock stops, as Sightline's clusters are.
    clusters.as_duckdbpyrelation().project("rec_id, cluster_id").write_csv(
        clusters_path, header=True
    )
    links = predictions.as_duckdbpyrelation().count("*").fetchall()[0][0]
    return {
        "load_s": loaded - started,
        "train_s": trained - loaded,
        "predict_s": predicted - trained,
        "cluster_s": clustered - predicted,
        "resolve_s": clustered - loaded,
        "links": links,
    }


def main():
    """Command line: one Splink run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", required=True)
    parser.add_argument("--link-type", default="dedupe_only")
    parser.add_argument("--clusters", required=True)
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument(
        "--no-ids", action="store_true", help="leave the social-security number out of the model"
    )
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()
    result = run(
        args.preset,
        args.link_type,
        args.inputs,
        args.clusters,
        args.threshold,
        args.seed,
        not args.no_ids,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
