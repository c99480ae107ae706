"""Writing benchmark records as exchange-v1 JSON Lines, one person per report.

Every benchmark record becomes one report whose only person is `P1`, so the mention id that
Sightline reports is `<ref>#P1` and the record id is the part before `#`. The address, when
there is one, is a `locations[]` entry linked to the person by `lives_at`.
"""

import json

RECEIVED = "2026-01-01T00:00:00Z"


def display_name(given, surname):
    """The name as a police record writes it: `Given SURNAME` (either part may be missing)."""
    parts = []
    if given:
        parts.append(" ".join(w[:1].upper() + w[1:].lower() for w in given.split()))
    if surname:
        parts.append(surname.upper())
    return " ".join(parts) or None


def report(ref, name, dob, address, identifiers=None, received=RECEIVED):
    """One exchange-v1 report holding one person (and their address, if any). `received` matters
    to Sightline: a date of birth more than 120 years before it is discarded as impossible."""
    person = {"id": "P1", "name": name, "dob": dob, "role": "unknown"}
    if identifiers:
        person["identifiers"] = identifiers
    record = {
        "kind": "report",
        "ref": ref,
        "received": received,
        "source": {"type": "other", "org": None},
        "grading": {"source": "2", "intel": "C", "handling": "P", "conditions": None},
        "text": "",
        "persons": [person],
        "locations": [],
        "links": [],
    }
    if address:
        record["locations"].append(
            {"id": "L1", "address": address, "postcode": None, "type": "residential"}
        )
        record["links"].append({"from": "P1", "to": "L1", "type": "lives_at"})
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def record_id(mention):
    """The benchmark record id of a Sightline mention id (`<ref>#P1` -> `<ref>`)."""
    return mention.split("#", 1)[0]
