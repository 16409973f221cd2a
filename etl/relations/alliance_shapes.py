"""The sentence shapes and cue groups the alliance rules read
(etl/relations/alliances.py), as regular expressions over the gap between two
parties or cues, and tuples of cue words."""

from __future__ import annotations

import re

LINK = re.compile(r"\b(between|with|for|alongside|among)\b|^\s*to\b")
LIST_INTRO = re.compile(r"\b(?:including|such as|like)\b")
IN_OBJECT = re.compile(r"\b(?:on|against|toward|towards|at|over|into|from|by)\s+(?:the\s+)?$")
WITH_BEFORE = re.compile(r"\b(?:relations|ties|cooperation)\s+with\s+(?:the\s+)?$")
# "turned to Russia for security assistance"
FOR_AFTER = re.compile(r"^\s*for\b")
# "bought S-400 systems from Russia": the seller
BOUGHT_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$")
TURNED_TO = re.compile(r"\b(?:(?:turned|turns|turning|looked|looks|looking)\s+to|thanked|thanks|thanking)\s+(?:the\s+)?$")
UPGRADED_TO = re.compile(r"^\s*(?:to|into|in|under)\b")
APPOSED = re.compile(r"^,\s*(?:a|an|the)\b")
# "Iran's ally", "leaned on Iran as a strategic ally", "considers Israel its closest ally"
POSSESSIVE_OR_AS = re.compile(r"^(?:'s\b|\s+as\s+(?:a|an|the)\b|\s+(?:its|their)\s)")
RECIPIENT = re.compile(r"\bto\s+(?:the\s+)?$|^\s*(?:\S+\s*)?$")
# "Moscow supplies most of Hanoi's weapons": a share of the recipient's arms.
SHARE_OF = re.compile(r"^\s+(?:(?:most|much|half|some|all|nearly|almost|about|over|a|third|quarter|fifth|[\d.]+%|per|cent)\s+)+of\s+$")
BLOC_REFERENCE = re.compile(r"\bthe (?:alliance|bloc)\b")
# "the treaty", "this deal", 'the "comprehensive strategic partnership treaty"'
DEFINITE_TREATY = re.compile(r"\b(?:the|this|that)\s+[\"“']?(?:[\w-]+\s+){0,3}(?:treaty|pact|agreement|accord|deal|document)\b",
                             re.IGNORECASE)
ALLY_NOUNS = ("ally", "allies", "backer", "partner", "partners", "defence partner", "defense partner",
              "security partner", "supporter", "supporters", "backers", "economic lifeline", "security guarantor",
              "trade partner", "trade partners", "trading partner", "trading partners")
# "launched the framework for prosperity in Tokyo": a party right after "in" or "at" is a place.
PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")
# "tensions with Beijing", "talks over ...": a link word this far off belongs to something else.
DETACHED = re.compile(r"\b(?:amid|despite|against|over|after|before|during)\b")
# "a partner of the United States"
OF_PARTY = re.compile(r"^\s*of\s+(?:the\s+)?$")
# "Moscow's key suppliers of drones": the supplier of the possessor.
SUPPLIER_NOUNS = ("supplier", "suppliers", "buyer", "buyers", "donor", "donors")
BUY_CUES = ("buy", "buyer", "buyers", "buys", "bought", "buying", "received", "receives", "receiving", "acquire",
            "acquires", "acquired", "acquiring", "took delivery of", "takes delivery of", "take delivery of")
# "visited Pyongyang to discuss cooperation with North Korea": a place visited, not a party.
VISITED = re.compile(r"\b(?:visited|visiting|visit to|in)\s+$")
# A bloc's verbs whose object is the member: "ASEAN admitted East Timor"; and "the AU suspended
# Niger", since a suspended country is still a member (guidelines).
ADMITS = ("admitted", "admits")
SUSPENDS = ("suspended", "suspends")
# "Greece and Cyprus are EU members", "Hungary and Slovakia, both NATO members": said to be members.
MEMBERS_GAP = re.compile(r"^(?:,\s*(?:both|all)\s+|\s+(?:are|were|remain|became|become)\s+(?:both\s+|all\s+|fellow\s+)?)(?:the\s+)?$")
# Hosting another's forces or arms: only determiners and numbers between host verb and their country.
HOST_CUES = ("host", "hosts", "hosted", "hosting")
HOSTED = re.compile(r"^\s+(?:(?:the|a|an|about|some|around|more|than|over|nearly|almost|largest|several|[\d,]+)\s+){0,4}$")
# Membership cues that count only right after a bloc ("Turkey, a NATO member", "Finland's NATO bid").
BLOC_FIRST = ("member", "bid")
# "the only EU country": a bloc describing a country is not a party.
BLOC_MODIFIER = re.compile(r"^\s+(?:country|member state|nation)\b")
# "X provided Y with political support": a giving verb before the receiver, "with" before the support.
GAVE = re.compile(r"\b(?:provided|provides|providing|gave|given|gives|offered|offers|lent|lends)\s+(?:the\s+)?$")
WITH_GAP = re.compile(r"^\s+with\s+(?:[\w-]+\s+){0,2}$")
# "cooperation in energy and defence", "cooperation on cyber defence": sectors named after the cue.
SECTOR_AFTER = re.compile(r"^\s+(?:on|in)\s+(?:the\s+)?(?:(?:fields?|areas?|spheres?)\s+of\s+)?(?:[\w-]+\s+)?$")
# "drops Taiwan and establishes ties with": a party followed by "and" and a new verb is an object.
NEXT_CONJUNCT = re.compile(r"^\s+(?:[\w-]+\s+)?and\s+(?:[\w-]+\s+){1,3}$")
# A supply named as a noun takes its supplier from right before it ("Iran's supply of", "US arms sales to"),
# not across a comma or a preposition.
NOMINAL_SUPPLY = ("supply", "supplies", "deliveries", "sale", "sales", "transfer", "transfers", "provision", "shipping")
DETACHED_SUPPLIER = re.compile(r"[,;]|\b(?:from|by|under|with|against|about)\b")
