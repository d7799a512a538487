#!/usr/bin/env python3
"""Checks rg's GeoJSON output with the `geojson` library from PyPI (never with rg's code).

    python geojson_check.py collection|sequence < OUTPUT

Prints one JSON object: {"valid": bool, "errors": [...], "features": [{"geometry": TYPE or
null, "coordinates": ..., "properties": {...}}, ...]}. A collection must be one complete RFC
7946 FeatureCollection; a sequence RFC 8142 text: every record RS-prefixed, newline-ended, one
Feature. Beyond the library's checks: positions are [longitude, latitude] within range.
"""
import json
import sys

import geojson


def check_position(position, errors):
    if len(position) != 2:
        errors.append(f"position {position} is not [lon, lat]")
        return
    lon, lat = position
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        errors.append(f"position {position} is out of range")


def describe(text, errors):
    """One Feature: validated by the library, described from the exact JSON (the library
    rounds coordinates to 6 decimals)."""
    feature = geojson.loads(text)
    if feature.get("type") != "Feature":
        errors.append(f"not a Feature: {feature}")
    if not feature.is_valid:
        errors.append(f"invalid feature: {feature.errors()}")
    feature = json.loads(text)
    geometry = feature.get("geometry")
    if geometry is not None:
        coordinates = geometry["coordinates"]
        positions = [coordinates] if geometry["type"] == "Point" else coordinates
        for position in positions:
            check_position(position, errors)
    return {"geometry": geometry and geometry["type"],
            "coordinates": geometry and geometry["coordinates"],
            "properties": feature.get("properties")}


def main():
    mode = sys.argv[1]
    text = sys.stdin.buffer.read().decode("utf-8")
    errors, features = [], []
    if mode == "collection":
        document = geojson.loads(text)
        if document.get("type") != "FeatureCollection":
            errors.append("not a FeatureCollection")
        if not document.is_valid:
            errors.append(f"invalid collection: {document.errors()}")
        features = [describe(json.dumps(f), errors)
                    for f in json.loads(text).get("features", [])]
    else:
        if text and not text.startswith("\x1e"):
            errors.append("the sequence does not start with RS")
        for record in text.split("\x1e")[1:]:
            if not record.endswith("\n"):
                errors.append(f"record does not end with a newline: {record!r}")
            features.append(describe(record, errors))
    print(json.dumps({"valid": not errors, "errors": errors, "features": features}))


main()
