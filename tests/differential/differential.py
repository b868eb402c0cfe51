"""Differential test: keyflip against botocore, for every listed IAM and STS operation.

    differential.py <driver> <cases> <seed>

Runs the native driver (keyflip_differential: cases made from the model's
shapes with a seeded RNG, signed and parsed by keyflip), then for each case
signs the same request with botocore (botocore_sign.run) and reads the same
XML answer with botocore's QueryParser (botocore_sign.parse), and compares:
the endpoint URL, the body byte for byte, content-type, x-amz-date,
x-amz-security-token, Authorization, and the parsed output member by member
(timestamps as instants, blobs as bytes: the driver writes keyflip's as
{"bytesHex": ...}). A case keyflip refuses (an STS combination its endpoint
rules have no endpoint for) must be refused by botocore too
(EndpointResolutionError), and the other way round. Prints the cases per
operation; fails when an operation got none. Exits 1 on any mismatch,
printing where.
"""
import datetime
import json
import subprocess
import sys

import botocore_sign

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def compare_output(ours, theirs, path, diffs):
    """Member by member: same keys, same values; timestamps as instants (1 µs)."""
    if isinstance(theirs, bytes):
        if not (isinstance(ours, dict) and "bytesHex" in ours):
            diffs.append(f"  {path}: keyflip {ours!r}, botocore the blob {theirs.hex()}")
        elif bytes.fromhex(ours["bytesHex"]) != theirs:
            diffs.append(f"  {path}: keyflip bytes {ours['bytesHex']}, botocore {theirs.hex()}")
    elif isinstance(theirs, datetime.datetime):
        if not (isinstance(ours, dict) and "epochMs" in ours):
            diffs.append(f"  {path}: keyflip {ours!r}, botocore the timestamp {theirs.isoformat()}")
            return
        theirs_ms = (theirs - EPOCH) / datetime.timedelta(milliseconds=1)
        if abs(ours["epochMs"] - theirs_ms) > 0.001:
            diffs.append(f"  {path}: keyflip {ours['epochMs']} ms, botocore {theirs_ms} ms ({theirs.isoformat()})")
    elif isinstance(theirs, dict):
        if not isinstance(ours, dict) or "epochMs" in ours or "bytesHex" in ours:
            diffs.append(f"  {path}: keyflip {ours!r}, botocore a structure")
            return
        for key in sorted(set(ours) | set(theirs)):
            if key not in ours or key not in theirs:
                diffs.append(f"  {path}.{key}: only in {'keyflip' if key in ours else 'botocore'}")
            else:
                compare_output(ours[key], theirs[key], f"{path}.{key}", diffs)
    elif isinstance(theirs, list):
        if not isinstance(ours, list) or len(ours) != len(theirs):
            diffs.append(f"  {path}: keyflip {ours!r}, botocore {theirs!r}")
            return
        for i, (a, b) in enumerate(zip(ours, theirs)):
            compare_output(a, b, f"{path}[{i}]", diffs)
    elif type(ours) is not type(theirs) or ours != theirs:
        diffs.append(f"  {path}: keyflip {ours!r}, botocore {theirs!r}")


def main():
    driver, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    run = subprocess.run([driver, str(count), str(seed)], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"keyflip_differential failed (exit {run.returncode}):\n{run.stderr}")
        return 1
    document = json.loads(run.stdout)
    cases = document["cases"]
    operations = [(o["service"], o["action"]) for o in document["operations"]]

    failures, caveats, seen = [], {}, set()
    by_source = {"botocore": 0, "keyflip": 0}
    parsed_count = 0
    per_operation = {o: {"cases": 0, "refused": 0, "parsed": 0} for o in operations}
    refused_combos = {}
    for case in cases:
        combo = f"{case['service']} {case['partition']} fips={case['fips']} dualStack={case['dualStack']}"
        seen.add((case["action"], combo))
        counts = per_operation[(case["service"], case["action"])]
        counts["cases"] += 1
        k = case["keyflip"]
        r = botocore_sign.run(case)
        by_source[r["endpointSource"]] += 1
        if "why" in r:
            caveats[combo] = r["why"]
        diffs = []
        if "refused" in k:
            # keyflip refused: every botocore signer must have refused too.
            counts["refused"] += 1
            theirs = {signer: b.get("refused") for signer, b in r["signed"].items()}
            if not theirs or not all(theirs.values()):
                diffs.append(f"  keyflip refused ({'; '.join(i['message'] for i in k['refused'])}), "
                             f"botocore signed: {[b.get('url') for b in r['signed'].values()]}")
            else:
                refused_combos[combo] = (k["refused"][0]["message"], next(iter(theirs.values())))
        for signer, b in r["signed"].items() if "refused" not in k else ():
            if "refused" in b:
                diffs.append(f"  botocore {signer} signer refused ({b['refused']}), keyflip signed for {k['url']}")
                continue
            for field in ("url", "body", "content-type", "x-amz-date", "x-amz-security-token", "authorization"):
                if k[field] != b[field]:
                    diffs.append(f"  {field} (botocore {signer} signer):\n    keyflip:  {k[field]}\n    botocore: {b[field]}")
        if r.get("expectDifferentEndpoint") and r["botocoreEndpointUrl"] == k["url"]:
            diffs.append(f"  endpoint: botocore now agrees ({k['url']}); remove the combination from KNOWN_DIVERGENT")
        if "xml" in case:
            parsed_count += 1
            counts["parsed"] += 1
            compare_output(case["parsed"], botocore_sign.parse(case), case["action"], diffs)
        if diffs:
            shown = {key: case[key] for key in ("id", "service", "action", "partition", "fips", "dualStack", "region", "params", "dateMs")}
            failures.append(f"case {case['id']} (seed {seed}) {json.dumps(shown)}\n" + "\n".join(diffs)
                            + (f"\n  xml: {case['xml']}" if "xml" in case and any("  " + case["action"] in d for d in diffs) else ""))

    actions = sorted({f"{c['service']}:{c['action']}" for c in cases})
    print(f"keyflip vs botocore {botocore_sign.botocore.__version__} (SigV4 signers: {', '.join(sorted(botocore_sign.SIGNERS))}; "
          f"partitions it knows: {', '.join(sorted(botocore_sign.KNOWN_PARTITIONS))}), seed {seed}")
    print(f"{count} cases over {len(actions)} operations ({', '.join(actions)}) and {len({s[1] for s in seen})} "
          f"partition x FIPS x dual-stack combinations; {parsed_count} answers parsed by both; endpoint from "
          f"botocore's rule set: {by_source['botocore']}, from keyflip (body and Authorization still compared): {by_source['keyflip']}")
    for combo, why in sorted(caveats.items()):
        print(f"  caveat {combo}: {why}")
    for combo, (ours, theirs) in sorted(refused_combos.items()):
        print(f"  refused by both {combo}: keyflip \"{ours}\"; botocore {theirs}")
    print("cases per operation (refused by both / answers parsed by both):")
    for (service, action), n in per_operation.items():
        print(f"  {service}:{action}: {n['cases']} ({n['refused']} / {n['parsed']})")
    starved = [f"{s}:{a}" for (s, a), n in per_operation.items() if n["cases"] == 0]
    if starved and count >= len(operations):
        failures.append(f"operations without a case: {', '.join(starved)}")
    for failure in failures[:20]:
        print(f"\nMISMATCH {failure}")
    if len(failures) > 20:
        print(f"\n... and {len(failures) - 20} more mismatches")
    print(f"differential: {count - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
