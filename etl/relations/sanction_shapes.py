"""The sentence shapes the sanction rules read (etl/relations/sanctions.py):
regular expressions over a sentence or the gap between two of its words, and
two judgements of shape (is a gap only adjectives; which measures are one)."""

from __future__ import annotations

import re

from etl.relations.cues import Hit

# Where an object ends; "entities linked to the Iranian regime" goes on past its "to",
# "chips bound for China" past its "for"; "firms accused of helping Moscow" ends before the accusation.
STOP = re.compile(r"\b(?:over|because|after|by|with|between|following|amid|despite|accused|suspected|(?<!linked )(?<!tied )(?<!connected )(?<!close )to|"
                  r"(?<!bound )for|while|since|until|in order)\b|[,.]\s*(?:and\s+)?(?:which|who)\b"
                  r"|,\s+(?:[\w'-]+\s+){0,4}(?:said|says|told|added)\b")
EXPORTED_TO = re.compile(r"\bto\s+(?:the\s+)?$")
# "banned food imports from 10 Japanese prefectures": banned imports come from their target.
IMPORTED_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+)?$")
# "sanctions on its oil sector", "sanctioned its procurement agency": the country named last before the measure.
ITS_OBJECT = re.compile(r"^\s*(?:(?:on|against|targeting)\s+)?(?:its|their)\b")
# Month names, not any capitalised word: "on 16 Iranian individuals" is no date.
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE = rf"(?:the\s+same\s+day|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?|{MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?)"
# "The EU on Monday adopted", "The EU on 23 June imposed": a date between subject and verb.
WHEN = re.compile(rf"\b(?:(?:on|last|this|late|early)\s+(?:{DATE}|week|month|year)|in\s+{MONTH}(?:\s+\d{{4}})?)\b")
# "on" a date is no object ("adopted its package on the same day"); one may precede it
# ("imposed sanctions on 10 January 2025 on Gazprom Neft").
OBJECT_INTRO = re.compile(rf"^[\s,]*(?:on\s+{DATE}[\s,]*)?(?:(?:also|\w+ly)\s+)?(?:on(?!\s+{DATE})|against|targeting|targets?|targeted|hits?|at|of|including)\b")
SENDER_AFTER = re.compile(r"^[\s,]*(?:(?:imposed|adopted|applied|introduced|led)\s+)?(?:by|from)\s+(?:the\s+|a\s+|both\s+)?$"
                          r"|^\s*(?:agreed|coordinated)\s+with\s+(?:the\s+)?$")
NOT_MODIFIER = re.compile(r"\b(?:on|against|to|with|from|by|in|for|under|over|is|are|was|were|has|have|had|will|would|"
                          r"could|that|which|said|says)\b")
AUXILIARY = re.compile(r"\b(?:has|have|had|was|were|been|be|is|are|being)\s+(?:\w+ly\s+)?$")
DEFINITE = re.compile(r"\b(?:the|these|those|its|their|such)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
PREPOSITION_LAST = re.compile(r"\b(?:to|by|of|on)$")
# "The Security Council voted unanimously to impose": the voter is the sender.
DECIDES_TO = re.compile(r"\b(?:voted|agreed|decided|moved|plans?|planned|set|threaten(?:s|ed)?)(?:\s+\w+ly)?\s+to\s*$")
# "Japan said it would impose": "it" is the speaker, the subject before "said".
SAYS_IT = re.compile(r"\b(?:said|says|announced|confirmed|warned)\s+(?:that\s+)?(?:it|they)\b")
# "threatened to impose export controls": an infinitive does not part a verb from its measure.
INFINITIVE = re.compile(r"^\s*to\s+(?:[\w-]+\s+)?$")
# "to sanction Iran", "would sanction", "in sanctioning Russia": the measure word is a verb.
VERB_BEFORE = re.compile(r"\b(?:to|will|would|must|should|shall|in)\s+$")
# "a travel ban and asset freeze on X": coordinated measures share their verb and object.
COORDINATED = re.compile(r"^\s*,?\s*(?:and|or)?\s+(?:(?:an?|the|new)\s+)?$")
# "Syria's central bank was removed from the list": a passive verb's subject is the target.
PASSIVE_AUXILIARY = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$")
# "added Iran's Revolutionary Guards to its sanctions list": what was added (group 1).
ADDED_TO = re.compile(r"\b(?:added|adds|adding|placed|places|put|puts)\s+(.+?)\s+(?:to|on)\s+(?:(?:its|the|their|a)\s+)?(?:[\w-]+\s+){0,2}$")
# ", retaliating against": a participial phrase, about the sentence's subject.
# ", a close ally of Moscow,": an apposition after the subject.
APPOSITIVE = re.compile(r",\s+(?:a|an|the|its|whose)\b[^,]*,")
# Reporting verbs: the subject of what is reported comes after them.
REPORTED = re.compile(r"\b(?:said|says|say|reported|reports|believes?|believed|alleged|accused)\b")
# "in response to", "in retaliation for": an adjunct, about the sentence's subject.
ADJUNCT = re.compile(r"\bin\s+$")
PARTICIPIAL = re.compile(r",\s+(?:\w+ly\s+)?\w+ing\b[^,]*$")
PASSIVE_AGENT = re.compile(r"^\s+by\s+(?:the\s+)?$")
# "The Treasury sanctioned two Iranian tankers": a participle followed by its object.
DIRECT_OBJECT = re.compile(r"^\s+(?:an?|the|two|three|four|five|six|seven|eight|nine|ten|\d+|several|dozens|"
                           r"hundreds|more|its|their)\b")
# "companies in the UAE": a place named as a location.
LOCATIVE = re.compile(r"\b(?:in|at|through|via|to)\s+(?:the\s+)?$")
# "X, which has been under sanctions": the relative clause is about X.
RELATIVE = re.compile(r"^(?:which|who)\b")
# "South Korea joined Western allies in sanctioning Russia", "Canada followed the US in ...": all impose it.
JOINED_IN = re.compile(r"\b(?:join|follow)(?:s|ed|ing)?\b[^,;]{0,60}?\bin\s+$")


def is_modifier(gap: str) -> bool:
    """Only adjectives stand between a sender and its measure ("US threat of
    secondary sanctions"); a verb ("Iran signals how sanctions") breaks the link."""
    tokens = gap.replace("'s", " ").split()
    return len(tokens) <= 3 and not NOT_MODIFIER.search(gap) and not any(
        t.islower() and t.endswith("s") and t not in ("sanctions", "its", "arms") for t in tokens
    )


def coordinated(measures: list[Hit], text: str) -> list[Hit]:
    """Measures joined by "and", "or" or a comma as one ("a travel ban and asset
    freeze on ..."), under the first one's cue."""
    out: list[Hit] = []
    for hit in measures:
        last = out[-1] if out else None
        if last is not None and hit.role == "measure" and last.end <= hit.start \
                and COORDINATED.match(text[last.end : hit.start]):
            out[-1] = Hit(last.start, hit.end, last.cue, last.role, last.label)
        else:
            out.append(hit)
    return out
# "US hits Russia with new sanctions", "US hits Iranian oil firms with sanctions": the party after the verb is the target.
HIT_WITH = re.compile(r"^\s+(?:[\w-]+\s+){0,2}with\s+(?:[\w-]+\s+){0,3}$")
# "hits Iranian oil firms with new sanctions": the verb governs the measure across its object.
VERB_WITH = re.compile(r"^\s+(?:the\s+)?(?:[\w'-]+\s+){1,3}with\s+(?:[\w-]+\s+){0,3}$")
# A bare "ban on" is a sanction only on a country's goods or entities named at once ("a ban on Russian diamonds").
BARE_BANS = ("ban on", "bans on")
# A verb after the measure that belongs to a later clause or conjunct ("after Cyprus lifts veto", "and threatens force").
LATER_VERB = re.compile(r"\b(?:after|before|when|while|because|since|until)\b|\band\s+$")
# Modality before the verb that imposes: what a sender will, would or plans to impose is threatened
# ("it will impose penalties ... unless", "the UK said it would impose asset freezes", "planned to sanction");
# "will now introduce sanctions" announces a decision taken.
FUTURE = re.compile(r"\b(?:would|(?:is|are|was|were)\s+(?:set|going|due)\s+to|"
                    r"(?:plans?|planned|intends?|intended|vowed|vows|pledged|pledges)\s+to)\s+(?!now\b)(?:[\w-]+\s+){0,2}$",
                    re.IGNORECASE)
# "will" announces decided measures too ("Japan will ban exports of used cars to Russia"): a threat
# only under a condition ("it will impose penalties ... unless they release Conde").
WILL_UNLESS = re.compile(r"\b(?:will|shall|'ll)\s+(?!now\b)(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
CONDITION = re.compile(r"\b(?:unless|if)\b", re.IGNORECASE)
# Verbs that say a decided measure starts, whatever the tense: "will take effect on Monday" is no threat.
IN_FORCE = ("effect", "force")
