"""Place names the dictionaries get wrong, with their case forms, lemmatised before simplemma.

simplemma reads "Київ" as "кий" (a stick) but "Києва" as "київ", "Львов" as "лев" (a lion),
"Николаев" as "николай" and "Херсоне" as itself, so a search for the nominative missed every
story that used another case. Each line: the lemma, then its forms (the lemma itself counts as
one). Adjective forms are left out where they are ordinary words too ("рівного" is "even").
English lists the older spellings readers still type ("Kiev" finds "Kyiv").

After changing this list, ``manage.py rebuild_story_index --stale-lemmas`` re-lemmatises the
stories whose index holds a lemma the dictionaries gave for these forms.
"""

from functools import lru_cache

PLACE_NAMES = {
    "uk": """
        київ: києва києву києві києвом києве
        харків: харкова харкову харкові харковом
        львів: львова львову львові львовом
        одеса: одеси одесі одесу одесою
        дніпро: дніпра дніпру дніпрі дніпром
        запоріжжя: запоріжжю запоріжжям запоріжжі
        херсон: херсона херсону херсоні херсоном
        миколаїв: миколаєва миколаєву миколаєві миколаєвом
        суми: сумам сумах сумами
        полтава: полтави полтаві полтаву полтавою
        чернігів: чернігова чернігову чернігові черніговом
        житомир: житомира житомиру житомирі житомиром
        вінниця: вінниці вінницю вінницею
        краматорськ: краматорська краматорську краматорськом
        покровськ: покровська покровську покровськом
        луцьк: луцька луцьку луцьком
        донецьк: донецька донецьку донецьком
        луганськ: луганська луганську луганськом
        тернопіль: тернополя тернополю тернополі тернополем
        ужгород: ужгорода ужгороду ужгороді ужгородом
        черкаси: черкас черкасам черкасах черкасами
        чернівці: чернівців чернівцям чернівцях чернівцями
        маріуполь: маріуполя маріуполю маріуполі маріуполем
        ірпінь: ірпеня ірпеню ірпені ірпенем
        буча: бучі бучу бучею
        бахмут: бахмута бахмуту бахмуті бахмутом
        крим: криму кримом
        рівне:
    """,
    "ru": """
        киев: киева киеву киеве киевом
        харьков: харькова харькову харькове харьковом
        львов: львова львову львове львовом
        одесса: одессы одессе одессу одессой
        днепр: днепра днепру днепре днепром
        запорожье: запорожья запорожью запорожьем
        херсон: херсона херсону херсоне херсоном
        николаев: николаева николаеву николаеве николаевом
        сумы: сумам сумах сумами
        полтава: полтавы полтаве полтаву полтавой
        чернигов: чернигова чернигову чернигове черниговом
        житомир: житомира житомиру житомире житомиром
        винница: винницы виннице винницу винницей
        краматорск: краматорска краматорску краматорске краматорском
        покровск: покровска покровску покровске покровском
        луцк: луцка луцку луцке луцком
        донецк: донецка донецку донецке донецком
        луганск: луганска луганску луганске луганском
        тернополь: тернополя тернополю тернополе тернополем
        ужгород: ужгорода ужгороду ужгороде ужгородом
        черкассы: черкасс черкассам черкассах черкассами
        черновцы: черновцов черновцам черновцах черновцами
        мариуполь: мариуполя мариуполю мариуполе мариуполем
        ирпень: ирпеня ирпеню ирпене ирпенем
        буча: бучи буче бучу бучей
        бахмут: бахмута бахмуту бахмуте бахмутом
        крым: крыма крыму крымом
    """,
    # Older spellings, transliterated from Russian, that readers still type (not the names the
    # regions still carry: Dnipropetrovsk and Kirovohrad oblasts).
    "en": """
        kyiv: kiev
        kharkiv: kharkov
        odesa: odessa
        lviv: lvov
        mykolaiv: nikolaev nikolayev
        dnipro: dnepr
        zaporizhzhia: zaporozhye zaporizhia zaporozhe
        chernihiv: chernigov
        rivne: rovno
        luhansk: lugansk
        kropyvnytskyi: kirovograd
        bakhmut: artemivsk artemovsk
    """,
}


def _parse(text):
    forms = {}
    for line in text.strip().splitlines():
        name, _, rest = line.partition(":")
        name = name.strip()
        for form in (name, *rest.split()):
            if forms.setdefault(form, name) != name:
                raise ValueError(f"{form!r} is listed under {forms[form]!r} and {name!r}")
    return forms


FORMS = {language: _parse(text) for language, text in PLACE_NAMES.items()}


@lru_cache(maxsize=8)
def replaced_lemmas(language_code):
    """Lemmas the dictionary gives for the listed forms where this list gives another: the index
    rows holding them may have been written before the list (see rebuild_story_index)."""
    import simplemma

    return frozenset(
        simplemma.lemmatize(form, lang=language_code).lower()
        for form, name in FORMS.get(language_code, {}).items()
        if simplemma.lemmatize(form, lang=language_code).lower() != name
    )
