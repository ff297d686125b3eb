#!/usr/bin/env python3
"""A small, independent client of the Kolada v3 API (Python standard library only).

It does what a Kolada client does against https://api.kolada.se/v3: reads the KPI list (/kpi) and the areas
(/municipality), then asks for the values (/data/kpi/{kpis}/municipality/{ids}[/year/{years}]), following `next_url`
from page to page until it is null or absent. It checks the shape of every answer as Kolada documents it, and prints
a JSON summary. Styra's test suite runs it against Styra's Kolada-compatible API (/kolada/v3) with a small per_page so
that paging happens; pointed at https://api.kolada.se/v3 it reads Kolada itself.

    python3 kolada_client.py BASE_URL [--per-page N] [--kpi ID,ID] [--municipality ID,ID] [--years Y,Y]

Exit status 0 when every answer had the expected shape, 1 (with the reason on stderr) when not.
"""
from __future__ import annotations

import argparse
import json
import sys
import urllib.parse
import urllib.request

CHUNK = 25  # ids a request, as Kolada clients send them


class ShapeError(Exception):
    pass


def get(url: str) -> dict:
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "kolada-client-check/1"})
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status != 200:
            raise ShapeError(f"{url}: HTTP {response.status}")
        return json.load(response)


def pages(url: str, stats: dict) -> list:
    """Every element of `values` over all pages, following next_url."""
    collected: list = []
    seen: set[str] = set()
    total = None
    while url:
        if url in seen:
            raise ShapeError(f"next_url loops back to {url}")
        seen.add(url)
        body = get(url)
        stats["pages"] += 1
        for key in ("count", "values"):
            if key not in body:
                raise ShapeError(f"{url}: no '{key}' in the answer")
        if not isinstance(body["count"], int) or not isinstance(body["values"], list):
            raise ShapeError(f"{url}: count must be an integer and values a list")
        if total is None:
            total = body["count"]
        elif body["count"] != total:
            raise ShapeError(f"{url}: count changed between pages ({total} then {body['count']})")
        collected.extend(body["values"])
        url = body.get("next_url")
        if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
            raise ShapeError(f"next_url is not an absolute URL: {url!r}")
    if total is not None and total != len(collected):
        raise ShapeError(f"count says {total} rows, the pages held {len(collected)}")
    return collected


def with_paging(url: str, per_page: int | None) -> str:
    if per_page is None:
        return url
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode({"per_page": per_page})


def check_kpi(kpi: dict) -> None:
    for key, kind in (("id", str), ("title", str), ("is_divided_by_gender", bool), ("municipality_type", str)):
        if not isinstance(kpi.get(key), kind):
            raise ShapeError(f"kpi {kpi!r}: '{key}' missing or not {kind.__name__}")


def check_municipality(area: dict) -> None:
    for key in ("id", "title", "type"):
        if not isinstance(area.get(key), str):
            raise ShapeError(f"municipality {area!r}: '{key}' missing or not a string")
    if area["type"] not in ("K", "L"):
        raise ShapeError(f"municipality {area['id']}: type {area['type']!r} is not K or L")


def check_row(row: dict) -> None:
    if not isinstance(row.get("kpi"), str) or not isinstance(row.get("municipality"), str) or not isinstance(row.get("period"), int):
        raise ShapeError(f"data row {row!r}: kpi and municipality must be strings, period an integer")
    if not isinstance(row.get("values"), list) or not row["values"]:
        raise ShapeError(f"data row {row!r}: values must be a non-empty list")
    for value in row["values"]:
        if value.get("gender") not in ("T", "K", "M"):
            raise ShapeError(f"data row {row['kpi']}/{row['municipality']}/{row['period']}: gender {value.get('gender')!r}")
        if not isinstance(value.get("count"), int) or not isinstance(value.get("status"), str):
            raise ShapeError(f"data row {row['kpi']}/{row['municipality']}/{row['period']}: count must be an integer, status a string")
        if value.get("value") is not None and not isinstance(value["value"], (int, float)):
            raise ShapeError(f"data row {row['kpi']}/{row['municipality']}/{row['period']}: value {value['value']!r}")


def chunks(items: list[str]) -> list[list[str]]:
    return [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the API's base address, e.g. https://api.kolada.se/v3")
    parser.add_argument("--per-page", type=int, help="rows a page (Kolada's default and maximum: 5000)")
    parser.add_argument("--kpi", help="KPI ids, comma-separated (default: every KPI /kpi lists)")
    parser.add_argument("--municipality", help="area ids, comma-separated (default: every area /municipality lists)")
    parser.add_argument("--years", help="years, comma-separated (default: every year)")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    stats = {"pages": 0}
    try:
        kpis = pages(with_paging(f"{base}/kpi", args.per_page), stats)
        for kpi in kpis:
            check_kpi(kpi)
        areas = pages(with_paging(f"{base}/municipality", args.per_page), stats)
        for area in areas:
            check_municipality(area)
        kpi_ids = args.kpi.split(",") if args.kpi else [k["id"] for k in kpis]
        area_ids = args.municipality.split(",") if args.municipality else [a["id"] for a in areas]
        rows: list = []
        for kpi_chunk in chunks(kpi_ids):
            for area_chunk in chunks(area_ids):
                path = f"{base}/data/kpi/{','.join(kpi_chunk)}/municipality/{','.join(area_chunk)}"
                if args.years:
                    path += f"/year/{args.years}"
                rows.extend(pages(with_paging(path, args.per_page), stats))
        keys = set()
        for row in rows:
            check_row(row)
            key = (row["kpi"], row["municipality"], row["period"])
            if key in keys:
                raise ShapeError(f"row {key} came twice")
            keys.add(key)
    except ShapeError as problem:
        print(f"kolada_client: {problem}", file=sys.stderr)
        return 1
    summary = {
        "kpis": len(kpis),
        "municipalities": len(areas),
        "rows": len(rows),
        "values": sum(len(r["values"]) for r in rows),
        "pages": stats["pages"],
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
