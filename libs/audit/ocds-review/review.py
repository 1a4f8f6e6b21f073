"""Runs libcoveocds (the library behind the OCDS Data Review Tool) on OCDS packages without a network.

Usage: python review.py <schema-dir> <codelists-dir> <package.json>...

<schema-dir> holds the standard's release, package and versioned-release schemas (../shared/ocds),
<codelists-dir> its codelists (libs/audit/ocds-standard/codelists). They are zipped in memory in the
layout of the standard's repository, which libcoveocds accepts as `standard_zip`. Extensions are read
from the URLs the packages declare (the spec serves libs/audit/ocds-extensions on 127.0.0.1).

libcoveocds 0.17 dereferences the record package schema's link to the versioned release schema with
jsonref, which fetches it from standard.open-contracting.org: that one URL prefix is answered from
<schema-dir>; any other URL goes to the network as before.

Prints one JSON object: package path -> libcoveocds' result.
"""

import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path

import jsonref
import requests
from libcoveocds.api import ocds_json_output
from libcoveocds.config import LibCoveOCDSConfig

SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/"


def standard_zip(schema_dir: Path, codelists_dir: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("standard/", "")
        for name in (
            "release-schema.json",
            "release-package-schema.json",
            "record-package-schema.json",
            "versioned-release-validation-schema.json",
        ):
            archive.write(schema_dir / name, f"standard/schema/{name}")
        for codelist in sorted(codelists_dir.glob("*.csv")):
            archive.write(codelist, f"standard/schema/codelists/{codelist.name}")
    return buffer.getvalue()


class _Local:
    def __init__(self, path: Path):
        self.path = path

    def raise_for_status(self):
        pass

    def json(self, **kwargs):
        return json.loads(self.path.read_text(encoding="utf-8"), **kwargs)


class _StandardFromDisk:
    def __init__(self, schema_dir: Path):
        self.schema_dir = schema_dir

    def get(self, uri, **kwargs):
        if uri.startswith(SCHEMA_URL):
            return _Local(self.schema_dir / uri[len(SCHEMA_URL) :])
        return requests.get(uri, **kwargs)


def main() -> None:
    schema_dir, codelists_dir = Path(sys.argv[1]), Path(sys.argv[2])
    jsonref.requests = _StandardFromDisk(schema_dir)
    zipped = standard_zip(schema_dir, codelists_dir)
    results = {}
    for filename in sys.argv[3:]:
        config = LibCoveOCDSConfig()
        config.config["standard_zip"] = zipped
        config.config["context"] = "api"
        with tempfile.TemporaryDirectory() as output_dir:
            results[filename] = ocds_json_output(output_dir, filename, None, lib_cove_ocds_config=config)
    print(json.dumps(results, default=lambda value: sorted(value) if isinstance(value, set) else str(value)))


if __name__ == "__main__":
    main()
