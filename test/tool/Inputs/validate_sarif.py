#!/usr/bin/python3
"""Validates a SARIF log against the official 2.1.0 schema (Debian's
python3-jsonschema), and prints a summary for FileCheck."""
import json
import sys

import jsonschema

args = sys.argv[1:]
only_fingerprints = "--fingerprints" in args
args = [a for a in args if a != "--fingerprints"]
log_path, schema_path = args
with open(log_path) as f:
    log = json.load(f)
with open(schema_path) as f:
    schema = json.load(f)
validator = jsonschema.validators.validator_for(schema)
validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
run = log["runs"][0]
if only_fingerprints:
    for r in run["results"]:
        print(r["ruleId"], r["partialFingerprints"]["nanguard/v1"])
    sys.exit(0)
print("valid SARIF", log["version"])
print("rules", " ".join(r["id"] for r in run["tool"]["driver"]["rules"]))
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]
    region = loc["region"]
    print("result %s %s %s:%d:%d-%d:%d %s" % (
        r["ruleId"], r["level"], loc["artifactLocation"]["uri"],
        region["startLine"], region["startColumn"], region.get("endLine", 0),
        region.get("endColumn", 0), r["partialFingerprints"]["nanguard/v1"]))
print("executionSuccessful", run["invocations"][0]["executionSuccessful"])
