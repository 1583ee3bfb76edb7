#!/usr/bin/env python3
"""Writes the sandbox's demo tenant and the recipes' sample data, so the two always agree.

Deterministic (seeded): re-running it rewrites the same files. The tenant carries the edge cases
real tenants have: emails shared by two profiles, emails stored in mixed case or with stray spaces,
profiles with and without a follower count or a spend attribute. The CSVs meet them too, and add
addresses no profile has and addresses that are not addresses.

Usage: python3 tools/make-demo-tenant.py   (from the repository root)
"""
import csv
import json
import random
import uuid

rng = random.Random(2026)
TENANT = "Sources/OmneoSandbox/Fixtures/demo-tenant.json"

STATUSES = [
    ("vip", "VIP", "tier", "Top customers; earns the VIP benefits."),
    ("staff", "Staff", "relationship", "Current employees; staff discount applies."),
    ("influencer", "Influencer", "relationship", "Creators with a following worth partnering with."),
    ("media", "Media", "relationship", "Press and media contacts."),
    ("ambassador", "Brand ambassador", "relationship", "Paid ambassadors under contract."),
    ("family", "Staff family", "relationship", "Family members of staff."),
    ("wholesale", "Wholesale", "channel", "Trade and wholesale buyers."),
    ("gold", "Gold", "loyalty", "Loyalty tier: gold."),
    ("silver", "Silver", "loyalty", "Loyalty tier: silver."),
    ("bronze", "Bronze", "loyalty", "Loyalty tier: bronze."),
    ("blocked", "Blocked", None, "No marketing contact."),
    ("partner", "Partner", "channel", "Collaboration partners."),
]
FIRST = ["Olivia", "Noah", "Charlotte", "Oliver", "Amelia", "Jack", "Isla", "William", "Mia", "Leo", "Ava",
         "Henry", "Grace", "Lucas", "Chloe", "Thomas", "Zoe", "James", "Ella", "Ethan", "Ruby", "Mason",
         "Sienna", "Hudson", "Aria", "Harrison", "Willow", "Archie", "Matilda", "Liam", "Harper", "Samuel",
         "Evie", "Max", "Lily", "Oscar", "Sophie", "Charlie", "Ivy", "Alexander"]
LAST = ["Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Johnson", "White", "Martin", "Anderson",
        "Thompson", "Nguyen", "Thomas", "Walker", "Harris", "Lee", "Ryan", "Robinson", "Kelly", "King",
        "Davis", "Wright", "Evans", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel"]
DOMAINS = ["example.com", "mail.example.net", "shopper.example.org", "inbox.example.com"]


def pick_statuses():
    held = []
    for handle, share in [("vip", 0.10), ("staff", 0.03), ("influencer", 0.03), ("media", 0.01),
                          ("ambassador", 0.01), ("family", 0.01), ("wholesale", 0.02), ("blocked", 0.01),
                          ("partner", 0.01)]:
        if rng.random() < share:
            held.append(handle)
    tier = rng.random()
    if tier < 0.08:
        held.append("gold")
    elif tier < 0.20:
        held.append("silver")
    elif tier < 0.40:
        held.append("bronze")
    return held


def make_profiles(count=3000):
    profiles, used = [], set()
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        local = f"{first}.{last}".lower()
        email = f"{local}{n}@{rng.choice(DOMAINS)}"
        used.add(email)
        profile = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "first_name": first,
            "last_name": last,
            "email": email,
            "mobile_phone": f"+614{rng.randrange(10**7, 10**8)}",
            "statuses": pick_statuses(),
            "tags": ["newsletter"] if rng.random() < 0.3 else [],
            "identities": [],
            "custom_attributes": [],
        }
        if rng.random() < 0.45:
            followers = int(rng.lognormvariate(8.3, 1.6))
            profile["custom_attributes"].append(
                {"namespace": "social", "handle": "followers", "type": "integer", "value": str(followers)})
        if rng.random() < 0.6 or "vip" in profile["statuses"] and rng.random() < 0.7:
            spend = round(rng.lognormvariate(6.5, 1.0), 2)
            profile["custom_attributes"].append(
                {"namespace": "loyalty", "handle": "lifetime_spend", "type": "decimal", "value": f"{spend:.2f}"})
        if rng.random() < 0.2:
            profile["identities"].append(
                {"handle": "shopify", "identifier": str(rng.randrange(10**12, 10**13)), "is_active": True})
        profiles.append(profile)
    # Stored the way real data arrives: some in mixed case, some with stray spaces.
    for profile in rng.sample(profiles, 60):
        first, rest = profile["email"].split(".", 1)
        profile["email"] = first.capitalize() + "." + rest.capitalize().replace("@", "@").replace(
            rest.split("@")[1], rest.split("@")[1].capitalize())
    for profile in rng.sample(profiles, 15):
        profile["email"] = " " + profile["email"] + " "
    # Emails shared by two profiles (a duplicate account): never to be guessed between.
    for original in rng.sample(profiles[:2000], 12):
        twin = dict(original)
        twin["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        twin["statuses"] = pick_statuses()
        twin["custom_attributes"] = [dict(a) for a in original["custom_attributes"]]
        twin["identities"] = []
        twin["email"] = original["email"].strip().upper() if rng.random() < 0.5 else original["email"]
        profiles.append(twin)
    return profiles


# The vendor SDK's value lists (Profile.gender, ProfileType); gender also in the docs' spelling "withheld".
GENDERS = [("female", 0.42), ("male", 0.38), ("other", 0.03), ("withheld", 0.05), ("witheld", 0.04), (None, 0.08)]
PROFILE_TYPES = [("active", 0.90), ("temporary", 0.04), ("pending", 0.03), ("incomplete", 0.02), ("dependant", 0.01)]


def weighted(draw, choices):
    roll, total = draw.random(), 0.0
    for value, share in choices:
        total += share
        if roll < total:
            return value
    return choices[-1][0]


def give_traits(profiles):
    """Gender and profile type as a real tenant holds them: mostly active, some gender withheld (both
    spellings). A draw of its own, so the rest of the tenant and the CSVs stay as they were."""
    draw = random.Random(15)
    for profile in profiles:
        profile["gender"] = weighted(draw, GENDERS)
        profile["profile_type"] = weighted(draw, PROFILE_TYPES)


def followers(profile):
    for attribute in profile["custom_attributes"]:
        if attribute["handle"] == "followers":
            return int(attribute["value"])
    return None


def messy(email):
    """An address as a spreadsheet holds it: sometimes shouted, sometimes padded."""
    email = email.strip()
    roll = rng.random()
    if roll < 0.15:
        return email.upper()
    if roll < 0.30:
        return "  " + email + " "
    return email


def main():
    profiles = make_profiles()
    give_traits(profiles)
    tenant = {
        "statuses": [{"id": i + 1, "handle": h, "name": n, "group_handle": g, "sort_order": i + 1, "description": d}
                     for i, (h, n, g, d) in enumerate(STATUSES)],
        "profiles": profiles,
    }
    with open(TENANT, "w") as f:
        json.dump(tenant, f, indent=None, separators=(",", ":"))
        f.write("\n")

    emails = {}
    for p in profiles:
        emails.setdefault(p["email"].strip().lower(), []).append(p)
    unique = [p for p in profiles if len(emails[p["email"].strip().lower()]) == 1]
    shared = [ps[0] for ps in emails.values() if len(ps) > 1]

    # Creators: people with a follower count, a few shared addresses, strangers and typos.
    creators = [p for p in unique if followers(p) is not None]
    rows = [(messy(p["email"]), followers(p)) for p in rng.sample(creators, 110)]
    rows += [(messy(p["email"]), followers(p) or 15000) for p in shared[:4]]
    rows += [(f"new.creator{n}@example.com", 20000 + n) for n in range(4)]
    rows += [("not-an-email", 50000), ("jane@@example.com", 12000), ("", 30000)]
    rows.append(rows[0])
    rng.shuffle(rows)
    with open("recipes/data/creators.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["email", "followers", "handle"])
        for email, count in rows:
            writer.writerow([email, count, "@" + (email.split("@")[0].strip().lower() or "unknown")])

    # A campaign list for assign-status / remove-status.
    picked = rng.sample(unique, 80)
    rows = [messy(p["email"]) for p in picked] + [shared[5]["email"].strip(), "nobody@example.com", "bad address"]
    rows.append(rows[3])
    rng.shuffle(rows)
    with open("recipes/data/vip-campaign.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["email", "first_name", "note"])
        for email in rows:
            writer.writerow([email, "", "spring campaign"])

    # A campaign list for tag-campaign: customers (some with the newsletter tag, which must stay), a shared
    # address, a stranger, a typo and a repeated row.
    picked = rng.sample([p for p in unique if "newsletter" in p["tags"]], 8) + rng.sample([p for p in unique if not p["tags"]], 22)
    rows = [messy(p["email"]) for p in picked] + [shared[6]["email"].strip(), "nobody@example.com", "not an email"]
    rows.append(rows[2])
    rng.shuffle(rows)
    with open("recipes/data/christmas-customers.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["email", "note"])
        for email in rows:
            writer.writerow([email, "christmas mailing"])
    # Shopify customer ids for resolve-by-identity: its own draws, so the files above stay as they were.
    ids = random.Random(19)
    shoppers = [p for p in profiles if any(i["handle"] == "shopify" for i in p.get("identities", []))]
    picked = ids.sample(shoppers, 24)
    rows = [(next(i["identifier"] for i in p["identities"] if i["handle"] == "shopify"), p.get("first_name", "")) for p in picked]
    rows[2] = (" " + rows[2][0] + " ", rows[2][1])  # a stray space, as a spreadsheet export leaves one
    rows += [("9999999999999", "Unknown"), ("", "No id"), (rows[0][0], rows[0][1])]
    with open("recipes/data/shopify-customers.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Customer ID", "First Name"])
        for identifier, name in rows:
            writer.writerow([identifier, name])


if __name__ == "__main__":
    main()
