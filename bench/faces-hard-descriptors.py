"""Compares descriptor variants on ../shared/faces-hard (see faces-hard-descriptors.sh): members' and strangers'
distances to a gallery of each person's normal still, and how many of each a sure threshold of 0.45 accepts."""
import json, math, os, sys

SURE = 0.45

def load(path):
    faces = {}
    for line in open(path):
        row = json.loads(line)
        if row["faces"]:
            faces[os.path.basename(row["file"])[:-4]] = row["faces"][0]["descriptor"]
    return faces

seen, mirrored = load(sys.argv[1]), load(sys.argv[2])
people = sorted({k.split(".")[0] for k in seen})

def dist(a, b):
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b)))

def mean(a, b):
    return [(x + y) / 2 for x, y in zip(a, b)]

def nearest(gallery, probe, exclude=None):
    return min((min(dist(probe, t) for t in templates), person) for person, templates in gallery.items() if person != exclude)

def report(title, describe, adaptive=False):
    gallery = {p: [describe(p + ".normal")] for p in people}
    members = sorted(k for k in seen if not k.endswith(".normal"))
    worst_member, sure = 0.0, 0
    for k in members:
        person = k.split(".")[0]
        d, who = nearest(gallery, describe(k))
        if who == person:
            worst_member = max(worst_member, d)
            if d <= SURE:
                sure += 1
                if adaptive and d > 0.25 and len(gallery[person]) < 5:
                    gallery[person].append(describe(k))
    strangers = [nearest(gallery, describe(k), exclude=k.split(".")[0])[0] for k in seen]
    print(f"{title}: members' largest distance {worst_member:.3f}, strangers' smallest {min(strangers):.3f}, "
          f"members sure at {SURE} {sure} of {len(members)}, strangers sure {sum(1 for s in strangers if s <= SURE)} of {len(strangers)}")

report("as seen", lambda k: seen[k])
report("mean of as seen and mirrored", lambda k: mean(seen[k], mirrored[k]))
report("mirrored, with confirmed check-ins added", lambda k: mean(seen[k], mirrored[k]), adaptive=True)
