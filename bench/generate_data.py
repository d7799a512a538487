#!/usr/bin/env python3
"""Generates the benchmark data sets in bench/data/, deterministically from a seed.

    python3 bench/generate_data.py [--seed 1] [--scale 1] [--out bench/data]

Files (N = scale; a file that already exists with the same seed is kept):
  features_<n>.json      rg serve --db files: a JSON array of features in the tutorial's layout,
                         1,000,000 * N for the main jobs, 100,000 and 100 for the server
                         comparison (prefixes of the first: same seed, same draws).
  rectangle.json         one Rectangle covering every generated feature.
  get_one.json           one Point at a feature (the one-shot get).
  get_<n>.ndjson         100,000 * N Points, half of them at features (get from one stdin).
  points_<n>.ndjson      1,000,000 * N Points, a tenth at features (record).
  notes_<n>.ndjson       100,000 * N RouteNotes: each location used exactly twice, so the
                         server answers half the notes, while the input is still streaming.
  small_*.ndjson         scaled-down inputs for the server comparison, at the 100 features (the
                         grpcio server scans its features for every point and its notes for
                         every note, so its inputs must stay small).

The generated area is latitude 40.0..42.0, longitude -75.0..-73.0 (E7 units, as in the
tutorial's database); names look like the tutorial's addresses.
"""

import argparse
import json
import os
import random

LAT_MIN, LAT_MAX = 400_000_000, 420_000_000
LON_MIN, LON_MAX = -750_000_000, -730_000_000
STREETS = ["Main", "Oak", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park",
           "Pine", "River", "Church", "Mill", "Spring", "Ridge", "Valley", "Forest", "Union"]
KINDS = ["Street", "Road", "Avenue", "Lane", "Drive", "Trail", "Path", "Way", "Court"]
TOWNS = ["Mendham", "Whippany", "Shohola", "Kingston", "Delhi", "Norwich", "Jefferson",
         "Sparta", "Warwick", "Goshen", "Milford", "Newton", "Chester", "Fishkill", "Beacon"]
STATES = [("NJ", "07"), ("NY", "12"), ("PA", "18")]


def feature_stream(seed):
    """Endless deterministic features: (name, latitude, longitude)."""
    rng = random.Random(seed)
    while True:
        state, prefix = rng.choice(STATES)
        name = (f"{rng.randrange(1, 999)} {rng.choice(STREETS)} {rng.choice(KINDS)}, "
                f"{rng.choice(TOWNS)}, {state} {prefix}{rng.randrange(100, 999)}, USA")
        yield name, rng.randrange(LAT_MIN, LAT_MAX), rng.randrange(LON_MIN, LON_MAX)


def features(seed, count):
    stream = feature_stream(seed)
    return [next(stream) for _ in range(count)]


def point_line(latitude, longitude):
    return f'{{"latitude":{latitude},"longitude":{longitude}}}\n'


def write_features(path, items):
    with open(path, "w", encoding="utf-8") as out:
        out.write("[\n")
        for index, (name, lat, lon) in enumerate(items):
            comma = "," if index + 1 < len(items) else ""
            out.write(json.dumps({"name": name, "location": {"latitude": lat, "longitude": lon}},
                                 separators=(",", ":")) + comma + "\n")
        out.write("]\n")


def write_points(path, rng, items, count, hit_share):
    with open(path, "w", encoding="ascii") as out:
        for _ in range(count):
            if rng.random() < hit_share:
                _, lat, lon = items[rng.randrange(len(items))]
            else:
                lat, lon = rng.randrange(LAT_MIN, LAT_MAX), rng.randrange(LON_MIN, LON_MAX)
            out.write(point_line(lat, lon))


def write_notes(path, rng, count):
    """Each of count/2 locations twice, in shuffled order: every second note gets one answer."""
    locations = [(rng.randrange(LAT_MIN, LAT_MAX), rng.randrange(LON_MIN, LON_MAX))
                 for _ in range(count // 2)]
    order = locations + locations
    rng.shuffle(order)
    with open(path, "w", encoding="ascii") as out:
        for index, (lat, lon) in enumerate(order):
            out.write(f'{{"location":{{"latitude":{lat},"longitude":{lon}}},'
                      f'"message":"note {index}"}}\n')


def label(count):
    for unit, size in (("m", 1_000_000), ("k", 1_000)):
        if count >= size and count % size == 0:
            return f"{count // size}{unit}"
    return str(count)


class DataSet:
    """Makes each file once per seed; a stamp file remembers which seed made it."""

    def __init__(self, out, seed):
        self.out = out
        self.seed = seed
        os.makedirs(out, exist_ok=True)

    def path(self, name):
        return os.path.join(self.out, name)

    def make(self, name, writer):
        path = self.path(name)
        stamp = path + ".seed"
        if os.path.exists(path) and os.path.exists(stamp):
            with open(stamp, encoding="ascii") as file:
                if file.read().strip() == str(self.seed):
                    return path
        writer(path)
        with open(stamp, "w", encoding="ascii") as file:
            file.write(f"{self.seed}\n")
        print(f"generated {path}")
        return path


def generate(out, seed, scale):
    """Writes every data set for `scale`; returns {role: path}."""
    data = DataSet(out, seed)
    big = 1_000_000 * scale
    cache = []

    def items():
        """The features, drawn only when some file needs them (10 million take a minute)."""
        if not cache:
            cache.append(features(seed, big))
        return cache[0]

    rng = lambda salt: random.Random(seed * 1_000_003 + salt)  # noqa: E731
    files = {
        "features": data.make(f"features_{label(big)}.json",
                              lambda p: write_features(p, items())),
        "features_100k": data.make("features_100k.json",
                                   lambda p: write_features(p, items()[:100_000])),
        "features_100": data.make("features_100.json",
                                  lambda p: write_features(p, items()[:100])),
        "rectangle": data.make("rectangle.json", lambda p: open(p, "w").write(json.dumps(
            {"lo": {"latitude": LAT_MIN, "longitude": LON_MIN},
             "hi": {"latitude": LAT_MAX, "longitude": LON_MAX}}) + "\n")),
        "get_one": data.make("get_one.json",
                             lambda p: open(p, "w").write(point_line(*items()[0][1:]))),
        "get": data.make(f"get_{label(100_000 * scale)}.ndjson",
                         lambda p: write_points(p, rng(1), items(), 100_000 * scale, 0.5)),
        "points": data.make(f"points_{label(big)}.ndjson",
                            lambda p: write_points(p, rng(2), items(), big, 0.1)),
        "notes": data.make(f"notes_{label(100_000 * scale)}.ndjson",
                           lambda p: write_notes(p, rng(3), 100_000 * scale)),
        # The server comparison: the grpcio server scans its features for every point and
        # its notes for every note, so its inputs are smaller.
        "small_get": data.make("small_get_10k.ndjson",
                               lambda p: write_points(p, rng(4), items()[:100], 10_000, 0.5)),
        "small_points": data.make("small_points_20k.ndjson",
                                  lambda p: write_points(p, rng(5), items()[:100], 20_000, 0.1)),
        "small_notes": data.make("small_notes_2k.ndjson",
                                 lambda p: write_notes(p, rng(6), 2_000)),
    }
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=int, default=1, help="input size factor (1 or 10)")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "data"))
    args = parser.parse_args()
    for role, path in generate(args.out, args.seed, args.scale).items():
        print(f"{role}: {path}")


if __name__ == "__main__":
    main()
