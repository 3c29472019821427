"""People's names in pasted text: the signers a Part | Underskriver table copied in between
the parties.

A PDF viewer copies a two-column table row by row, so the parties' column and the signers'
column come interleaved: "Part Underskriver Lyngbo Boliger Anne Holm Jobcenter Lyngmose
Peter Krogh Madsen …", and where a cell wraps, a signer lands inside a party's name
("Sydvest Kommune, Børne- Anne Holm og Familieafdelingen"). A signer is a Danish given name
followed by one or two capitalised surnames (middle names are given names too); a word that
names an organisation (a stem such as "forening", "kommune", "center") is never part of a
person's name. A person's name that closes a titled party ("Leder, Lyngbo Boliger, Anne
Holm") is the party's own and stays.
"""

from __future__ import annotations

import re

# Common Danish given names (and the commonest in Denmark from other languages), folded to
# lower case. A person's name must begin with one of them.
_GIVEN = """
    aage adam agnete ahmad ahmed aksel albert alberte alexander alfred ali alice allan
    amalie amanda anders andreas ane anette anita ann anna anne annemette annette anni
    anton arne asger asta astrid axel benedikte bent benjamin bente berit bertil betina
    bettina birgit birgitte birte birthe bjarne bo britt brian brigitte britta camilla
    carina carl carla carsten casper charlotte christian christel christina christine
    christoffer claus clara connie dan daniel david dennis ditte dorte dorthe ebbe edith
    egon ejnar elin elisabeth ella ellen elna else emil emilie emma erik erna esben ester
    eva fatima finn flemming frank frederik freja frida gerda gitte grethe gunnar gustav
    hanna hanne hans harald heidi heine helen helena helene helga helle henning henrik
    henriette herbert hussein ib ida inge inger ingrid irene iris jacob jakob jan jane
    janne jannie jens jeppe jesper jette jimmy joachim johan johanne johannes johnni johnny
    jonas jonathan jytte jørgen jørn kaj kamilla karen kari karin karina karl karsten kasper
    katrine keld kenneth kent kim kirsten kirstine kristian kristina kristine kurt lars
    lasse laura lea leif lene lilian lina line linda lis lisa lisbeth lise liselotte lone
    louise lucas luna lykke magnus maja malene malou mads maria marianne marie marlene
    martin mathias mathilde max merete mette michael michelle mie mikael mikkel mogens
    mohamed mohammad mona morten natasja nanna niels nikolaj nina noah ole oliver olivia
    ove palle per peter pernille pia poul preben rasmus rene rikke rita robert ruth rune
    sandra sara sarah signe simon sofie sofia solveig sonja stefan steen sten stig susan
    susanne svend sven søren thea thomas thor tim tina tine tobias tom tommy tonny tove
    troels trine ulla ulrik vagn valdemar vera vibeke victor viggo viktor villads william
    yvonne åse
"""
GIVEN_NAMES = frozenset(_GIVEN.split())

# Words that name an organisation or a place's kind, never a person ("Jobcenteret",
# "Fritidsklubben", "Lyngmose Kommune", "Frivillighedskonsulenten").
_ORGANISATION = re.compile(
    r"(?:forening|selskab|klub|caf[eé]|pleje|bestyrelse|kontor|skole|bibliotek|sekretariat"
    r"|konsulent|cent(?:e)?r|afdeling|team|medarbejder|boliger|bolig|forvaltning|hus|råd"
    r"|politi|kommune|tilbud|region|styrelse|fond|netværk|helhedsplan|ssp|park|vænge"
    r"|gård|parken|ungdom|institution|direktør|chef|leder|formand|koordinator|by$)",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?$")
_DATE = re.compile(r"(?<!\S)\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{2,4}(?!\S)")
# words that end an organisation's name after its place ("Lyngmose Kommune", "Bakke Skole")
_END_WORD = re.compile(
    r"^(?:[A-ZÆØÅ][\wæøå]*)?(?:[Kk]ommune|[Pp]oliti|[Rr]egion|[Ss]kole|[Bb]ibliotek|[Bb]oliger"
    r"|[Bb]oligselskab|[Bb]oligforening|[Cc]af[eé]|[Ee]rhvervsråd|[Aa]fdelingsbestyrelse"
    r"|[Gg]ymnasium|[Kk]irke|[Ss]ogn|[Bb]ørnehave|[Vv]uggestue|[Ss]undhedscenter)[,.]?$"
)


def _surname(word: str) -> bool:
    return bool(_NAME_WORD.match(word)) and not _ORGANISATION.search(word)


def person_at(words: list[str], index: int) -> int:
    """The number of words of a person's name starting at `words[index]` (0 for none):
    given names, then one or two surnames."""
    end = index
    while end < len(words) and words[end].lower() in GIVEN_NAMES and _NAME_WORD.match(words[end]):
        end += 1
    if end == index:
        return 0
    surnames = 0
    while end < len(words) and surnames < 2 and _surname(words[end]):
        end += 1
        surnames += 1
    if surnames == 0:
        return 0
    # "Anne Holm Lyngmose Kommune": the last capitalised word is the place of the name
    # that goes on, not a second surname
    if surnames == 2 and end < len(words) and _END_WORD.match(words[end]):
        end -= 1
    return end - index


def without_signers(text: str) -> tuple[str, int]:
    """The parties' text with the signers' names (and signing dates) taken out, and how
    many names were taken out. A name after a comma that ends the text or comes before a
    title ("…, Anne Holm Leder, …") is a titled party's own and stays."""
    words = _DATE.sub(" ", text).split()
    out: list[str] = []
    removed = 0
    index = 0
    while index < len(words):
        length = person_at(words, index)
        if length:
            after = index + length
            closes = (
                out
                and out[-1].endswith(",")
                and (after == len(words) or words[after].endswith(","))
            )
            if not closes:
                removed += 1
                index = after
                continue
            out.extend(words[index:after])
            index = after
            continue
        out.append(words[index])
        index += 1
    return " ".join(out), removed
