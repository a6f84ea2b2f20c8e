# ruff: noqa: E501 - phrase banks hold long natural-language strings
"""News topics: parallel headline, lead and paragraph templates in three languages.

Each topic is a family of plausible, entirely fictional news items. Placeholders are filled
from the story's slots (see ``plan.story_slots``): the place (``city_loc``, ``Region_loc``...),
the speaker (``p_name``, ``p_role``, ``p_said``), the country for world news and the topic's
own figures from its ``extra`` function. Counted nouns always use counts from ``text.many``
so one plural form fits.
"""

from dataclasses import dataclass, field

from vistka.demo.records import (
    BUSINESS,
    ENERGY,
    FOREIGN,
    HOSTILE,
    OFFICIAL,
    POLL,
    REGIONAL,
    SECURITY,
    UA_MEDIA,
)
from vistka.demo.text import LANGS, L, decs, ints, many, merge, slot


@dataclass
class Topic:
    key: str
    section: str
    tags: tuple
    place: str  # "city", "front" (a frontline city), "country", "none"
    role: str | None  # the quoted speaker's role (records.ROLES)
    sources: tuple  # source kinds (records) the story may cite
    titles: list
    leads: list
    details: list
    background: list
    why: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    more: list = field(default_factory=list)
    extra: object = None  # rng -> slots
    table: object = None  # (rng, slots) -> {lang: TableBlock value}
    sensitive: bool = False  # candidates for "no advertisements"


def table_value(caption, header, rows):
    """caption: L; header: L of lists; rows: list of L of lists -> {lang: TableBlock value}."""
    return {
        lang: {
            "data": [list(header[lang])] + [list(row[lang]) for row in rows],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption[lang],
        }
        for lang in LANGS
    }


def money_mln_uah(x):
    return {"uk": f"{x} млн грн", "ru": f"{x} млн грн", "en": f"UAH {x} million"}


def money_bln_uah(x):
    d = decs(x)
    return {"uk": f"{d['uk']} млрд грн", "ru": f"{d['ru']} млрд грн", "en": f"UAH {d['en']} billion"}


def money_mln_usd(x):
    return {"uk": f"{x} млн доларів", "ru": f"{x} млн долларов", "en": f"${x} million"}


def money_mln_eur(x):
    return {"uk": f"{x} млн євро", "ru": f"{x} млн евро", "en": f"€{x} million"}


def money_k_uah(x):
    i = ints(x * 1000)
    return {"uk": f"{x} тис. грн", "ru": f"{x} тыс. грн", "en": f"UAH {i['en']}"}


def pick(rng, options, name):
    return slot(name, rng.choice(options))


# --- War and security -------------------------------------------------------------------------


def _drones(rng):
    n = many(rng, 15, 85)
    total = n + rng.choice([5, 6, 7, 8, 9, 10, 15])
    return merge(
        slot("n", ints(n)),
        slot("total", ints(total)),
        slot("homes", ints(many(rng, 5, 40))),
        slot("hours", rng.choice([2, 3, 4])),
    )


def _outage(rng):
    n = many(rng, 8, 95) * 1000
    return merge(slot("n", ints(n)))


def _outage_table(rng, slots):
    start = rng.choice([6, 7, 8])
    rows = []
    for group in range(1, 5):
        off = (start + (group - 1) * 4) % 24
        on = (off + 4) % 24
        cell = f"{off:02d}:00–{on:02d}:00"
        rows.append(L([str(group), cell, "≈4 год"], [str(group), cell, "≈4 ч"], [str(group), cell, "≈4 h"]))
    return table_value(
        L("Графік відключень на завтра", "График отключений на завтра", "Tomorrow's outage schedule"),
        L(
            ["Черга", "Без світла", "Тривалість"],
            ["Очередь", "Без света", "Длительность"],
            ["Group", "Power off", "Duration"],
        ),
        rows,
    )


TOPICS = [
    Topic(
        "drones-overnight",
        "war",
        ("air-defence", "drones"),
        "front",
        "regional_admin",
        (UA_MEDIA, REGIONAL, OFFICIAL, SECURITY),
        titles=[
            L(
                "Сили ППО за ніч збили {n} з {total} ударних дронів",
                "Силы ПВО за ночь сбили {n} из {total} ударных дронов",
                "Air defence shoots down {n} of {total} attack drones overnight",
            ),
            L(
                "Нічна атака дронів: уламки впали {city_loc}, є пошкодження",
                "Ночная атака дронов: обломки упали {city_loc}, есть повреждения",
                "Overnight drone attack: debris falls {city_loc}, buildings damaged",
            ),
            L(
                "{City_loc} через атаку дронів пошкоджено {homes} будинків",
                "{City_loc} из-за атаки дронов повреждены {homes} домов",
                "Drone attack damages {homes} homes {city_loc}",
            ),
        ],
        leads=[
            L(
                "Більшість безпілотників знешкодили на підльоті до {city_gen}, повідомили у військовій "
                "адміністрації. Уламки пошкодили дахи та вікна приватних будинків.",
                "Большинство беспилотников обезвредили на подлете к {city_gen}, сообщили в военной "
                "администрации. Обломки повредили крыши и окна частных домов.",
                "Most of the drones were brought down on the approach to {city}, the military administration "
                "said. Falling debris damaged roofs and windows of private houses.",
            ),
        ],
        details=[
            L(
                "Тривога {city_loc} тривала понад {hours} години. Внаслідок падіння уламків пошкоджено {homes} "
                "будинків і лінію електропередачі; на місці працюють рятувальники та комунальні служби.",
                "Тревога {city_loc} длилась более {hours} часов. В результате падения обломков повреждены {homes} "
                "домов и линия электропередачи; на месте работают спасатели и коммунальные службы.",
                "The air-raid alert {city_loc} lasted more than {hours} hours. Falling debris damaged {homes} homes "
                "and a power line; rescuers and utility crews are at the scene.",
            ),
            L(
                "За даними Повітряних сил, противник запустив {total} дронів з кількох напрямків. Збито {n}, "
                "ще частина локаційно втрачена; влучання зафіксовано на околиці {city_gen}.",
                "По данным Воздушных сил, противник запустил {total} дронов с нескольких направлений. Сбиты {n}, "
                "еще часть локационно потеряна; попадания зафиксированы на окраине {city_gen}.",
                "The air force said {total} drones were launched from several directions. {n} were shot down and "
                "others were lost to electronic warfare; hits were recorded on the outskirts of {city}.",
            ),
        ],
        background=[
            L(
                "Місто регулярно зазнає атак дронів; минулого тижня уламки пошкодили школу й котельню.",
                "Город регулярно подвергается атакам дронов; на прошлой неделе обломки повредили школу и котельную.",
                "The city is regularly targeted by drones; last week falling debris damaged a school and a "
                "boiler house.",
            ),
        ],
        why=[
            L(
                "Масовані атаки дронів виснажують ППО і розраховані на те, щоб прорватися до енергетичних об'єктів.",
                "Массированные атаки дронов истощают ПВО и рассчитаны на то, чтобы прорваться к энергообъектам.",
                "Mass drone attacks wear down air defences and are designed to break through to energy facilities.",
            ),
        ],
        quotes=[
            L(
                "Усі служби працюють. Просимо людей не наближатися до уламків і не знімати роботу ППО.",
                "Все службы работают. Просим людей не приближаться к обломкам и не снимать работу ПВО.",
                "All services are at work. We ask people not to approach the debris and not to film air defences.",
            ),
        ],
        extra=_drones,
    ),
    Topic(
        "energy-strike",
        "economy",
        ("energy", "heating"),
        "front",
        "energy_company",
        (UA_MEDIA, REGIONAL, ENERGY),
        titles=[
            L(
                "Після удару по енергооб'єкту {region_loc} без світла {n} абонентів",
                "После удара по энергообъекту {region_loc} без света {n} абонентов",
                "{n} customers without power after strike on energy facility {region_loc}",
            ),
            L(
                "Енергетики відновлюють живлення {region_loc} після нічного удару",
                "Энергетики восстанавливают питание {region_loc} после ночного удара",
                "Engineers restore power {region_loc} after overnight strike",
            ),
            L(
                "{City_loc} запровадили графіки відключень після пошкодження підстанції",
                "{City_loc} ввели графики отключений после повреждения подстанции",
                "Rolling blackouts introduced {city_loc} after substation damaged",
            ),
        ],
        leads=[
            L(
                "Ремонтні бригади працюють цілодобово, але повне відновлення може зайняти кілька днів, "
                "попереджають енергетики.",
                "Ремонтные бригады работают круглосуточно, но полное восстановление может занять несколько дней, "
                "предупреждают энергетики.",
                "Repair crews are working around the clock, but a full restoration could take several days, "
                "engineers warn.",
            ),
        ],
        details=[
            L(
                "Пошкоджено трансформаторну підстанцію, що живить північну частину {city_gen}. Лікарні, водоканал "
                "і котельні перевели на резервні генератори; без світла залишаються {n} абонентів.",
                "Повреждена трансформаторная подстанция, питающая северную часть {city_gen}. Больницы, водоканал "
                "и котельные перевели на резервные генераторы; без света остаются {n} абонентов.",
                "A transformer substation supplying the north of {city} was damaged. Hospitals, the water utility "
                "and boiler houses are on backup generators; {n} customers remain without power.",
            ),
        ],
        background=[
            L(
                "Це вже не перший удар по енергетиці регіону: навесні область кілька тижнів жила за графіками.",
                "Это уже не первый удар по энергетике региона: весной область несколько недель жила по графикам.",
                "It is not the first strike on the region's grid: in the spring the region lived with scheduled "
                "outages for weeks.",
            ),
        ],
        why=[
            L(
                "Від швидкості ремонту залежить, чи вдасться уникнути довгих відключень у холодну пору, коли "
                "навантаження на мережу зростає.",
                "От скорости ремонта зависит, удастся ли избежать долгих отключений в холодное время, когда "
                "нагрузка на сеть растет.",
                "How fast repairs go will decide whether long blackouts can be avoided in the cold months, when "
                "demand on the grid rises.",
            ),
        ],
        quotes=[
            L(
                "Ми розраховуємо повернути світло більшості споживачів до кінця доби, якщо не буде нових атак.",
                "Мы рассчитываем вернуть свет большинству потребителей до конца суток, если не будет новых атак.",
                "We expect to bring power back to most customers by the end of the day if there are no new attacks.",
            ),
        ],
        extra=_outage,
        table=_outage_table,
    ),
    Topic(
        "evacuation",
        "war",
        ("evacuation", "children"),
        "front",
        "regional_admin",
        (UA_MEDIA, OFFICIAL, REGIONAL),
        titles=[
            L(
                "{Region_loc} розширили обов'язкову евакуацію родин з дітьми ще на {n} населених пунктів",
                "{Region_loc} расширили обязательную эвакуацию семей с детьми еще на {n} населенных пунктов",
                "Mandatory evacuation of families with children extended to {n} more settlements {region_loc}",
            ),
            L(
                "З прифронтових громад {region_gen} евакуювали ще {people} людей",
                "Из прифронтовых громад {region_gen} эвакуировали еще {people} человек",
                "{people} more people evacuated from frontline communities of {region_gen}",
            ),
        ],
        leads=[
            L(
                "Людей вивозять евакуаційними потягами та автобусами; на нових місцях їм пропонують тимчасове "
                "житло й одноразову виплату.",
                "Людей вывозят эвакуационными поездами и автобусами; на новых местах им предлагают временное "
                "жилье и единовременную выплату.",
                "People are being taken out by evacuation trains and buses and offered temporary housing and a "
                "one-off payment on arrival.",
            ),
        ],
        details=[
            L(
                "Рішення ухвалили через посилення обстрілів. Транзитний пункт працює {city_loc}: там видають воду, "
                "ліки та допомагають оформити документи.",
                "Решение приняли из-за усиления обстрелов. Транзитный пункт работает {city_loc}: там выдают воду, "
                "лекарства и помогают оформить документы.",
                "The decision follows intensified shelling. A transit centre is operating {city_loc}, handing out "
                "water and medicine and helping with paperwork.",
            ),
        ],
        background=[
            L(
                "Протягом місяця область уже двічі розширювала перелік громад, з яких евакуація є обов'язковою.",
                "В течение месяца область уже дважды расширяла перечень громад, из которых эвакуация обязательна.",
                "The region has already widened the list of communities under mandatory evacuation twice this "
                "month.",
            ),
        ],
        why=[
            L(
                "Влада намагається вивезти дітей до того, як обстріли зруйнують дороги й мости, якими ще можна "
                "виїхати.",
                "Власти пытаются вывезти детей до того, как обстрелы разрушат дороги и мосты, по которым еще можно "
                "выехать.",
                "The authorities want children out before shelling destroys the roads and bridges that are still "
                "usable.",
            ),
        ],
        quotes=[
            L(
                "Ми просимо не чекати останнього моменту. Виїзд зараз — це безпечна дорога і гарантоване місце "
                "в прихистку.",
                "Мы просим не ждать последнего момента. Выезд сейчас — это безопасная дорога и гарантированное "
                "место в приюте.",
                "We urge people not to wait until the last moment. Leaving now means a safe journey and a "
                "guaranteed place in a shelter.",
            ),
        ],
        extra=lambda rng: merge(slot("n", ints(many(rng, 5, 19))), slot("people", ints(many(rng, 120, 900)))),
        sensitive=True,
    ),
    Topic(
        "prisoner-exchange",
        "war",
        ("prisoner-exchange", "russia"),
        "none",
        "hq_spokes",
        (OFFICIAL, UA_MEDIA),
        titles=[
            L(
                "Україна повернула додому ще {n} захисників у межах нового обміну",
                "Украина вернула домой еще {n} защитников в рамках нового обмена",
                "Ukraine brings home {n} more defenders in new prisoner exchange",
            ),
            L(
                "Новий обмін полоненими: додому повернулися {n} військових і цивільних",
                "Новый обмен пленными: домой вернулись {n} военных и гражданских",
                "New prisoner exchange: {n} soldiers and civilians return home",
            ),
        ],
        leads=[
            L(
                "Серед звільнених — захисники, які перебували в полоні понад два роки, та {m} цивільних, повідомив "
                "координаційний штаб.",
                "Среди освобожденных — защитники, которые находились в плену более двух лет, и {m} гражданских, "
                "сообщил координационный штаб.",
                "Those freed include soldiers held for more than two years and {m} civilians, the coordination "
                "headquarters said.",
            ),
        ],
        details=[
            L(
                "Звільнені пройдуть медичне обстеження та реабілітацію. Частина з них потребує тривалого лікування "
                "після років утримання.",
                "Освобожденные пройдут медицинское обследование и реабилитацию. Часть из них нуждается в "
                "длительном лечении после лет заключения.",
                "Those released will undergo medical checks and rehabilitation. Some need long-term treatment "
                "after years in captivity.",
            ),
        ],
        background=[
            L(
                "Попередній обмін відбувся кілька тижнів тому; посередником, як і тоді, виступила третя країна.",
                "Предыдущий обмен состоялся несколько недель назад; посредником, как и тогда, выступила третья "
                "страна.",
                "The previous exchange took place a few weeks ago; as then, a third country acted as mediator.",
            ),
        ],
        why=[
            L(
                "Кожен обмін готують місяцями; родини інших полонених просять не поширювати неперевірені списки.",
                "Каждый обмен готовят месяцами; семьи других пленных просят не распространять непроверенные списки.",
                "Every exchange takes months to prepare; families of other prisoners ask people not to share "
                "unverified lists.",
            ),
        ],
        quotes=[
            L(
                "Ми продовжуємо роботу, доки додому не повернеться кожен.",
                "Мы продолжаем работу, пока домой не вернется каждый.",
                "We will keep working until every one of them is home.",
            ),
        ],
        extra=lambda rng: merge(slot("n", ints(many(rng, 75, 260))), slot("m", ints(many(rng, 5, 19)))),
    ),
    Topic(
        "demining",
        "war",
        ("demining", "agriculture"),
        "front",
        "deminer",
        (UA_MEDIA, REGIONAL, SECURITY),
        titles=[
            L(
                "Сапери розмінували ще {n} гектарів сільгоспугідь {region_loc}",
                "Саперы разминировали еще {n} гектаров сельхозугодий {region_loc}",
                "Deminers clear another {n} hectares of farmland {region_loc}",
            ),
            L(
                "Фермерам {region_gen} повернули {n} гектарів розмінованої землі",
                "Фермерам {region_gen} вернули {n} гектаров разминированной земли",
                "{n} hectares of cleared land returned to farmers in {region_gen}",
            ),
        ],
        leads=[
            L(
                "Роботи тривали {weeks} тижнів; частину полів засіють уже наступного сезону.",
                "Работы длились {weeks} недель; часть полей засеют уже в следующем сезоне.",
                "The work took {weeks} weeks; some of the fields will be sown as early as next season.",
            ),
        ],
        details=[
            L(
                "За цей час сапери знайшли та знешкодили {m} вибухонебезпечних предметів, зокрема протитанкові "
                "міни й касетні елементи.",
                "За это время саперы нашли и обезвредили {m} взрывоопасных предметов, в том числе противотанковые "
                "мины и кассетные элементы.",
                "In that time the teams found and destroyed {m} explosive items, including anti-tank mines and "
                "cluster submunitions.",
            ),
        ],
        background=[
            L(
                "Поля поблизу {city_gen} опинилися на лінії бойових дій у перші місяці повномасштабного вторгнення.",
                "Поля вблизи {city_gen} оказались на линии боевых действий в первые месяцы полномасштабного "
                "вторжения.",
                "The fields near {city} were on the front line in the first months of the full-scale invasion.",
            ),
        ],
        why=[
            L(
                "Україна залишається однією з найбільш замінованих країн світу; без розмінування аграрії не можуть "
                "повернутися до роботи.",
                "Украина остается одной из самых заминированных стран мира; без разминирования аграрии не могут "
                "вернуться к работе.",
                "Ukraine remains one of the most heavily mined countries in the world; without demining, farmers "
                "cannot get back to work.",
            ),
        ],
        quotes=[
            L(
                "Кожен гектар ми перевіряємо двічі. Краще працювати повільніше, ніж помилитися.",
                "Каждый гектар мы проверяем дважды. Лучше работать медленнее, чем ошибиться.",
                "We check every hectare twice. Better to work slowly than to make a mistake.",
            ),
        ],
        extra=lambda rng: merge(
            slot("n", ints(many(rng, 120, 1900))),
            slot("weeks", ints(many(rng, 5, 9))),
            slot("m", ints(many(rng, 40, 600))),
        ),
    ),
    Topic(
        "fake-evacuation",
        "war",
        ("russian-propaganda", "russia"),
        "city",
        "city_spokes",
        (HOSTILE,),
        titles=[
            L(
                "Російська пропаганда поширює фейк про «евакуацію» {city_gen} — у міськраді це спростували",
                "Российская пропаганда распространяет фейк об «эвакуации» {city_gen} — в горсовете это опровергли",
                "Russian propaganda spreads fake story about 'evacuation' of {city}; city council denies it",
            ),
            L(
                "Фейк дня: російське агентство вигадало «масові протести» {city_loc}",
                "Фейк дня: российское агентство выдумало «массовые протесты» {city_loc}",
                "Fake of the day: Russian agency invents 'mass protests' {city_loc}",
            ),
        ],
        leads=[
            L(
                "Повідомлення з'явилося на сайті прокремлівського агентства й за кілька годин розійшлося "
                "пов'язаними Telegram-каналами. Жодних підтверджень у ньому немає.",
                "Сообщение появилось на сайте прокремлевского агентства и за несколько часов разошлось по "
                "связанным Telegram-каналам. Никаких подтверждений в нем нет.",
                "The report appeared on a Kremlin-aligned agency's website and spread through affiliated Telegram "
                "channels within hours. It contains no evidence.",
            ),
        ],
        details=[
            L(
                "Як «доказ» агентство використало фото, зроблене, за нашими даними, в іншому місті кілька років "
                "тому. Місцеві журналісти підтверджують, що місто живе звичним життям.",
                "В качестве «доказательства» агентство использовало фото, сделанное, по нашим данным, в другом "
                "городе несколько лет назад. Местные журналисты подтверждают, что город живет обычной жизнью.",
                "As 'evidence' the agency used a photo that, according to our checks, was taken in another city "
                "several years ago. Local journalists confirm that life in {city} is going on as usual.",
            ),
        ],
        background=[
            L(
                "Це вже третій подібний вкид про місто за місяць; попередні також не підтвердилися.",
                "Это уже третий подобный вброс о городе за месяц; предыдущие также не подтвердились.",
                "It is the third such story about the city this month; the earlier ones also proved false.",
            ),
        ],
        why=[
            L(
                "Подібні вкиди зазвичай з'являються перед масованими атаками і розраховані на те, щоб посіяти "
                "паніку та підірвати довіру до місцевої влади.",
                "Подобные вбросы обычно появляются перед массированными атаками и рассчитаны на то, чтобы посеять "
                "панику и подорвать доверие к местной власти.",
                "Stories like this tend to appear before mass attacks and aim to spread panic and undermine trust "
                "in local authorities.",
            ),
        ],
        quotes=[
            L(
                "Це чергова спроба посіяти паніку. Перевіряйте інформацію в офіційних джерелах.",
                "Это очередная попытка посеять панику. Проверяйте информацию в официальных источниках.",
                "This is another attempt to sow panic. Check information with official sources.",
            ),
        ],
    ),
    Topic(
        "fake-capture",
        "war",
        ("russian-propaganda", "occupied-territories"),
        "front",
        "analyst",
        (HOSTILE,),
        titles=[
            L(
                "Росія заявила про «захоплення» села {region_loc}; у Силах оборони це спростовують",
                "Россия заявила о «захвате» села {region_loc}; в Силах обороны это опровергают",
                "Russia claims 'capture' of village {region_loc}; Ukrainian forces deny it",
            ),
            L(
                "Російські медіа вже вкотре «захопили» село, в якому тримають оборону українські бійці",
                "Российские медиа уже в который раз «захватили» село, в котором держат оборону украинские бойцы",
                "Russian media 'capture' a village held by Ukrainian troops, once again",
            ),
        ],
        leads=[
            L(
                "Відео, яке поширюють як підтвердження, зняте за кілька кілометрів від села, встановили аналітики "
                "за орієнтирами на місцевості.",
                "Видео, которое распространяют как подтверждение, снято в нескольких километрах от села, "
                "установили аналитики по ориентирам на местности.",
                "Analysts matched landmarks in the video being shared as proof and found it was filmed several "
                "kilometres from the village.",
            ),
        ],
        details=[
            L(
                "У Силах оборони заявили, що село контролюють українські підрозділи, а штурм минулої доби відбили. "
                "Противник втратив щонайменше {n} одиниць техніки.",
                "В Силах обороны заявили, что село контролируют украинские подразделения, а штурм прошлых суток "
                "отбит. Противник потерял не менее {n} единиц техники.",
                "Ukraine's defence forces said the village was held by Ukrainian units and that an assault the "
                "previous day had been repelled. The enemy lost at least {n} vehicles.",
            ),
        ],
        background=[
            L(
                "Російські джерела вже кілька разів оголошували про захоплення населених пунктів {region_loc}, які "
                "згодом залишалися під контролем України.",
                "Российские источники уже несколько раз объявляли о захвате населенных пунктов {region_loc}, "
                "которые затем оставались под контролем Украины.",
                "Russian sources have several times announced the capture of places {region_loc} that remained "
                "under Ukrainian control.",
            ),
        ],
        why=[
            L(
                "Передчасні заяви про «перемоги» мають показати внутрішній аудиторії Росії успіх наступу і "
                "деморалізувати українців.",
                "Преждевременные заявления о «победах» должны показать внутренней аудитории России успех "
                "наступления и деморализовать украинцев.",
                "Premature claims of 'victories' are meant to show Russia's home audience a successful offensive "
                "and to demoralise Ukrainians.",
            ),
        ],
        quotes=[
            L(
                "Це класична схема: спершу оголосити, потім намагатися захопити. Карти треба читати разом із "
                "підтвердженими відео.",
                "Это классическая схема: сначала объявить, потом пытаться захватить. Карты нужно читать вместе с "
                "подтвержденными видео.",
                "It is a classic pattern: announce first, then try to take it. Maps have to be read alongside "
                "verified footage.",
            ),
        ],
        extra=lambda rng: slot("n", ints(many(rng, 5, 19))),
    ),
    # --- Politics -----------------------------------------------------------------------------
    Topic(
        "bill",
        "politics",
        ("parliament", "eu-integration"),
        "none",
        "mp",
        (UA_MEDIA, OFFICIAL),
        titles=[
            L(
                "Рада ухвалила в першому читанні законопроєкт {policy}",
                "Рада приняла в первом чтении законопроект {policy}",
                "Parliament passes bill on {policy} in first reading",
            ),
            L(
                "Депутати підтримали законопроєкт {policy}: «за» проголосували {votes} нардепів",
                "Депутаты поддержали законопроект {policy}: «за» проголосовали {votes} нардепов",
                "MPs back bill on {policy}, with {votes} votes in favour",
            ),
        ],
        leads=[
            L(
                "За документ проголосували {votes} народних депутатів. До другого читання автори обіцяють "
                "врахувати зауваження громадських організацій.",
                "За документ проголосовали {votes} народных депутатов. Ко второму чтению авторы обещают учесть "
                "замечания общественных организаций.",
                "The bill received {votes} votes. Its authors promise to address objections from civil society "
                "before the second reading.",
            ),
        ],
        details=[
            L(
                "Документ змінює {articles} статей чинних законів і має набути чинності через шість місяців після "
                "підписання.",
                "Документ меняет {articles} статей действующих законов и должен вступить в силу через шесть "
                "месяцев после подписания.",
                "The bill amends {articles} articles of existing laws and would take effect six months after it "
                "is signed.",
            ),
        ],
        background=[
            L(
                "Подібну ініціативу вже розглядали торік, але тоді вона не набрала потрібної кількості голосів.",
                "Подобную инициативу уже рассматривали в прошлом году, но тогда она не набрала нужного количества "
                "голосов.",
                "A similar initiative was considered last year but failed to win enough votes.",
            ),
        ],
        why=[
            L(
                "Ухвалення закону — одне із зобов'язань, які Україна взяла на себе в переговорах з ЄС.",
                "Принятие закона — одно из обязательств, которые Украина взяла на себя в переговорах с ЕС.",
                "Passing the law is one of the commitments Ukraine has made in its talks with the EU.",
            ),
        ],
        quotes=[
            L(
                "Ми не змінимо все одразу, але цей закон прибирає найочевидніші лазівки.",
                "Мы не изменим все сразу, но этот закон убирает самые очевидные лазейки.",
                "We cannot change everything at once, but this law closes the most obvious loopholes.",
            ),
        ],
        extra=lambda rng: merge(
            pick(rng, POLICIES, "policy"),
            slot("votes", ints(many(rng, 226, 318))),
            slot("articles", ints(many(rng, 5, 40))),
        ),
    ),
    Topic(
        "cabinet-funds",
        "politics",
        ("government", "reconstruction"),
        "city",
        "deputy_mayor",
        (OFFICIAL, UA_MEDIA),
        titles=[
            L(
                "Уряд виділив {money} {purpose} {region_loc}",
                "Правительство выделило {money} {purpose} {region_loc}",
                "Government allocates {money} {purpose_en} {region_loc}",
            ),
            L(
                "Уряд спрямує {money} {purpose} у {n} громадах",
                "Правительство направит {money} {purpose} в {n} громадах",
                "Government to spend {money} {purpose_en} in {n} communities",
            ),
        ],
        leads=[
            L(
                "Гроші надійдуть з резервного фонду бюджету; перші роботи мають початися вже цього місяця.",
                "Деньги поступят из резервного фонда бюджета; первые работы должны начаться уже в этом месяце.",
                "The money will come from the budget's reserve fund, and the first work is due to start this "
                "month.",
            ),
        ],
        details=[
            L(
                "Розподіл коштів між громадами затвердять обласні адміністрації, а звіти про використання "
                "публікуватимуть на порталі відкритих даних.",
                "Распределение средств между громадами утвердят областные администрации, а отчеты об "
                "использовании будут публиковать на портале открытых данных.",
                "Regional administrations will approve how the money is split between communities, and spending "
                "reports will be published on the open data portal.",
            ),
        ],
        background=[
            L(
                "Торік на схожі потреби громади отримали втричі менше коштів, ніж просили.",
                "В прошлом году на похожие нужды громады получили втрое меньше средств, чем просили.",
                "Last year communities received a third of what they asked for similar needs.",
            ),
        ],
        why=[
            L(
                "Без цих грошей частина громад не встигне підготуватися до зими.",
                "Без этих денег часть громад не успеет подготовиться к зиме.",
                "Without this money some communities will not be ready for winter.",
            ),
        ],
        quotes=[
            L(
                "Для нас ці кошти — питання того, чи працюватимуть школи й лікарні взимку.",
                "Для нас эти средства — вопрос того, будут ли работать школы и больницы зимой.",
                "For us this money decides whether schools and hospitals can work through the winter.",
            ),
        ],
        extra=lambda rng: merge(
            pair(rng, PURPOSES, "purpose"),
            slot("money", money_mln_uah(rng.randint(40, 900))),
            slot("n", ints(many(rng, 5, 60))),
        ),
    ),
    Topic(
        "corruption-tender",
        "politics",
        ("corruption", "courts", "local-government"),
        "city",
        "prosecutor",
        (UA_MEDIA, OFFICIAL, REGIONAL),
        titles=[
            L(
                "Колишньому посадовцю міськради {city_gen} повідомили про підозру через тендер на {money}",
                "Бывшему чиновнику горсовета {city_gen} сообщили о подозрении из-за тендера на {money}",
                "Former {city} council official charged over {money} tender",
            ),
            L(
                "Антикорупційні детективи викрили схему із закупівлею {item} {city_loc}",
                "Антикоррупционные детективы разоблачили схему с закупкой {item} {city_loc}",
                "Anti-corruption detectives uncover scheme in purchase of {item} {city_loc}",
            ),
        ],
        leads=[
            L(
                "За версією слідства, ціни в договорах завищили майже на {pct}%, а збитки бюджету перевищують "
                "{loss}.",
                "По версии следствия, цены в договорах завысили почти на {pct}%, а убытки бюджета превышают {loss}.",
                "Investigators say prices in the contracts were inflated by almost {pct}%, costing the budget more "
                "than {loss}.",
            ),
        ],
        details=[
            L(
                "Під час обшуків вилучили документи й телефони. Підозрюваному загрожує до 12 років позбавлення "
                "волі; запобіжний захід суд обиратиме найближчими днями.",
                "Во время обысков изъяли документы и телефоны. Подозреваемому грозит до 12 лет лишения свободы; "
                "меру пресечения суд будет избирать в ближайшие дни.",
                "Documents and phones were seized during searches. The suspect faces up to 12 years in prison; a "
                "court is expected to rule on pre-trial measures in the coming days.",
            ),
        ],
        background=[
            L(
                "Тендер провели без конкуренції: інші учасники, за даними слідства, були пов'язані з переможцем.",
                "Тендер провели без конкуренции: другие участники, по данным следствия, были связаны с "
                "победителем.",
                "The tender had no real competition: according to investigators, the other bidders were linked to "
                "the winner.",
            ),
        ],
        why=[
            L(
                "Закупівлі громад під час війни — одна з головних зон корупційних ризиків, на яку звертають увагу "
                "і міжнародні донори.",
                "Закупки громад во время войны — одна из главных зон коррупционных рисков, на которую обращают "
                "внимание и международные доноры.",
                "Local procurement in wartime is one of the main corruption risks, and international donors are "
                "watching it closely.",
            ),
        ],
        quotes=[
            L(
                "Ми маємо докази того, що переможця тендеру визначили ще до його оголошення.",
                "У нас есть доказательства того, что победителя тендера определили еще до его объявления.",
                "We have evidence that the winner was chosen before the tender was even announced.",
            ),
        ],
        extra=lambda rng: merge(
            pick(rng, ITEMS, "item"),
            slot("money", money_mln_uah(rng.randint(8, 95))),
            slot("loss", money_mln_uah(rng.randint(2, 7))),
            slot("pct", rng.randint(20, 60)),
        ),
    ),
    Topic(
        "eu-screening",
        "politics",
        ("eu-integration", "eu"),
        "none",
        "eu_official",
        (FOREIGN, UA_MEDIA),
        titles=[
            L(
                "Україна та ЄС завершили скринінг законодавства у сфері {field}",
                "Украина и ЕС завершили скрининг законодательства в сфере {field}",
                "Ukraine and EU complete screening of {field} legislation",
            ),
            L(
                "Брюссель схвалив дорожню карту реформ у сфері {field}",
                "Брюссель одобрил дорожную карту реформ в сфере {field}",
                "Brussels approves roadmap for {field} reforms",
            ),
        ],
        leads=[
            L(
                "Документ визначає {n} законів, які Україні доведеться змінити до відкриття переговорного розділу.",
                "Документ определяет {n} законов, которые Украине придется изменить до открытия переговорной "
                "главы.",
                "The document lists {n} laws Ukraine will have to change before the negotiating chapter can be "
                "opened.",
            ),
        ],
        details=[
            L(
                "Частину змін уже внесено до парламенту; решту уряд обіцяє подати протягом року.",
                "Часть изменений уже внесена в парламент; остальные правительство обещает подать в течение года.",
                "Some of the changes are already before parliament; the government promises to submit the rest "
                "within a year.",
            ),
        ],
        background=[
            L(
                "Переговори про вступ офіційно розпочалися після рішення Європейської ради; відтоді сторони "
                "послідовно проходять кожен розділ.",
                "Переговоры о вступлении официально начались после решения Европейского совета; с тех пор стороны "
                "последовательно проходят каждую главу.",
                "Accession talks formally began after a European Council decision; since then the two sides have "
                "been working through the chapters one by one.",
            ),
        ],
        why=[
            L(
                "Від темпу реформ залежить, коли Україна зможе відкрити наступні переговорні кластери.",
                "От темпа реформ зависит, когда Украина сможет открыть следующие переговорные кластеры.",
                "The pace of reform will decide when Ukraine can open the next negotiating clusters.",
            ),
        ],
        quotes=[
            L(
                "Темп реформ вражає, але ми чекаємо на результати на практиці, а не лише на папері.",
                "Темп реформ впечатляет, но мы ждем результатов на практике, а не только на бумаге.",
                "The pace of reform is impressive, but we want to see results in practice, not only on paper.",
            ),
        ],
        extra=lambda rng: merge(pick(rng, FIELDS, "field"), slot("n", ints(many(rng, 5, 40)))),
    ),
    Topic(
        "city-budget",
        "regions",
        ("local-government",),
        "city",
        "deputy_mayor",
        (REGIONAL, OFFICIAL),
        titles=[
            L(
                "Депутати міськради {city_gen} змінили бюджет: {money} спрямують {purpose}",
                "Депутаты горсовета {city_gen} изменили бюджет: {money} направят {purpose}",
                "{City} council amends budget to spend {money} {purpose_en}",
            ),
            L(
                "Міськрада {city_gen} переглянула бюджет на користь безпеки та відбудови",
                "Горсовет {city_gen} пересмотрел бюджет в пользу безопасности и восстановления",
                "{City} council reshapes its budget around security and rebuilding",
            ),
        ],
        leads=[
            L(
                "Зміни підтримали {votes} депутатів; гроші перерозподілили з благоустрою та святкових заходів.",
                "Изменения поддержали {votes} депутатов; деньги перераспределили с благоустройства и праздничных "
                "мероприятий.",
                "The changes were backed by {votes} councillors; the money was moved from landscaping and "
                "festivities.",
            ),
        ],
        details=[
            L(
                "Найбільшою статтею видатків стали {money} {purpose}. Ще частину коштів спрямують на ремонт укриттів "
                "і закупівлю генераторів.",
                "Крупнейшей статьей расходов стали {money} {purpose}. Еще часть средств направят на ремонт укрытий "
                "и закупку генераторов.",
                "The largest item is {money} {purpose_en}. More money will go to repairing shelters and buying "
                "generators.",
            ),
        ],
        background=[
            L(
                "На початку року місто вже двічі коригувало кошторис через падіння податкових надходжень.",
                "В начале года город уже дважды корректировал смету из-за падения налоговых поступлений.",
                "The city has already adjusted its budget twice this year because of falling tax revenue.",
            ),
        ],
        quotes=[
            L(
                "Ми не можемо дозволити собі фонтани, коли дітям потрібні укриття.",
                "Мы не можем позволить себе фонтаны, когда детям нужны укрытия.",
                "We cannot afford fountains when children need shelters.",
            ),
        ],
        extra=lambda rng: merge(
            pair(rng, PURPOSES, "purpose"),
            slot("money", money_mln_uah(rng.randint(15, 180))),
            slot("votes", ints(many(rng, 25, 48))),
        ),
    ),
    Topic(
        "collaborator-court",
        "politics",
        ("courts", "occupied-territories"),
        "front",
        "prosecutor",
        (OFFICIAL, UA_MEDIA, REGIONAL),
        titles=[
            L(
                "Суд заочно засудив колишнього депутата-колаборанта {region_gen} до {years} років ув'язнення",
                "Суд заочно приговорил бывшего депутата-коллаборанта {region_gen} к {years} годам заключения",
                "Former collaborator MP from {region_gen} sentenced in absentia to {years} years",
            ),
            L(
                "Колаборанта, який очолював окупаційну «адміністрацію», засудили заочно",
                "Коллаборанта, возглавлявшего оккупационную «администрацию», осудили заочно",
                "Collaborator who ran an occupation 'administration' convicted in absentia",
            ),
        ],
        leads=[
            L(
                "За даними слідства, під час окупації чоловік очолював так звану адміністрацію громади й передавав "
                "окупантам списки ветеранів. Суд призначив йому {years} років позбавлення волі.",
                "По данным следствия, во время оккупации мужчина возглавлял так называемую администрацию громады "
                "и передавал оккупантам списки ветеранов. Суд назначил ему {years} лет лишения свободы.",
                "Investigators say that during the occupation the man ran the community's so-called administration "
                "and handed lists of veterans to the occupiers. The court sentenced him to {years} years.",
            ),
        ],
        details=[
            L(
                "Засуджений переховується на окупованій території. Його майно в підконтрольній Україні частині "
                "області конфісковано.",
                "Осужденный скрывается на оккупированной территории. Его имущество в подконтрольной Украине части "
                "области конфисковано.",
                "The convicted man is hiding in occupied territory. His property in the Ukrainian-controlled part "
                "of the region has been confiscated.",
            ),
        ],
        background=[
            L(
                "Від початку повномасштабного вторгнення суди ухвалили вже сотні вироків у справах про "
                "колабораційну діяльність.",
                "С начала полномасштабного вторжения суды вынесли уже сотни приговоров по делам о "
                "коллаборационной деятельности.",
                "Since the start of the full-scale invasion courts have handed down hundreds of verdicts in "
                "collaboration cases.",
            ),
        ],
        quotes=[
            L(
                "Вирок набуде чинності, щойно засуджений опиниться під юрисдикцією України.",
                "Приговор будет исполнен, как только осужденный окажется под юрисдикцией Украины.",
                "The sentence will be enforced as soon as he is back under Ukrainian jurisdiction.",
            ),
        ],
        extra=lambda rng: slot("years", ints(many(rng, 5, 15))),
    ),
    # --- Economy ------------------------------------------------------------------------------
    Topic(
        "hryvnia",
        "economy",
        ("hryvnia", "inflation"),
        "none",
        "economist",
        (UA_MEDIA, BUSINESS),
        titles=[
            L(
                "Гривня на міжбанку послабилася до {rate} за долар",
                "Гривна на межбанке ослабла до {rate} за доллар",
                "Hryvnia weakens to {rate} per dollar on interbank market",
            ),
            L(
                "Курс долара на міжбанку зріс до {rate} грн",
                "Курс доллара на межбанке вырос до {rate} грн",
                "Dollar rises to UAH {rate} on interbank market",
            ),
        ],
        leads=[
            L(
                "Нацбанк за тиждень продав на ринку {m} млн доларів, стримуючи коливання курсу.",
                "Нацбанк за неделю продал на рынке {m} млн долларов, сдерживая колебания курса.",
                "The central bank sold {m} million dollars on the market over the week to smooth swings in the "
                "rate.",
            ),
        ],
        details=[
            L(
                "У касах банків готівковий долар продають у середньому по {cash} грн. Банкіри пояснюють "
                "послаблення сезонним попитом імпортерів на валюту.",
                "В кассах банков наличный доллар продают в среднем по {cash} грн. Банкиры объясняют ослабление "
                "сезонным спросом импортеров на валюту.",
                "Cash dollars sell for an average of UAH {cash} at bank counters. Bankers put the weakening down to "
                "seasonal demand for currency from importers.",
            ),
        ],
        background=[
            L(
                "Регулятор перейшов до режиму керованої гнучкості курсу, тож невеликі коливання в обидва боки "
                "стали нормою.",
                "Регулятор перешел к режиму управляемой гибкости курса, поэтому небольшие колебания в обе стороны "
                "стали нормой.",
                "The regulator has moved to a managed float, so small moves in either direction are now normal.",
            ),
        ],
        quotes=[
            L(
                "Різких стрибків ми не очікуємо: резерви дозволяють Нацбанку тримати ситуацію під контролем.",
                "Резких скачков мы не ожидаем: резервы позволяют Нацбанку держать ситуацию под контролем.",
                "We do not expect sharp jumps: reserves allow the central bank to keep things under control.",
            ),
        ],
        extra=lambda rng: _rates(rng),
        table=lambda rng, s: _rates_table(s),
    ),
    Topic(
        "inflation",
        "economy",
        ("inflation", "hryvnia"),
        "none",
        "economist",
        (BUSINESS, OFFICIAL, UA_MEDIA),
        titles=[
            L(
                "Інфляція в Україні сповільнилася до {pct}% у річному вимірі",
                "Инфляция в Украине замедлилась до {pct}% в годовом измерении",
                "Ukraine's annual inflation slows to {pct}%",
            ),
            L(
                "Ціни за місяць зросли на {month}%: найбільше подорожчали овочі",
                "Цены за месяц выросли на {month}%: больше всего подорожали овощи",
                "Prices up {month}% in a month, led by vegetables",
            ),
        ],
        leads=[
            L(
                "Найбільше за рік подорожчали овочі та послуги, а одяг і пальне подешевшали, свідчать дані "
                "статистичної служби.",
                "Больше всего за год подорожали овощи и услуги, а одежда и топливо подешевели, свидетельствуют "
                "данные статистической службы.",
                "Vegetables and services rose most over the year, while clothing and fuel got cheaper, the "
                "statistics service said.",
            ),
        ],
        details=[
            L(
                "Місячна інфляція склала {month}%. Базова інфляція, яка не враховує сезонних коливань, "
                "залишилася майже незмінною.",
                "Месячная инфляция составила {month}%. Базовая инфляция, не учитывающая сезонных колебаний, "
                "осталась почти неизменной.",
                "Month-on-month inflation was {month}%. Core inflation, which strips out seasonal swings, was "
                "almost unchanged.",
            ),
        ],
        background=[
            L(
                "Нацбанк прогнозував уповільнення інфляції в другому півріччі завдяки хорошому врожаю.",
                "Нацбанк прогнозировал замедление инфляции во втором полугодии благодаря хорошему урожаю.",
                "The central bank had forecast slower inflation in the second half of the year thanks to a good "
                "harvest.",
            ),
        ],
        quotes=[
            L(
                "Це добрий сигнал, але ризики лишаються: енергетика й курс можуть швидко розвернути тренд.",
                "Это хороший сигнал, но риски остаются: энергетика и курс могут быстро развернуть тренд.",
                "It is a good sign, but the risks remain: energy and the exchange rate could quickly reverse the "
                "trend.",
            ),
        ],
        extra=lambda rng: merge(
            slot("pct", decs(rng.uniform(6, 14))), slot("month", decs(rng.uniform(0.2, 1.8)))
        ),
        table=lambda rng, s: _inflation_table(rng),
    ),
    Topic(
        "grain-exports",
        "economy",
        ("exports", "grain", "ports"),
        "none",
        "port_director",
        (UA_MEDIA, BUSINESS),
        titles=[
            L(
                "Порти Великої Одеси відвантажили {mt} млн тонн агропродукції за місяць",
                "Порты Большой Одессы отгрузили {mt} млн тонн агропродукции за месяц",
                "Greater Odesa ports ship {mt} million tonnes of farm produce in a month",
            ),
            L(
                "Експорт зерна морем зріс на {pct}% попри атаки на порти",
                "Экспорт зерна морем вырос на {pct}% несмотря на атаки на порты",
                "Seaborne grain exports up {pct}% despite attacks on ports",
            ),
        ],
        leads=[
            L(
                "Найбільше вивезли кукурудзи й пшениці; основні покупці — країни ЄС, Єгипет і Туреччина.",
                "Больше всего вывезли кукурузы и пшеницы; основные покупатели — страны ЕС, Египет и Турция.",
                "Maize and wheat made up most of the shipments; the main buyers were EU countries, Egypt and "
                "Turkey.",
            ),
        ],
        details=[
            L(
                "Загалом порти прийняли {ships} суден. Страхові ставки для суден, що заходять до українських портів, "
                "знизилися вперше за пів року.",
                "Всего порты приняли {ships} судов. Страховые ставки для судов, заходящих в украинские порты, "
                "снизились впервые за полгода.",
                "In all, the ports handled {ships} vessels. Insurance rates for ships calling at Ukrainian ports "
                "fell for the first time in six months.",
            ),
        ],
        background=[
            L(
                "Морський коридор працює без участі Росії; судна йдуть уздовж узбережжя під захистом українських "
                "сил.",
                "Морской коридор работает без участия России; суда идут вдоль побережья под защитой украинских сил.",
                "The sea corridor works without Russia's involvement; ships sail along the coast under Ukrainian "
                "protection.",
            ),
        ],
        why=[
            L(
                "Аграрний експорт — одне з головних джерел валютної виручки для країни.",
                "Аграрный экспорт — один из главных источников валютной выручки для страны.",
                "Farm exports are one of the country's main sources of foreign currency.",
            ),
        ],
        quotes=[
            L(
                "Попит є, судна йдуть. Головне для нас зараз — захист причалів і елеваторів.",
                "Спрос есть, суда идут. Главное для нас сейчас — защита причалов и элеваторов.",
                "The demand is there and the ships are coming. What matters most now is protecting berths and "
                "elevators.",
            ),
        ],
        extra=lambda rng: merge(
            slot("mt", decs(rng.uniform(3.2, 7.9))),
            slot("pct", rng.randint(5, 35)),
            slot("ships", ints(many(rng, 150, 390))),
        ),
        table=lambda rng, s: _grain_table(rng),
    ),
    Topic(
        "fuel-prices",
        "economy",
        ("fuel", "inflation"),
        "none",
        "fuel_analyst",
        (UA_MEDIA, BUSINESS, ENERGY),
        titles=[
            L(
                "Пальне за тиждень подорожчало: А-95 коштує в середньому {a95} грн",
                "Топливо за неделю подорожало: А-95 стоит в среднем {a95} грн",
                "Fuel prices rise: A-95 petrol now averages UAH {a95} a litre",
            ),
            L(
                "Ціни на АЗС: дизель і бензин подорожчали, автогаз подешевшав",
                "Цены на АЗС: дизель и бензин подорожали, автогаз подешевел",
                "Pump prices: diesel and petrol up, autogas down",
            ),
        ],
        leads=[
            L(
                "Аналітики пояснюють зростання курсом валют і вищими цінами на нафту; дизель подорожчав менше.",
                "Аналитики объясняют рост курсом валют и более высокими ценами на нефть; дизель подорожал меньше.",
                "Analysts blame the exchange rate and higher oil prices; diesel rose less.",
            ),
        ],
        details=[
            L(
                "Найдорожче пальне традиційно на заправках уздовж міжнародних трас, найдешевше — у невеликих "
                "мережах на заході країни.",
                "Самое дорогое топливо традиционно на заправках вдоль международных трасс, самое дешевое — в "
                "небольших сетях на западе страны.",
                "Fuel is usually most expensive at stations along international highways and cheapest at small "
                "chains in the west of the country.",
            ),
        ],
        background=[
            L(
                "Після відновлення акцизу ціни на пальне зростають повільно, але стабільно.",
                "После восстановления акциза цены на топливо растут медленно, но стабильно.",
                "Since the excise duty was restored, fuel prices have been rising slowly but steadily.",
            ),
        ],
        quotes=[
            L(
                "До кінця місяця різких змін не буде: ринок насичений, запаси в мережах достатні.",
                "До конца месяца резких изменений не будет: рынок насыщен, запасы в сетях достаточные.",
                "There will be no sharp changes before the end of the month: the market is well supplied.",
            ),
        ],
        extra=lambda rng: _fuel(rng),
        table=lambda rng, s: _fuel_table(s),
    ),
    Topic(
        "new-plant",
        "economy",
        ("business",),
        "city",
        "founder",
        (UA_MEDIA, REGIONAL, BUSINESS),
        titles=[
            L(
                "Компанія «{company}» відкрила завод {city_loc} і створила {jobs} робочих місць",
                "Компания «{company}» открыла завод {city_loc} и создала {jobs} рабочих мест",
                "{company} opens plant {city_loc}, creating {jobs} jobs",
            ),
            L(
                "{City_loc} запрацювало нове виробництво {product}",
                "{City_loc} заработало новое производство {product}",
                "New {product} plant starts work {city_loc}",
            ),
        ],
        leads=[
            L(
                "Інвестиції в проєкт склали {money}; частину обладнання перевезли з підприємства, евакуйованого з "
                "прифронтової зони.",
                "Инвестиции в проект составили {money}; часть оборудования перевезли с предприятия, "
                "эвакуированного из прифронтовой зоны.",
                "The project cost {money}; some of the equipment came from a plant evacuated from the front line.",
            ),
        ],
        details=[
            L(
                "Підприємство планує експортувати до половини продукції до країн ЄС. Для працівників організували "
                "навчання, а переселенцям допомагають з орендою житла.",
                "Предприятие планирует экспортировать до половины продукции в страны ЕС. Для работников "
                "организовали обучение, а переселенцам помогают с арендой жилья.",
                "The company plans to export up to half its output to the EU. It is training staff and helping "
                "displaced workers rent homes.",
            ),
        ],
        background=[
            L(
                "Від початку повномасштабної війни до регіону переїхали десятки підприємств зі сходу та півдня.",
                "С начала полномасштабной войны в регион переехали десятки предприятий с востока и юга.",
                "Dozens of companies from the east and south have moved to the region since the full-scale war "
                "began.",
            ),
        ],
        quotes=[
            L(
                "Ми шукали місто, де є люди, логістика і підтримка громади. Тут усе це знайшлося.",
                "Мы искали город, где есть люди, логистика и поддержка громады. Здесь все это нашлось.",
                "We were looking for a city with people, logistics and community support. We found all three here.",
            ),
        ],
        extra=lambda rng: merge(
            _company(rng),
            slot("jobs", ints(many(rng, 40, 450))),
            slot("money", money_mln_usd(rng.randint(3, 45))),
        ),
    ),
    Topic(
        "tax-revenue",
        "economy",
        ("taxes", "government"),
        "none",
        "economist",
        (OFFICIAL, UA_MEDIA, BUSINESS),
        titles=[
            L(
                "Податкова за місяць зібрала на {pct}% більше запланованого",
                "Налоговая за месяц собрала на {pct}% больше запланированного",
                "Tax revenues beat monthly plan by {pct}%",
            ),
            L(
                "Бюджет отримав {extra} понад план завдяки ПДВ та акцизам",
                "Бюджет получил {extra} сверх плана благодаря НДС и акцизам",
                "Budget takes in {extra} above plan thanks to VAT and excise",
            ),
        ],
        leads=[
            L(
                "Понад план надійшло {extra} — передусім завдяки ПДВ та акцизам на пальне.",
                "Сверх плана поступило {extra} — прежде всего благодаря НДС и акцизам на топливо.",
                "An extra {extra} came in, mainly from VAT and fuel excise.",
            ),
        ],
        details=[
            L(
                "Водночас надходження від податку на прибуток виявилися нижчими за прогноз: бізнес обережно "
                "оцінює перспективи.",
                "В то же время поступления от налога на прибыль оказались ниже прогноза: бизнес осторожно "
                "оценивает перспективы.",
                "Corporate income tax, however, came in below forecast as businesses remain cautious.",
            ),
        ],
        background=[
            L(
                "Оборонні видатки країна фінансує переважно з власних податків, а соціальні — за рахунок "
                "міжнародної допомоги.",
                "Оборонные расходы страна финансирует в основном из собственных налогов, а социальные — за счет "
                "международной помощи.",
                "The country pays for defence mostly from its own taxes, and for social spending with international "
                "aid.",
            ),
        ],
        quotes=[
            L(
                "Перевиконання плану — це радше ефект інфляції, ніж ознака пожвавлення економіки.",
                "Перевыполнение плана — это скорее эффект инфляции, чем признак оживления экономики.",
                "Beating the plan is more an effect of inflation than a sign of economic revival.",
            ),
        ],
        extra=lambda rng: merge(
            slot("pct", decs(rng.uniform(2, 9))), slot("extra", money_bln_uah(rng.uniform(2, 15)))
        ),
        table=lambda rng, s: _tax_table(rng),
    ),
    Topic(
        "harvest",
        "economy",
        ("agriculture", "grain"),
        "city",
        "farmer",
        (REGIONAL, UA_MEDIA),
        titles=[
            L(
                "Аграрії {region_gen} зібрали {kt} тис. тонн ранніх зернових",
                "Аграрии {region_gen} собрали {kt} тыс. тонн ранних зерновых",
                "Farmers {region_loc} harvest {kt} thousand tonnes of early grain",
            ),
            L(
                "Жнива {region_loc}: урожайність пшениці виявилася вищою, ніж торік",
                "Жатва {region_loc}: урожайность пшеницы оказалась выше, чем в прошлом году",
                "Harvest {region_loc}: wheat yields beat last year",
            ),
        ],
        leads=[
            L(
                "Урожайність пшениці склала в середньому {yield_} центнера з гектара; жнива завершено на трьох "
                "чвертях площ.",
                "Урожайность пшеницы составила в среднем {yield_} центнера с гектара; жатва завершена на трех "
                "четвертях площадей.",
                "Wheat yields averaged {yield_} centners per hectare; three quarters of the area has been "
                "harvested.",
            ),
        ],
        details=[
            L(
                "Найбільше проблем у господарств поблизу лінії фронту: частина полів досі потребує розмінування, а "
                "техніку доводиться ховати від дронів.",
                "Больше всего проблем у хозяйств вблизи линии фронта: часть полей до сих пор требует разминирования, "
                "а технику приходится прятать от дронов.",
                "Farms near the front line have the hardest time: some fields still need demining and machinery "
                "has to be hidden from drones.",
            ),
        ],
        background=[
            L(
                "Торік посуха знизила врожай у більшості районів області.",
                "В прошлом году засуха снизила урожай в большинстве районов области.",
                "Last year a drought cut yields in most of the region's districts.",
            ),
        ],
        quotes=[
            L(
                "Зерно є, питання в ціні. Логістика з'їдає майже третину виручки.",
                "Зерно есть, вопрос в цене. Логистика съедает почти треть выручки.",
                "The grain is there; the problem is the price. Logistics eat up almost a third of the revenue.",
            ),
        ],
        extra=lambda rng: merge(
            slot("kt", ints(many(rng, 150, 1900))), slot("yield_", decs(rng.uniform(32, 58)))
        ),
        table=lambda rng, s: _harvest_table(rng),
    ),
    # --- Society and regions ------------------------------------------------------------------
    Topic(
        "schools-shelters",
        "society",
        ("education", "shelters", "children"),
        "city",
        "school_head",
        (REGIONAL, OFFICIAL, UA_MEDIA),
        titles=[
            L(
                "{City_loc} обладнали укриття ще в {n} школах",
                "{City_loc} оборудовали укрытия еще в {n} школах",
                "Shelters fitted in {n} more schools {city_loc}",
            ),
            L(
                "{n} шкіл {region_gen} навчатимуть дітей у змішаному форматі",
                "{n} школ {region_gen} будут учить детей в смешанном формате",
                "{n} schools {region_loc} to teach in a mixed format",
            ),
        ],
        leads=[
            L(
                "Очно навчатимуться ті класи, для яких у школі вистачає місць в укритті; решта учнів "
                "приєднуватиметься онлайн.",
                "Очно будут учиться те классы, для которых в школе хватает мест в укрытии; остальные ученики "
                "будут подключаться онлайн.",
                "Classes will be taught in person only if the school shelter has room for them; the rest of the "
                "pupils will join online.",
            ),
        ],
        details=[
            L(
                "У кожному укритті є вентиляція, санвузли, запас води та інтернет. Під час тривоги уроки "
                "продовжуються під землею.",
                "В каждом укрытии есть вентиляция, санузлы, запас воды и интернет. Во время тревоги уроки "
                "продолжаются под землей.",
                "Every shelter has ventilation, toilets, a water supply and internet. During alerts lessons carry "
                "on underground.",
            ),
        ],
        background=[
            L(
                "Торік у місті очно працювала лише кожна третя школа.",
                "В прошлом году в городе очно работала лишь каждая третья школа.",
                "Last year only one school in three in the city was teaching in person.",
            ),
        ],
        why=[
            L(
                "Психологи наголошують: дітям важливо бачити однокласників, а не лише екран.",
                "Психологи подчеркивают: детям важно видеть одноклассников, а не только экран.",
                "Psychologists stress that children need to see their classmates, not just a screen.",
            ),
        ],
        quotes=[
            L(
                "Діти сумували одне за одним. Перший день в укритті був схожий на свято.",
                "Дети скучали друг по другу. Первый день в укрытии был похож на праздник.",
                "The children had missed each other. The first day in the shelter felt like a celebration.",
            ),
        ],
        extra=lambda rng: slot("n", ints(many(rng, 5, 40))),
    ),
    Topic(
        "night-train",
        "society",
        ("railways", "transport"),
        "city",
        "rail_spokes",
        (UA_MEDIA, OFFICIAL),
        titles=[
            L(
                "Між {city_ins} і {city2_ins} запустять новий нічний потяг",
                "Между {city_ins} и {city2_ins} запустят новый ночной поезд",
                "New night train to link {city} and {city2}",
            ),
            L(
                "Залізниця призначила додатковий потяг {city} — {city2}",
                "Железная дорога назначила дополнительный поезд {city} — {city2}",
                "Extra train added between {city} and {city2}",
            ),
        ],
        leads=[
            L(
                "Потяг курсуватиме щодня, дорога триватиме близько {hours} годин; квитки вже у продажу.",
                "Поезд будет курсировать ежедневно, дорога займет около {hours} часов; билеты уже в продаже.",
                "The train will run daily, with a journey time of about {hours} hours; tickets are already on "
                "sale.",
            ),
        ],
        details=[
            L(
                "У складі будуть купейні та плацкартні вагони, а також вагон з місцями для людей на кріслах "
                "колісних.",
                "В составе будут купейные и плацкартные вагоны, а также вагон с местами для людей на инвалидных "
                "колясках.",
                "The train will have sleeper and open-berth carriages and a carriage with spaces for wheelchair "
                "users.",
            ),
        ],
        background=[
            L(
                "Залізниця залишається головним видом міжміського транспорту: цивільна авіація в Україні не працює.",
                "Железная дорога остается главным видом междугородного транспорта: гражданская авиация в Украине "
                "не работает.",
                "Rail remains the main way to travel between cities: there are no civilian flights in Ukraine.",
            ),
        ],
        quotes=[
            L(
                "Попит на цьому напрямку зріс майже вдвічі, тож ми додаємо місця.",
                "Спрос на этом направлении вырос почти вдвое, поэтому мы добавляем места.",
                "Demand on this route has almost doubled, so we are adding seats.",
            ),
        ],
        extra=lambda rng: slot("hours", ints(many(rng, 5, 14))),
    ),
    Topic(
        "weather-warning",
        "society",
        ("weather",),
        "city",
        None,
        (OFFICIAL, UA_MEDIA),
        titles=[
            L(
                "Синоптики попереджають {event} {region_loc}",
                "Синоптики предупреждают {event} {region_loc}",
                "Forecasters warn of {event} {region_loc}",
            ),
            L(
                "Штормове попередження {region_loc}: рятувальники просять обмежити поїздки",
                "Штормовое предупреждение {region_loc}: спасатели просят ограничить поездки",
                "Storm warning {region_loc}: rescuers urge people to limit travel",
            ),
        ],
        leads=[
            L(
                "Перший, жовтий рівень небезпечності діятиме до кінця доби. Водіїв просять бути обережними на "
                "трасах.",
                "Первый, желтый уровень опасности будет действовать до конца суток. Водителей просят быть "
                "осторожными на трассах.",
                "A first-level, yellow warning is in force until the end of the day. Drivers are urged to take care "
                "on the roads.",
            ),
        ],
        details=[
            L(
                "Комунальні служби чергують цілодобово; у разі негоди можливі короткочасні перебої з "
                "електропостачанням.",
                "Коммунальные службы дежурят круглосуточно; в случае непогоды возможны кратковременные перебои с "
                "электроснабжением.",
                "Utility crews are on duty around the clock; short power cuts are possible in bad weather.",
            ),
        ],
        background=[
            L(
                "Минулого разу негода {region_loc} пошкодила десятки ліній електропередачі.",
                "В прошлый раз непогода {region_loc} повредила десятки линий электропередачи.",
                "Last time, bad weather {region_loc} brought down dozens of power lines.",
            ),
        ],
        extra=lambda rng: pick(rng, WEATHER, "event"),
    ),
    Topic(
        "veterans-centre",
        "society",
        ("veterans", "medicine"),
        "city",
        "veteran",
        (REGIONAL, UA_MEDIA),
        titles=[
            L(
                "{City_loc} відкрили центр реабілітації для ветеранів",
                "{City_loc} открыли центр реабилитации для ветеранов",
                "Rehabilitation centre for veterans opens {city_loc}",
            ),
            L(
                "Центр для ветеранів {city_loc} прийматиме до {n} людей на день",
                "Центр для ветеранов {city_loc} будет принимать до {n} человек в день",
                "Veterans' centre {city_loc} to see up to {n} people a day",
            ),
        ],
        leads=[
            L(
                "Тут працюватимуть фізичні терапевти, психологи та юристи; послуги безкоштовні для ветеранів і "
                "їхніх родин.",
                "Здесь будут работать физические терапевты, психологи и юристы; услуги бесплатны для ветеранов и "
                "их семей.",
                "Physiotherapists, psychologists and lawyers will work there; services are free for veterans and "
                "their families.",
            ),
        ],
        details=[
            L(
                "Центр розмістили в колишній будівлі заводоуправління. Ремонт тривав {months} місяців і "
                "фінансувався коштом громади та донорів.",
                "Центр разместили в бывшем здании заводоуправления. Ремонт длился {months} месяцев и "
                "финансировался за счет громады и доноров.",
                "The centre is in a former factory office building. The refurbishment took {months} months and "
                "was paid for by the community and donors.",
            ),
        ],
        background=[
            L(
                "За оцінками міської ради, у громаді вже живуть кілька тисяч ветеранів.",
                "По оценкам горсовета, в громаде уже живут несколько тысяч ветеранов.",
                "The city council estimates that several thousand veterans already live in the community.",
            ),
        ],
        quotes=[
            L(
                "Тут не треба нікому нічого пояснювати — тебе розуміють з півслова.",
                "Здесь не нужно никому ничего объяснять — тебя понимают с полуслова.",
                "Here you don't have to explain anything to anyone; people understand you straight away.",
            ),
        ],
        extra=lambda rng: merge(slot("n", ints(many(rng, 25, 120))), slot("months", ints(many(rng, 5, 9)))),
    ),
    Topic(
        "rebuilt-homes",
        "regions",
        ("reconstruction", "housing"),
        "front",
        "resident",
        (REGIONAL, OFFICIAL),
        titles=[
            L(
                "{City_loc} завершили відновлення {n} багатоповерхівок, пошкоджених обстрілами",
                "{City_loc} завершили восстановление {n} многоэтажек, поврежденных обстрелами",
                "{n} apartment blocks damaged by shelling rebuilt {city_loc}",
            ),
            L(
                "Мешканці відновленого будинку {city_loc} повернулися додому",
                "Жильцы восстановленного дома {city_loc} вернулись домой",
                "Residents return to rebuilt apartment block {city_loc}",
            ),
        ],
        leads=[
            L(
                "Роботи фінансували з державного фонду відновлення та коштом міжнародних партнерів. У будинках "
                "замінили вікна, покрівлі та інженерні мережі.",
                "Работы финансировали из государственного фонда восстановления и за счет международных партнеров. "
                "В домах заменили окна, кровли и инженерные сети.",
                "The work was funded by the state recovery fund and international partners. Windows, roofs and "
                "utility networks were replaced.",
            ),
        ],
        details=[
            L(
                "Усього {city_loc} від початку року відновили {flats} квартир. У черзі ще кілька десятків будинків.",
                "Всего {city_loc} с начала года восстановили {flats} квартир. В очереди еще несколько десятков домов.",
                "In all, {flats} flats have been restored {city_loc} since the start of the year. Dozens more "
                "buildings are waiting.",
            ),
        ],
        background=[
            L(
                "Будинки постраждали під час ракетного удару торік; частина мешканців увесь цей час жила в "
                "модульному містечку.",
                "Дома пострадали во время ракетного удара в прошлом году; часть жильцов все это время жила в "
                "модульном городке.",
                "The buildings were hit in a missile strike last year; some residents have been living in a "
                "modular housing camp ever since.",
            ),
        ],
        quotes=[
            L(
                "Ми думали, що сюди вже не повернемося. Тепер у квартирі навіть тепліше, ніж було.",
                "Мы думали, что сюда уже не вернемся. Теперь в квартире даже теплее, чем было.",
                "We thought we would never come back. Now the flat is even warmer than before.",
            ),
        ],
        extra=lambda rng: merge(slot("n", ints(many(rng, 5, 19))), slot("flats", ints(many(rng, 300, 2400)))),
    ),
    Topic(
        "volunteer-fundraiser",
        "society",
        ("volunteers",),
        "city",
        "volunteer",
        (UA_MEDIA, REGIONAL),
        titles=[
            L(
                "Волонтери {city_gen} за тиждень зібрали {money} {cause}",
                "Волонтеры {city_gen} за неделю собрали {money} {cause}",
                "{City} volunteers raise {money} in a week for {cause_en}",
            ),
            L(
                "Збір на {cause_short} {city_loc} закрили достроково",
                "Сбор на {cause_short} {city_loc} закрыли досрочно",
                "Fundraiser for {cause_en} {city_loc} closes early",
            ),
        ],
        leads=[
            L(
                "Внески зробили понад {donors} людей; середній донат склав {avg} грн.",
                "Взносы сделали более {donors} человек; средний донат составил {avg} грн.",
                "More than {donors} people donated; the average gift was UAH {avg}.",
            ),
        ],
        details=[
            L(
                "Волонтери звітують про кожну витрату в соцмережах і обіцяють показати закуплене вже наступного "
                "тижня.",
                "Волонтеры отчитываются о каждой трате в соцсетях и обещают показать закупленное уже на следующей "
                "неделе.",
                "The volunteers report every expense on social media and promise to show what they bought next "
                "week.",
            ),
        ],
        background=[
            L(
                "Ця ж команда навесні зібрала гроші на дві карети швидкої для прифронтових громад.",
                "Эта же команда весной собрала деньги на две кареты скорой для прифронтовых громад.",
                "In the spring the same team raised money for two ambulances for frontline communities.",
            ),
        ],
        quotes=[
            L(
                "Найбільше вразило, скільки людей переказали по 50–100 гривень. Саме з таких сум і складається "
                "результат.",
                "Больше всего впечатлило, сколько людей перевели по 50–100 гривен. Именно из таких сумм и "
                "складывается результат.",
                "What struck us most was how many people gave 50 or 100 hryvnias. That is what the total is made "
                "of.",
            ),
        ],
        extra=lambda rng: merge(
            _cause(rng),
            slot("money", money_k_uah(rng.randint(180, 990))),
            slot("donors", ints(many(rng, 900, 9000))),
            slot("avg", ints(rng.randint(180, 650))),
        ),
    ),
    Topic(
        "water-mains",
        "regions",
        ("water-supply",),
        "city",
        "city_spokes",
        (REGIONAL, OFFICIAL),
        titles=[
            L(
                "{City_loc} відновили водопостачання після аварії на магістралі",
                "{City_loc} восстановили водоснабжение после аварии на магистрали",
                "Water supply restored {city_loc} after mains failure",
            ),
            L(
                "{City_loc} через аварію на водогоні без води залишалися {n} будинків",
                "{City_loc} из-за аварии на водопроводе без воды оставались {n} домов",
                "{n} buildings {city_loc} left without water after mains burst",
            ),
        ],
        leads=[
            L(
                "Ремонтники замінили ділянку труби завдовжки {m} метрів; воду до будинків подають поступово.",
                "Ремонтники заменили участок трубы длиной {m} метров; воду в дома подают постепенно.",
                "Repair crews replaced a {m}-metre section of pipe; water is being returned to homes gradually.",
            ),
        ],
        details=[
            L(
                "Поки тривав ремонт, у дворах працювали пункти видачі технічної та питної води.",
                "Пока шел ремонт, во дворах работали пункты выдачи технической и питьевой воды.",
                "While the repair was under way, drinking and utility water was handed out in courtyards.",
            ),
        ],
        background=[
            L(
                "Водогону понад 50 років; міська рада просить донорів про гроші на повну заміну мереж.",
                "Водопроводу более 50 лет; горсовет просит доноров о деньгах на полную замену сетей.",
                "The mains are more than 50 years old; the council is asking donors to fund a full replacement.",
            ),
        ],
        quotes=[
            L(
                "Перші кілька годин вода може бути каламутною — це нормально після ремонту.",
                "Первые несколько часов вода может быть мутной — это нормально после ремонта.",
                "For the first few hours the water may be cloudy, which is normal after a repair.",
            ),
        ],
        extra=lambda rng: merge(slot("n", ints(many(rng, 15, 160))), slot("m", ints(many(rng, 15, 90)))),
    ),
    Topic(
        "heating",
        "regions",
        ("heating", "energy"),
        "city",
        "deputy_mayor",
        (REGIONAL, OFFICIAL),
        titles=[
            L(
                "{City_loc} підключили до опалення {n} шкіл і дитсадків",
                "{City_loc} подключили к отоплению {n} школ и детсадов",
                "Heating switched on in {n} schools and kindergartens {city_loc}",
            ),
            L(
                "{City_loc} готуються до зими: встановили ще {units} модульних котелень",
                "{City_loc} готовятся к зиме: установили еще {units} модульных котельных",
                "{City} prepares for winter with {units} more modular boiler houses",
            ),
        ],
        leads=[
            L(
                "Житлові будинки почнуть отримувати тепло, коли середньодобова температура протримається нижче "
                "восьми градусів три дні поспіль.",
                "Жилые дома начнут получать тепло, когда среднесуточная температура продержится ниже восьми "
                "градусов три дня подряд.",
                "Residential buildings will get heating once the average daily temperature stays below eight "
                "degrees for three days in a row.",
            ),
        ],
        details=[
            L(
                "Модульні котельні здатні працювати автономно, якщо центральна система постраждає від обстрілу.",
                "Модульные котельные способны работать автономно, если центральная система пострадает от обстрела.",
                "The modular boiler houses can run independently if the central system is hit.",
            ),
        ],
        background=[
            L(
                "Минулої зими кілька районів міста по кілька днів залишалися без тепла після ударів по ТЕЦ.",
                "Прошлой зимой несколько районов города по нескольку дней оставались без тепла после ударов по ТЭЦ.",
                "Last winter several districts went without heating for days after strikes on the power plant.",
            ),
        ],
        quotes=[
            L(
                "Децентралізація — наш захист: одну велику ТЕЦ легко вивести з ладу, сотню малих котелень — ні.",
                "Децентрализация — наша защита: одну большую ТЭЦ легко вывести из строя, сотню маленьких котельных "
                "— нет.",
                "Decentralisation is our protection: one big plant is easy to knock out, a hundred small boiler "
                "houses are not.",
            ),
        ],
        extra=lambda rng: merge(slot("n", ints(many(rng, 15, 120))), slot("units", ints(many(rng, 5, 30)))),
    ),
    Topic(
        "children-returned",
        "society",
        ("children", "occupied-territories", "russia"),
        "none",
        "ombuds",
        (OFFICIAL, UA_MEDIA),
        titles=[
            L(
                "Україні вдалося повернути ще {n} дітей, незаконно вивезених до Росії",
                "Украине удалось вернуть еще {n} детей, незаконно вывезенных в Россию",
                "Ukraine secures return of {n} more children illegally taken to Russia",
            ),
            L(
                "Додому повернули {n} дітей з окупованих територій",
                "Домой вернули {n} детей с оккупированных территорий",
                "{n} children brought home from occupied territories",
            ),
        ],
        leads=[
            L(
                "Дітей повернули за посередництва {country_gen}; зараз вони проходять медичне обстеження й "
                "отримують психологічну підтримку.",
                "Детей вернули при посредничестве {country_gen}; сейчас они проходят медицинское обследование и "
                "получают психологическую поддержку.",
                "The children were returned through mediation by {country}; they are now having medical checks and "
                "receiving psychological support.",
            ),
        ],
        details=[
            L(
                "Наймолодшій дитині — шість років. Частину дітей після вивезення влаштували в російські родини "
                "та змінили їм документи.",
                "Младшему ребенку — шесть лет. Часть детей после вывоза устроили в российские семьи и изменили им "
                "документы.",
                "The youngest child is six. Some of the children had been placed with Russian families and given "
                "new documents.",
            ),
        ],
        background=[
            L(
                "Україна вважає депортацію дітей воєнним злочином і веде поіменний облік кожного випадку.",
                "Украина считает депортацию детей военным преступлением и ведет поименный учет каждого случая.",
                "Ukraine considers the deportation of children a war crime and keeps a record of every case by "
                "name.",
            ),
        ],
        quotes=[
            L(
                "Кожне повернення — це місяці переговорів і перевірок. Ми знаємо імена тисяч дітей, які ще там.",
                "Каждое возвращение — это месяцы переговоров и проверок. Мы знаем имена тысяч детей, которые еще "
                "там.",
                "Each return takes months of negotiations and checks. We know the names of thousands of children "
                "who are still there.",
            ),
        ],
        extra=lambda rng: slot("n", ints(many(rng, 5, 19))),
        sensitive=True,
    ),
    Topic(
        "poll-donations",
        "society",
        ("polls", "volunteers"),
        "none",
        "sociologist",
        (POLL,),
        titles=[
            L(
                "Опитування: {pct}% українців регулярно донатять волонтерам",
                "Опрос: {pct}% украинцев регулярно донатят волонтерам",
                "Poll: {pct}% of Ukrainians donate to volunteers regularly",
            ),
            L(
                "Соціологи: більшість українців готові й надалі підтримувати волонтерів",
                "Социологи: большинство украинцев готовы и дальше поддерживать волонтеров",
                "Pollsters find most Ukrainians ready to keep supporting volunteers",
            ),
        ],
        leads=[
            L(
                "Опитування провели телефоном серед {n} дорослих у всіх областях, крім окупованих територій; "
                "похибка не перевищує 2,5%.",
                "Опрос провели по телефону среди {n} взрослых во всех областях, кроме оккупированных территорий; "
                "погрешность не превышает 2,5%.",
                "The telephone survey of {n} adults covered every region except the occupied territories; the "
                "margin of error is 2.5% at most.",
            ),
        ],
        details=[
            L(
                "Регулярно донатять {pct}% опитаних. Найчастіше люди підтримують збори на армію, лікарні та "
                "евакуацію тварин; середня сума щомісячних внесків за рік майже не змінилася.",
                "Регулярно донатят {pct}% опрошенных. Чаще всего люди поддерживают сборы на армию, больницы и "
                "эвакуацию животных; средняя сумма ежемесячных взносов за год почти не изменилась.",
                "{pct}% of respondents donate regularly. Most often they support fundraisers for the army, "
                "hospitals and animal rescue; the average monthly donation has barely changed in a year.",
            ),
        ],
        background=[
            L(
                "Рік тому регулярні донати робила приблизно така ж частка людей.",
                "Год назад регулярные донаты делала примерно такая же доля людей.",
                "A year ago about the same share of people were donating regularly.",
            ),
        ],
        why=[
            L(
                "Волонтерські збори залишаються одним із головних джерел допомоги фронту й прифронтовим громадам.",
                "Волонтерские сборы остаются одним из главных источников помощи фронту и прифронтовым громадам.",
                "Volunteer fundraising remains one of the main sources of help for the front and frontline "
                "communities.",
            ),
        ],
        quotes=[
            L(
                "Втома від війни є, але вона не перетворилася на байдужість.",
                "Усталость от войны есть, но она не превратилась в равнодушие.",
                "There is war fatigue, but it has not turned into indifference.",
            ),
        ],
        extra=lambda rng: merge(slot("pct", rng.randint(52, 71)), slot("n", ints(many(rng, 1000, 2400)))),
    ),
    # --- World --------------------------------------------------------------------------------
    Topic(
        "energy-aid",
        "world",
        ("international-aid", "energy"),
        "country",
        "foreign_minister",
        (FOREIGN, UA_MEDIA, ENERGY),
        titles=[
            L(
                "Уряд {country_gen} оголосив новий пакет допомоги для української енергетики на {money}",
                "Правительство {country_gen} объявило новый пакет помощи для украинской энергетики на {money}",
                "{Country} announces {money} aid package for Ukraine's energy sector",
            ),
            L(
                "Україна отримає від {country_gen} {n} трансформаторів і генераторів",
                "Украина получит от {country_gen} {n} трансформаторов и генераторов",
                "Ukraine to receive {n} transformers and generators from {country}",
            ),
        ],
        leads=[
            L(
                "Пакет включає трансформатори, генератори та кошти на захист підстанцій; перші поставки очікують до "
                "кінця місяця.",
                "Пакет включает трансформаторы, генераторы и средства на защиту подстанций; первые поставки "
                "ожидают до конца месяца.",
                "The package includes transformers, generators and funding to protect substations; the first "
                "deliveries are expected by the end of the month.",
            ),
        ],
        details=[
            L(
                "Про рішення оголосили під час зустрічі міністрів {capital_loc}. Загальна вартість пакета — {money}.",
                "О решении объявили во время встречи министров {capital_loc}. Общая стоимость пакета — {money}.",
                "The decision was announced at a ministers' meeting {capital_loc}. The package is worth {money} "
                "in total.",
            ),
        ],
        background=[
            L(
                "Це вже не перший енергетичний пакет від цієї країни з початку року.",
                "Это уже не первый энергетический пакет от этой страны с начала года.",
                "It is not the first energy package from this country this year.",
            ),
        ],
        quotes=[
            L(
                "Ми бачимо, як Росія цілеспрямовано б'є по теплу й світлу. Наша відповідь — допомогти Україні "
                "пережити зиму.",
                "Мы видим, как Россия целенаправленно бьет по теплу и свету. Наш ответ — помочь Украине пережить "
                "зиму.",
                "We see Russia deliberately targeting heat and light. Our answer is to help Ukraine get through "
                "the winter.",
            ),
        ],
        extra=lambda rng: merge(
            slot("money", money_mln_eur(rng.randint(20, 400))), slot("n", ints(many(rng, 15, 120)))
        ),
    ),
    Topic(
        "sanctions",
        "world",
        ("sanctions", "russia"),
        "country",
        "foreign_minister",
        (FOREIGN, UA_MEDIA),
        titles=[
            L(
                "Уряд {country_gen} запровадив санкції проти {n} компаній, що допомагали Росії обходити обмеження",
                "Правительство {country_gen} ввело санкции против {n} компаний, помогавших России обходить "
                "ограничения",
                "{Country} sanctions {n} companies that helped Russia evade restrictions",
            ),
            L(
                "Нові санкції {country_gen} зачепили постачальників мікроелектроніки для російських дронів",
                "Новые санкции {country_gen} затронули поставщиков микроэлектроники для российских дронов",
                "New sanctions by {country} hit suppliers of chips for Russian drones",
            ),
        ],
        leads=[
            L(
                "До списку потрапили посередники з третіх країн, які постачали до Росії мікроелектроніку та "
                "верстати.",
                "В список попали посредники из третьих стран, поставлявшие в Россию микроэлектронику и станки.",
                "The list includes middlemen in third countries who supplied Russia with microelectronics and "
                "machine tools.",
            ),
        ],
        details=[
            L(
                "Активи компаній заморожено, а громадянам і фірмам {country_gen} заборонено з ними співпрацювати. "
                "Загалом під обмеження потрапили {n} компаній.",
                "Активы компаний заморожены, а гражданам и фирмам {country_gen} запрещено с ними сотрудничать. "
                "Всего под ограничения попали {n} компаний.",
                "The companies' assets have been frozen and citizens and firms of {country} are barred from "
                "dealing with them. {n} companies are affected in all.",
            ),
        ],
        background=[
            L(
                "Розслідувачі неодноразово знаходили західні компоненти в уламках російських ракет і дронів.",
                "Расследователи неоднократно находили западные компоненты в обломках российских ракет и дронов.",
                "Investigators have repeatedly found Western components in the wreckage of Russian missiles and "
                "drones.",
            ),
        ],
        quotes=[
            L(
                "Кожна схема обходу санкцій має свою ціну. Ми будемо її підвищувати.",
                "Каждая схема обхода санкций имеет свою цену. Мы будем ее повышать.",
                "Every scheme to dodge sanctions has a price. We will keep raising it.",
            ),
        ],
        extra=lambda rng: slot("n", ints(many(rng, 15, 90))),
    ),
    Topic(
        "ministers-meet",
        "world",
        ("diplomacy", "international-aid"),
        "country",
        "foreign_minister",
        (FOREIGN, UA_MEDIA, OFFICIAL),
        titles=[
            L(
                "Міністри закордонних справ України та {country_gen} обговорили {subject} {capital_loc}",
                "Министры иностранных дел Украины и {country_gen} обсудили {subject} {capital_loc}",
                "Foreign ministers of Ukraine and {country} discuss {subject_en} {capital_loc}",
            ),
            L(
                "Україна і {country} домовилися про спільну робочу групу",
                "Украина и {country} договорились о совместной рабочей группе",
                "Ukraine and {country} agree to set up joint working group",
            ),
        ],
        leads=[
            L(
                "Сторони домовилися створити робочу групу, яка до кінця року підготує конкретні проєкти.",
                "Стороны договорились создать рабочую группу, которая до конца года подготовит конкретные проекты.",
                "The two sides agreed to set up a working group to prepare concrete projects by the end of the "
                "year.",
            ),
        ],
        details=[
            L(
                "Головною темою зустрічі {capital_loc} стало {subject_nom}. Міністри також підписали меморандум "
                "про обмін даними.",
                "Главной темой встречи {capital_loc} стало {subject_nom}. Министры также подписали меморандум об "
                "обмене данными.",
                "The main subject of the meeting {capital_loc} was {subject_en}. The ministers also signed a "
                "memorandum on data sharing.",
            ),
        ],
        background=[
            L(
                "Попередні переговори на цьому рівні відбулися навесні.",
                "Предыдущие переговоры на этом уровне состоялись весной.",
                "The previous talks at this level took place in the spring.",
            ),
        ],
        quotes=[
            L(
                "Ми говоримо не про символи, а про конкретні проєкти з конкретними строками.",
                "Мы говорим не о символах, а о конкретных проектах с конкретными сроками.",
                "We are talking not about symbols but about concrete projects with concrete deadlines.",
            ),
        ],
        extra=lambda rng: _subject(rng),
    ),
    # --- Culture --------------------------------------------------------------------------------
    Topic(
        "film-festival",
        "culture",
        ("cinema",),
        "city",
        "curator",
        (UA_MEDIA, REGIONAL),
        titles=[
            L(
                "{City_loc} стартує кінофестиваль «{fest}»",
                "{City_loc} стартует кинофестиваль «{fest}»",
                "{fest_en} film festival opens {city_loc}",
            ),
            L(
                "Фестиваль «{fest}» {city_loc} відвідали понад {n} глядачів",
                "Фестиваль «{fest}» {city_loc} посетили более {n} зрителей",
                "More than {n} people attend {fest_en} festival {city_loc}",
            ),
        ],
        leads=[
            L(
                "У програмі — {films} фільмів українських і європейських режисерів; частину показів проводять в "
                "укриттях.",
                "В программе — {films} фильмов украинских и европейских режиссеров; часть показов проводят в "
                "укрытиях.",
                "The programme has {films} films by Ukrainian and European directors; some screenings take place "
                "in shelters.",
            ),
        ],
        details=[
            L(
                "Гроші від продажу квитків організатори передадуть на реабілітацію ветеранів.",
                "Деньги от продажи билетов организаторы передадут на реабилитацию ветеранов.",
                "The organisers will give ticket proceeds to veterans' rehabilitation.",
            ),
        ],
        background=[
            L(
                "Фестиваль проводять уже вдруге від початку повномасштабної війни.",
                "Фестиваль проводят уже во второй раз с начала полномасштабной войны.",
                "It is the second time the festival has been held since the full-scale war began.",
            ),
        ],
        quotes=[
            L(
                "Кіно допомагає говорити про те, про що важко говорити вголос.",
                "Кино помогает говорить о том, о чем трудно говорить вслух.",
                "Film helps us talk about things that are hard to say out loud.",
            ),
        ],
        extra=lambda rng: merge(
            _festival(rng), slot("n", ints(many(rng, 1500, 9000))), slot("films", ints(many(rng, 15, 60)))
        ),
    ),
    Topic(
        "museum",
        "culture",
        ("museums",),
        "city",
        "curator",
        (UA_MEDIA, REGIONAL),
        titles=[
            L(
                "Музей {city_loc} повернув до експозиції {n} евакуйованих експонатів",
                "Музей {city_loc} вернул в экспозицию {n} эвакуированных экспонатов",
                "Museum {city_loc} returns {n} evacuated artefacts to display",
            ),
            L(
                "{City_loc} відкрили виставку речей, які пережили окупацію",
                "{City_loc} открыли выставку вещей, переживших оккупацию",
                "Exhibition of objects that survived occupation opens {city_loc}",
            ),
        ],
        leads=[
            L(
                "Серед експонатів — козацька зброя, ікони XVIII століття та колекція народного вбрання.",
                "Среди экспонатов — казацкое оружие, иконы XVIII века и коллекция народной одежды.",
                "The exhibits include Cossack weapons, 18th-century icons and a collection of folk dress.",
            ),
        ],
        details=[
            L(
                "Найцінніші предмети й надалі зберігаються у сховищах, а в залах показують копії.",
                "Самые ценные предметы по-прежнему хранятся в хранилищах, а в залах показывают копии.",
                "The most valuable items remain in storage, and copies are on show in the galleries.",
            ),
        ],
        background=[
            L(
                "На початку вторгнення працівники музею за кілька ночей запакували й вивезли тисячі предметів.",
                "В начале вторжения сотрудники музея за несколько ночей упаковали и вывезли тысячи предметов.",
                "At the start of the invasion museum staff packed and moved thousands of items in a few nights.",
            ),
        ],
        quotes=[
            L(
                "Ми довго вагалися, але людям потрібно бачити, що культура живе навіть тут.",
                "Мы долго колебались, но людям нужно видеть, что культура живет даже здесь.",
                "We hesitated for a long time, but people need to see that culture is alive even here.",
            ),
        ],
        extra=lambda rng: slot("n", ints(many(rng, 40, 600))),
    ),
    Topic(
        "novel-translated",
        "culture",
        ("books", "culture-abroad"),
        "none",
        "writer",
        (UA_MEDIA, FOREIGN),
        titles=[
            L(
                "Роман «{book}» перекладуть {n} мовами",
                "Роман «{book}» переведут на {n} языков",
                "Novel '{book_en}' to be translated into {n} languages",
            ),
            L(
                "Права на переклад роману «{book}» купили видавці з Європи та Азії",
                "Права на перевод романа «{book}» купили издатели из Европы и Азии",
                "Publishers in Europe and Asia buy rights to '{book_en}'",
            ),
        ],
        leads=[
            L(
                "Книжка розповідає про родину, яка переживає окупацію невеликого міста на півдні.",
                "Книга рассказывает о семье, переживающей оккупацию небольшого города на юге.",
                "The book tells the story of a family living through the occupation of a small southern town.",
            ),
        ],
        details=[
            L(
                "Перші переклади мають вийти наступного року; загалом роман перекладуть {n} мовами.",
                "Первые переводы должны выйти в следующем году; всего роман переведут на {n} языков.",
                "The first translations are due out next year; the novel will appear in {n} languages in all.",
            ),
        ],
        background=[
            L(
                "Роман став одним із найпродаваніших в Україні та отримав кілька літературних премій.",
                "Роман стал одним из самых продаваемых в Украине и получил несколько литературных премий.",
                "The novel became one of Ukraine's best-sellers and won several literary prizes.",
            ),
        ],
        quotes=[
            L(
                "Мені хотілося розповісти про тишу між тривогами. Виявилося, що її розуміють усюди.",
                "Мне хотелось рассказать о тишине между тревогами. Оказалось, что ее понимают везде.",
                "I wanted to write about the silence between the air-raid alerts. It turns out people understand it "
                "everywhere.",
            ),
        ],
        extra=lambda rng: merge(_book(rng), slot("n", ints(many(rng, 5, 19)))),
    ),
    # --- Technology -----------------------------------------------------------------------------
    Topic(
        "cyberattack",
        "tech",
        ("cybersecurity", "russia"),
        "city",
        "cyber",
        (OFFICIAL, UA_MEDIA, SECURITY),
        titles=[
            L(
                "Хакери атакували сайти {n} громад {region_gen}; дані не постраждали",
                "Хакеры атаковали сайты {n} громад {region_gen}; данные не пострадали",
                "Hackers target websites of {n} communities {region_loc}; no data lost",
            ),
            L(
                "Фахівці з кібербезпеки відбили атаку на {target}",
                "Специалисты по кибербезопасности отбили атаку на {target}",
                "Cyber specialists fend off attack on {target_en}",
            ),
        ],
        leads=[
            L(
                "За даними команди реагування на кіберінциденти, атаку провело угруповання, пов'язане з "
                "російськими спецслужбами.",
                "По данным команды реагирования на киберинциденты, атаку провела группировка, связанная с "
                "российскими спецслужбами.",
                "The cyber incident response team says the attack was carried out by a group linked to Russian "
                "intelligence.",
            ),
        ],
        details=[
            L(
                "Атака тривала близько {hours} годин. Сервіси працювали з перебоями, але персональні дані "
                "користувачів не витекли.",
                "Атака длилась около {hours} часов. Сервисы работали с перебоями, но персональные данные "
                "пользователей не утекли.",
                "The attack lasted about {hours} hours. Services were disrupted, but no personal data leaked.",
            ),
        ],
        background=[
            L(
                "Від початку року кількість кібератак на органи місцевої влади зросла майже вдвічі.",
                "С начала года количество кибератак на органы местной власти выросло почти вдвое.",
                "Cyberattacks on local government have almost doubled since the start of the year.",
            ),
        ],
        quotes=[
            L(
                "Вони шукають найслабшу ланку. Тому ми навчаємо не лише адмінів, а й кожного працівника.",
                "Они ищут самое слабое звено. Поэтому мы обучаем не только админов, но и каждого сотрудника.",
                "They look for the weakest link. That's why we train not just administrators but every employee.",
            ),
        ],
        extra=lambda rng: merge(
            pair(rng, TARGETS, "target"),
            slot("n", ints(many(rng, 5, 30))),
            slot("hours", ints(many(rng, 5, 12))),
        ),
    ),
    Topic(
        "startup-round",
        "tech",
        ("startups", "business"),
        "city",
        "founder",
        (UA_MEDIA, FOREIGN, BUSINESS),
        titles=[
            L(
                "Український стартап {startup} залучив {money} на розвиток {product}",
                "Украинский стартап {startup} привлек {money} на развитие {product}",
                "Ukrainian startup {startup} raises {money} to develop {product_en}",
            ),
            L(
                "Стартап {startup} з {city_gen} отримав інвестиції від європейського фонду",
                "Стартап {startup} из {city_gen} получил инвестиции от европейского фонда",
                "{City}-based startup {startup} wins backing from European fund",
            ),
        ],
        leads=[
            L(
                "Раунд очолив європейський венчурний фонд; гроші підуть на найм інженерів і вихід на ринки ЄС.",
                "Раунд возглавил европейский венчурный фонд; деньги пойдут на найм инженеров и выход на рынки ЕС.",
                "The round was led by a European venture fund; the money will go on hiring engineers and entering "
                "EU markets.",
            ),
        ],
        details=[
            L(
                "Команда з {team} людей працює з {city_gen} і має клієнтів у {countries} країнах.",
                "Команда из {team} человек работает из {city_gen} и имеет клиентов в {countries} странах.",
                "The {team}-person team works from {city} and has customers in {countries} countries.",
            ),
        ],
        background=[
            L(
                "Український ІТ-сектор, попри війну, залишається одним із небагатьох галузей, що зростають.",
                "Украинский ИТ-сектор, несмотря на войну, остается одной из немногих растущих отраслей.",
                "Despite the war, Ukraine's IT sector remains one of the few growing industries.",
            ),
        ],
        quotes=[
            L(
                "Інвестори більше не питають, чи ми працюватимемо під час тривог. Вони бачать, що працюємо.",
                "Инвесторы больше не спрашивают, будем ли мы работать во время тревог. Они видят, что работаем.",
                "Investors no longer ask whether we will work during air-raid alerts. They can see that we do.",
            ),
        ],
        extra=lambda rng: merge(
            _startup(rng),
            slot("money", money_mln_usd(rng.randint(2, 25))),
            slot("team", ints(many(rng, 15, 80))),
            slot("countries", ints(many(rng, 5, 19))),
        ),
    ),
    Topic(
        "app-service",
        "tech",
        ("digital-services", "government"),
        "none",
        None,
        (OFFICIAL, UA_MEDIA),
        titles=[
            L(
                "У державному застосунку тепер можна {action}",
                "В государственном приложении теперь можно {action}",
                "State services app now lets users {action_en}",
            ),
            L(
                "Нова послуга в застосунку: понад {n} заявок за першу добу",
                "Новая услуга в приложении: более {n} заявок за первые сутки",
                "New app service draws more than {n} applications on its first day",
            ),
        ],
        leads=[
            L(
                "За першу добу послугою скористалися понад {n} людей; раніше для цього треба було йти до ЦНАПу.",
                "За первые сутки услугой воспользовались более {n} человек; раньше для этого нужно было идти в ЦПАУ.",
                "More than {n} people used the service on its first day; until now it required a visit to an "
                "administrative office.",
            ),
        ],
        details=[
            L(
                "Щоб скористатися послугою, достатньо авторизуватися й заповнити коротку форму; рішення "
                "надходить протягом {days} днів.",
                "Чтобы воспользоваться услугой, достаточно авторизоваться и заполнить короткую форму; решение "
                "приходит в течение {days} дней.",
                "Users just log in and fill in a short form; a decision arrives within {days} days.",
            ),
        ],
        background=[
            L(
                "Застосунок уже має понад 20 мільйонів користувачів і десятки послуг.",
                "Приложение уже имеет более 20 миллионов пользователей и десятки услуг.",
                "The app already has more than 20 million users and dozens of services.",
            ),
        ],
        extra=lambda rng: merge(
            pair(rng, ACTIONS, "action"),
            slot("n", ints(many(rng, 5000, 60000))),
            slot("days", ints(many(rng, 5, 14))),
        ),
    ),
    Topic(
        "science",
        "tech",
        ("science",),
        "city",
        "scientist",
        (UA_MEDIA, REGIONAL),
        titles=[
            L(
                "Науковці {city_gen} {invention}",
                "Ученые из {city_gen} {invention}",
                "Scientists in {city} {invention_en}",
            ),
            L(
                "Розробку науковців {city_gen} випробують на практиці",
                "Разработку ученых из {city_gen} испытают на практике",
                "Invention by {city} scientists to be tested in the field",
            ),
        ],
        leads=[
            L(
                "Над проєктом працювала група з {team} дослідників; випробування мають завершитися до кінця року.",
                "Над проектом работала группа из {team} исследователей; испытания должны завершиться до конца года.",
                "A team of {team} researchers worked on the project; trials are due to end by the close of the "
                "year.",
            ),
        ],
        details=[
            L(
                "Розробку фінансує грант європейської дослідницької програми; патентну заявку вже подано.",
                "Разработку финансирует грант европейской исследовательской программы; патентная заявка уже подана.",
                "The work is funded by a European research grant, and a patent application has been filed.",
            ),
        ],
        background=[
            L(
                "Частина лабораторій університету працює в укриттях після пошкодження корпусу обстрілом.",
                "Часть лабораторий университета работает в укрытиях после повреждения корпуса обстрелом.",
                "Some of the university's labs work in shelters after a building was damaged by shelling.",
            ),
        ],
        quotes=[
            L(
                "Найважче було не придумати, а довести до зразка, який можна дати людям у руки.",
                "Сложнее всего было не придумать, а довести до образца, который можно дать людям в руки.",
                "The hardest part was not the idea but getting to a prototype people can actually use.",
            ),
        ],
        extra=lambda rng: merge(pair(rng, INVENTIONS, "invention"), slot("team", ints(many(rng, 5, 19)))),
    ),
    # --- Health --------------------------------------------------------------------------------
    Topic(
        "hospital-unit",
        "health",
        ("medicine",),
        "city",
        "doctor",
        (REGIONAL, UA_MEDIA),
        titles=[
            L(
                "У лікарні {city_gen} відкрили нове {unit} відділення",
                "В больнице {city_gen} открыли новое {unit} отделение",
                "New {unit_en} unit opens at {city} hospital",
            ),
            L(
                "{City_loc} тепер лікуватимуть за сучасними протоколами: запрацювало {unit} відділення",
                "{City_loc} теперь будут лечить по современным протоколам: заработало {unit} отделение",
                "{City} hospital opens modern {unit_en} unit",
            ),
        ],
        leads=[
            L(
                "Відділення розраховане на {beds} ліжок; обладнання закупили за кошти міжнародних донорів.",
                "Отделение рассчитано на {beds} коек; оборудование закупили на средства международных доноров.",
                "The unit has {beds} beds; its equipment was bought with money from international donors.",
            ),
        ],
        details=[
            L(
                "Лікарі пройшли стажування в клініках Польщі й Німеччини. Пацієнтів з області прийматимуть за "
                "направленням сімейного лікаря.",
                "Врачи прошли стажировку в клиниках Польши и Германии. Пациентов из области будут принимать по "
                "направлению семейного врача.",
                "The doctors trained at clinics in Poland and Germany. Patients from the region will be admitted on "
                "referral from a family doctor.",
            ),
        ],
        background=[
            L(
                "Раніше по таку допомогу пацієнтам доводилося їхати до Києва.",
                "Раньше за такой помощью пациентам приходилось ехать в Киев.",
                "Until now patients had to travel to Kyiv for this kind of care.",
            ),
        ],
        quotes=[
            L(
                "Для наших пацієнтів година дороги часто означає різницю між життям і смертю.",
                "Для наших пациентов час дороги часто означает разницу между жизнью и смертью.",
                "For our patients an hour on the road often makes the difference between life and death.",
            ),
        ],
        extra=lambda rng: merge(pair(rng, UNITS, "unit"), slot("beds", ints(many(rng, 15, 60)))),
    ),
    Topic(
        "flu",
        "health",
        ("flu", "medicine"),
        "city",
        "doctor",
        (OFFICIAL, REGIONAL),
        titles=[
            L(
                "{Region_loc} захворюваність на грип і ГРВІ перевищила епідпоріг на {pct}%",
                "{Region_loc} заболеваемость гриппом и ОРВИ превысила эпидпорог на {pct}%",
                "Flu and respiratory infections {region_loc} exceed epidemic threshold by {pct}%",
            ),
            L(
                "Лікарі {city_gen} фіксують зростання захворюваності на грип",
                "Врачи {city_gen} фиксируют рост заболеваемости гриппом",
                "Doctors {city_loc} report rise in flu cases",
            ),
        ],
        leads=[
            L(
                "За тиждень до лікарів звернулися понад {n} людей із симптомами ГРВІ; найбільше хворіють діти.",
                "За неделю к врачам обратились более {n} человек с симптомами ОРВИ; больше всего болеют дети.",
                "More than {n} people saw a doctor with respiratory symptoms in a week; children are the worst "
                "affected.",
            ),
        ],
        details=[
            L(
                "Школи поки що працюють у звичному режимі, але класи, де хворіє понад третина учнів, переводять на "
                "дистанційне навчання.",
                "Школы пока работают в обычном режиме, но классы, где болеет более трети учеников, переводят на "
                "дистанционное обучение.",
                "Schools are open as usual for now, but classes where more than a third of pupils are ill are "
                "switching to remote learning.",
            ),
        ],
        background=[
            L(
                "Торік пік захворюваності припав на кінець зими.",
                "В прошлом году пик заболеваемости пришелся на конец зимы.",
                "Last year cases peaked at the end of winter.",
            ),
        ],
        why=[
            L(
                "Лікарі радять щепитися: вакцина ще є в аптеках і в закладах первинної допомоги.",
                "Врачи советуют прививаться: вакцина еще есть в аптеках и в учреждениях первичной помощи.",
                "Doctors recommend getting vaccinated: the vaccine is still available at pharmacies and clinics.",
            ),
        ],
        quotes=[
            L(
                "Не лікуйтеся антибіотиками без призначення — проти вірусу вони не працюють.",
                "Не лечитесь антибиотиками без назначения — против вируса они не работают.",
                "Don't take antibiotics without a prescription; they do nothing against a virus.",
            ),
        ],
        extra=lambda rng: merge(slot("pct", rng.randint(8, 45)), slot("n", ints(many(rng, 2000, 18000)))),
        table=lambda rng, s: _flu_table(rng),
    ),
    # --- Sport ---------------------------------------------------------------------------------
    Topic(
        "football",
        "sport",
        ("football",),
        "none",
        "coach",
        (UA_MEDIA,),
        titles=[
            L(
                "«{club1}» обіграв «{club2}» з рахунком {s1}:{s2}",
                "«{club1}» обыграл «{club2}» со счетом {s1}:{s2}",
                "{club1_en} beat {club2_en} {s1}-{s2}",
            ),
            L(
                "«{club1}» вийшов на перше місце після перемоги над «{club2}»",
                "«{club1}» вышел на первое место после победы над «{club2}»",
                "{club1_en} go top after win over {club2_en}",
            ),
        ],
        leads=[
            L(
                "Вирішальний гол на {minute}-й хвилині забив півзахисник {player}.",
                "Решающий гол на {minute}-й минуте забил полузащитник {player}.",
                "Midfielder {player} scored the decisive goal in the {minute_en} minute.",
            ),
        ],
        details=[
            L(
                "Матч пройшов без глядачів через загрозу обстрілів; під час повітряної тривоги гру зупиняли на "
                "{pause} хвилин.",
                "Матч прошел без зрителей из-за угрозы обстрелов; во время воздушной тревоги игру останавливали на "
                "{pause} минут.",
                "The match was played without spectators because of the threat of strikes; play was halted for "
                "{pause} minutes during an air-raid alert.",
            ),
        ],
        background=[
            L(
                "У минулому турі «{club1}» розписав нічию, а «{club2}» поступився лідерам.",
                "В прошлом туре «{club1}» сыграл вничью, а «{club2}» уступил лидерам.",
                "In the previous round {club1_en} drew and {club2_en} lost to the leaders.",
            ),
        ],
        quotes=[
            L(
                "Хлопці грали для людей, які не змогли прийти на стадіон. Ця перемога — для них.",
                "Ребята играли для людей, которые не смогли прийти на стадион. Эта победа — для них.",
                "The lads played for the people who couldn't come to the stadium. This win is for them.",
            ),
        ],
        extra=lambda rng: _match(rng),
        table=lambda rng, s: _league_table(rng, s),
    ),
    Topic(
        "athletics",
        "sport",
        ("athletics", "youth-sport"),
        "none",
        "coach",
        (UA_MEDIA, FOREIGN),
        titles=[
            L(
                "Українські легкоатлети виграли {n} медалей на молодіжному чемпіонаті Європи",
                "Украинские легкоатлеты выиграли {n} медалей на молодежном чемпионате Европы",
                "Ukrainian athletes win {n} medals at European under-23 championships",
            ),
            L(
                "Збірна України з легкої атлетики — у першій п'ятірці медального заліку",
                "Сборная Украины по легкой атлетике — в первой пятерке медального зачета",
                "Ukraine's athletics team finishes in top five of medal table",
            ),
        ],
        leads=[
            L(
                "Золото — {g}, срібло — {s}, бронза — {b}. Найуспішнішими стали стрибуни та бігуни на середні "
                "дистанції.",
                "Золото — {g}, серебро — {s}, бронза — {b}. Самыми успешными стали прыгуны и бегуны на средние "
                "дистанции.",
                "The haul: {g} gold, {s} silver and {b} bronze. Jumpers and middle-distance runners did best.",
            ),
        ],
        details=[
            L(
                "Більшість спортсменів збірної тренуються за кордоном або в Києві, де стадіони мають укриття.",
                "Большинство спортсменов сборной тренируются за границей или в Киеве, где на стадионах есть "
                "укрытия.",
                "Most of the team train abroad or in Kyiv, where stadiums have shelters.",
            ),
        ],
        background=[
            L(
                "Два роки тому на цьому ж турнірі українці виграли вдвічі менше нагород.",
                "Два года назад на этом же турнире украинцы выиграли вдвое меньше наград.",
                "Two years ago Ukrainians won half as many medals at the same event.",
            ),
        ],
        quotes=[
            L(
                "Ці діти тренувалися під сирени. Кожна медаль важить для них удвічі більше.",
                "Эти дети тренировались под сирены. Каждая медаль весит для них вдвое больше.",
                "These kids trained to the sound of sirens. Every medal weighs twice as much for them.",
            ),
        ],
        extra=lambda rng: _medals(rng),
        table=lambda rng, s: _medal_table(s),
    ),
]

# --- Slot banks -------------------------------------------------------------------------------

POLICIES = [
    L(
        "про публічний реєстр нерухомості посадовців",
        "о публичном реестре недвижимости чиновников",
        "a public register of officials' property",
    ),
    L("про житло для ветеранів", "о жилье для ветеранов", "housing for veterans"),
    L(
        "про прозорість публічних закупівель",
        "о прозрачности публичных закупок",
        "transparency in public procurement",
    ),
    L("про бюджети громад", "о бюджетах громад", "local community budgets"),
    L(
        "про відновлення зруйнованого житла",
        "о восстановлении разрушенного жилья",
        "rebuilding destroyed housing",
    ),
    L(
        "про захист прав споживачів в онлайн-торгівлі",
        "о защите прав потребителей в онлайн-торговле",
        "consumer protection in online retail",
    ),
    L("про дистанційну освіту", "о дистанционном образовании", "remote learning"),
    L("про ринок електроенергії", "о рынке электроэнергии", "the electricity market"),
    L("про медіаграмотність у школах", "о медиаграмотности в школах", "media literacy in schools"),
    L("про реабілітацію ветеранів", "о реабилитации ветеранов", "rehabilitation for veterans"),
    L("про статус переселенців", "о статусе переселенцев", "the status of displaced people"),
]
# (uk "на ..." / ru "на ..." / en "to ..." or "for ...")
PURPOSES = [
    L("на ремонт шкільних укриттів", "на ремонт школьных укрытий", "to repair school shelters"),
    L("на модульні котельні", "на модульные котельные", "for modular boiler houses"),
    L("на відновлення мостів", "на восстановление мостов", "to rebuild bridges"),
    L("на модернізацію лікарень", "на модернизацию больниц", "to modernise hospitals"),
    L("на шкільні автобуси", "на школьные автобусы", "for school buses"),
    L("на житло для переселенців", "на жилье для переселенцев", "for housing for displaced people"),
    L(
        "на резервне живлення водоканалу",
        "на резервное питание водоканала",
        "for backup power at the water utility",
    ),
]
ITEMS = [
    L("генераторів", "генераторов", "generators"),
    L("шкільних ноутбуків", "школьных ноутбуков", "school laptops"),
    L("асфальту", "асфальта", "asphalt"),
    L("продуктових наборів", "продуктовых наборов", "food parcels"),
    L("дорожніх знаків", "дорожных знаков", "road signs"),
    L("будматеріалів для укриттів", "стройматериалов для укрытий", "building materials for shelters"),
]
FIELDS = [
    L("енергетики", "энергетики", "energy"),
    L("транспорту", "транспорта", "transport"),
    L("захисту довкілля", "защиты окружающей среды", "environmental protection"),
    L("цифрових послуг", "цифровых услуг", "digital services"),
    L("сільського господарства", "сельского хозяйства", "agriculture"),
    L("державних закупівель", "государственных закупок", "public procurement"),
    L("захисту прав споживачів", "защиты прав потребителей", "consumer protection"),
]
# Weather: the "warn about" phrase (uk/ru with the preposition) and the English noun phrase.
WEATHER = [
    L("про сильні пориви вітру", "о сильных порывах ветра", "strong winds"),
    L("про заморозки", "о заморозках", "frost"),
    L("про зливи та грози", "о ливнях и грозах", "downpours and thunderstorms"),
    L("про сильну спеку", "о сильной жаре", "a heatwave"),
    L("про снігопади", "о снегопадах", "snowfall"),
    L("про густий туман", "о густом тумане", "thick fog"),
    L("про ожеледицю", "о гололедице", "black ice"),
]
# (accusative after "обговорили", nominative, English)
SUBJECTS = [
    (
        L("захист енергетики", "защиту энергетики", "protecting energy infrastructure"),
        L("захист енергетики", "защита энергетики", ""),
    ),
    (
        L("спільне виробництво озброєнь", "совместное производство вооружений", "joint arms production"),
        L("спільне виробництво озброєнь", "совместное производство вооружений", ""),
    ),
    (
        L(
            "повернення депортованих дітей",
            "возвращение депортированных детей",
            "the return of deported children",
        ),
        L("повернення депортованих дітей", "возвращение депортированных детей", ""),
    ),
    (
        L("відбудову мостів і доріг", "восстановление мостов и дорог", "rebuilding bridges and roads"),
        L("відновлення мостів і доріг", "восстановление мостов и дорог", ""),
    ),
    (
        L("розмінування сільгоспземель", "разминирование сельхозземель", "demining farmland"),
        L("розмінування сільгоспземель", "разминирование сельхозземель", ""),
    ),
]
TARGETS = [
    L("систему оплати комунальних послуг", "систему оплаты коммунальных услуг", "a utility payment system"),
    L(
        "портал електронних послуг міськради",
        "портал электронных услуг горсовета",
        "a city council e-services portal",
    ),
    L(
        "сервер обласного центру зайнятості",
        "сервер областного центра занятости",
        "a regional job centre server",
    ),
    L("систему обліку пацієнтів лікарень", "систему учета пациентов больниц", "a hospital patient register"),
]
ACTIONS = [
    L(
        "подати заявку на компенсацію за пошкоджене житло",
        "подать заявку на компенсацию за поврежденное жилье",
        "apply for compensation for damaged housing",
    ),
    L(
        "оформити допомогу при народженні дитини",
        "оформить помощь при рождении ребенка",
        "apply for child birth benefit",
    ),
    L("змінити місце реєстрації", "изменить место регистрации", "change their registered address"),
    L(
        "отримати довідку про несудимість",
        "получить справку о несудимости",
        "get a criminal record certificate",
    ),
    L(
        "зареєструватися на курси перекваліфікації",
        "зарегистрироваться на курсы переквалификации",
        "sign up for retraining courses",
    ),
]
INVENTIONS = [
    L(
        "створили біорозкладну упаковку з відходів соняшнику",
        "создали биоразлагаемую упаковку из отходов подсолнечника",
        "develop biodegradable packaging from sunflower waste",
    ),
    L(
        "розробили сенсор для раннього виявлення лісових пожеж",
        "разработали сенсор для раннего обнаружения лесных пожаров",
        "build a sensor for early detection of forest fires",
    ),
    L(
        "створили дешевий фільтр для очищення питної води",
        "создали дешевый фильтр для очистки питьевой воды",
        "create a low-cost filter for drinking water",
    ),
    L(
        "навчили дрон знаходити міни за тепловим слідом",
        "научили дрон находить мины по тепловому следу",
        "teach a drone to find mines by their heat signature",
    ),
    L(
        "розробили бетон, що витримує ударну хвилю",
        "разработали бетон, выдерживающий ударную волну",
        "develop concrete that withstands blast waves",
    ),
]
UNITS = [
    L("кардіологічне", "кардиологическое", "cardiology"),
    L("опікове", "ожоговое", "burns"),
    L("дитяче реабілітаційне", "детское реабилитационное", "children's rehabilitation"),
    L("інсультне", "инсультное", "stroke"),
    L("онкологічне", "онкологическое", "oncology"),
]
COMPANIES = [
    (L("Полісся Меблі", "Полесье Мебель", "Polissia Mebli"), L("меблів", "мебели", "furniture")),
    (L("СтепСоляр", "СтепСоляр", "StepSolar"), L("сонячних панелей", "солнечных панелей", "solar panel")),
    (L("Карпатський текстиль", "Карпатский текстиль", "Karpaty Textile"), L("тканин", "тканей", "textile")),
    (L("Агродім", "Агродом", "Agrodim"), L("кормів", "кормов", "animal feed")),
    (L("Бурштин-Кабель", "Бурштин-Кабель", "Burshtyn Cable"), L("кабелю", "кабеля", "cable")),
    (L("Дніпровська кераміка", "Днепровская керамика", "Dnipro Ceramics"), L("плитки", "плитки", "tile")),
]
STARTUPS = [
    ("Gruntomir", L("датчиків вологості ґрунту", "датчиков влажности почвы", "soil moisture sensors")),
    (
        "Likhtar",
        L("автономного вуличного освітлення", "автономного уличного освещения", "off-grid street lighting"),
    ),
    (
        "Sluhach",
        L(
            "розпізнавання української мови",
            "распознавания украинского языка",
            "Ukrainian speech recognition",
        ),
    ),
    (
        "Protezna",
        L("дешевих біонічних протезів", "дешевых бионических протезов", "low-cost bionic prostheses"),
    ),
    ("Teplokart", L("теплових карт для громад", "тепловых карт для громад", "heat maps for municipalities")),
]
FESTIVALS = [
    L("Світло в кадрі", "Свет в кадре", "Light in Frame"),
    L("Довгі тіні", "Длинные тени", "Long Shadows"),
    L("Берег", "Берег", "Bereh"),
    L("Кіно під зорями", "Кино под звездами", "Cinema Under the Stars"),
]
BOOKS = [
    L("Сіль і полин", "Соль и полынь", "Salt and Wormwood"),
    L("Місто без сирен", "Город без сирен", "City Without Sirens"),
    L("Зимовий сад", "Зимний сад", "The Winter Garden"),
    L("Листи з Причорномор'я", "Письма из Причерноморья", "Letters from the Black Sea Coast"),
]
CAUSES = [
    (
        L(
            "на зарядні станції для лікарень",
            "на зарядные станции для больниц",
            "power stations for hospitals",
        ),
        L("зарядні станції", "зарядные станции", ""),
    ),
    (
        L(
            "на теплий одяг для переселенців",
            "на теплую одежду для переселенцев",
            "warm clothes for displaced people",
        ),
        L("теплий одяг", "теплую одежду", ""),
    ),
    (
        L("на евакуаційний автомобіль", "на эвакуационный автомобиль", "an evacuation vehicle"),
        L("евакуаційний автомобіль", "эвакуационный автомобиль", ""),
    ),
    (
        L("на реабілітаційне обладнання", "на реабилитационное оборудование", "rehabilitation equipment"),
        L("реабілітаційне обладнання", "реабилитационное оборудование", ""),
    ),
    (
        L("на генератори для шкіл", "на генераторы для школ", "generators for schools"),
        L("генератори", "генераторы", ""),
    ),
]
CLUBS = [
    (L("Степовик", "Степовик", "Stepovyk Dnipro"), "dnipro"),
    (L("Портовик", "Портовик", "Portovyk Odesa"), "odesa"),
    (L("Сокіл", "Сокил", "Sokil Lviv"), "lviv"),
    (L("Слобожанець", "Слобожанец", "Slobozhanets Kharkiv"), "kharkiv"),
    (L("Буревій", "Буревей", "Burevii Poltava"), "poltava"),
    (L("Каштан", "Каштан", "Kashtan Kyiv"), "kyiv"),
    (L("Лелека", "Лелека", "Leleka Chernihiv"), "chernihiv"),
    (L("Горган", "Горган", "Horhan Ivano-Frankivsk"), "ivano-frankivsk"),
]


def _pair(phrase, name):
    """An L used under two names: '{name}' in its own language and '{name}_en' always in
    English (English templates often need the phrase in a different position)."""
    return merge(slot(name, phrase), slot(f"{name}_en", phrase["en"]))


def pair(rng, options, name):
    return _pair(rng.choice(options), name)


def _subject(rng):
    acc, nom = rng.choice(SUBJECTS)
    return merge(_pair(acc, "subject"), slot("subject_nom", nom))


def _rates(rng):
    rate = rng.uniform(40.6, 43.4)
    eur = rate * rng.uniform(1.07, 1.12)
    pln = eur / rng.uniform(4.2, 4.35)
    return merge(
        slot("rate", decs(rate, 2)),
        slot("cash", decs(rate + rng.uniform(0.3, 0.7), 2)),
        slot("m", ints(many(rng, 500, 900))),
        slot("_r", dict.fromkeys(LANGS, (rate, eur, pln))),
    )


def _rates_table(slots):
    rate, eur, pln = slots["uk"]["_r"]

    def row(code, value):
        cells = [decs(value, 2), decs(value - 0.25, 2), decs(value + 0.45, 2)]
        return {lang: [code] + [c[lang] for c in cells] for lang in LANGS}

    return table_value(
        L("Курси валют, грн", "Курсы валют, грн", "Exchange rates, UAH"),
        L(
            ["Валюта", "Міжбанк", "Купівля", "Продаж"],
            ["Валюта", "Межбанк", "Покупка", "Продажа"],
            ["Currency", "Interbank", "Buy", "Sell"],
        ),
        [row("USD", rate), row("EUR", eur), row("PLN", pln)],
    )


def _inflation_table(rng):
    cats = [
        L("Продукти", "Продукты", "Food"),
        L("Овочі", "Овощи", "Vegetables"),
        L("Комунальні послуги", "Коммунальные услуги", "Utilities"),
        L("Пальне", "Топливо", "Fuel"),
        L("Одяг і взуття", "Одежда и обувь", "Clothing and footwear"),
    ]
    values = [
        rng.uniform(5, 12),
        rng.uniform(12, 30),
        rng.uniform(4, 15),
        -rng.uniform(0.5, 4),
        -rng.uniform(1, 5),
    ]
    rows = [{lang: [cat[lang], decs(v)[lang]] for lang in LANGS} for cat, v in zip(cats, values, strict=True)]
    return table_value(
        L("Зміна цін за рік, %", "Изменение цен за год, %", "Price change over the year, %"),
        L(["Категорія", "Зміна, %"], ["Категория", "Изменение, %"], ["Category", "Change, %"]),
        rows,
    )


def _grain_table(rng):
    crops = [
        L("Кукурудза", "Кукуруза", "Maize"),
        L("Пшениця", "Пшеница", "Wheat"),
        L("Ячмінь", "Ячмень", "Barley"),
        L("Соняшникова олія", "Подсолнечное масло", "Sunflower oil"),
        L("Соя", "Соя", "Soybeans"),
    ]
    rows = [{lang: [c[lang], ints(rng.randint(150, 2600))[lang]] for lang in LANGS} for c in crops]
    return table_value(
        L("Експорт за місяць, тис. тонн", "Экспорт за месяц, тыс. тонн", "Exports this month, kt"),
        L(["Культура", "Тис. тонн"], ["Культура", "Тыс. тонн"], ["Crop", "Thousand tonnes"]),
        rows,
    )


def _fuel(rng):
    a95 = rng.uniform(55, 62)
    return merge(slot("a95", decs(a95, 2)), slot("_f", dict.fromkeys(LANGS, a95)))


def _fuel_table(slots):
    a95 = slots["uk"]["_f"]
    kinds = [
        (L("А-95", "А-95", "A-95"), a95, 0.42),
        (L("А-92", "А-92", "A-92"), a95 - 2.1, 0.35),
        (L("Дизель", "Дизель", "Diesel"), a95 - 0.8, 0.18),
        (L("Автогаз", "Автогаз", "Autogas"), a95 / 2.1, -0.2),
    ]
    rows = [
        {lang: [k[lang], decs(p, 2)[lang], ("+" if d > 0 else "−") + decs(abs(d), 2)[lang]] for lang in LANGS}
        for k, p, d in kinds
    ]
    return table_value(
        L("Середні ціни на АЗС", "Средние цены на АЗС", "Average pump prices"),
        L(
            ["Пальне", "Ціна, грн/л", "За тиждень"],
            ["Топливо", "Цена, грн/л", "За неделю"],
            ["Fuel", "Price, UAH/l", "Weekly change"],
        ),
        rows,
    )


def _tax_table(rng):
    taxes = [
        L("ПДВ", "НДС", "VAT"),
        L("Акцизи", "Акцизы", "Excise"),
        L("Податок на прибуток", "Налог на прибыль", "Corporate income tax"),
        L("Рентна плата", "Рентная плата", "Resource rent"),
    ]
    rows = []
    for tax in taxes:
        plan = rng.uniform(5, 60)
        fact = plan * rng.uniform(0.92, 1.12)
        rows.append({lang: [tax[lang], decs(plan)[lang], decs(fact)[lang]] for lang in LANGS})
    return table_value(
        L("Надходження, млрд грн", "Поступления, млрд грн", "Revenue, UAH bn"),
        L(["Податок", "План", "Факт"], ["Налог", "План", "Факт"], ["Tax", "Plan", "Actual"]),
        rows,
    )


def _harvest_table(rng):
    crops = [
        L("Пшениця", "Пшеница", "Wheat"),
        L("Ячмінь", "Ячмень", "Barley"),
        L("Горох", "Горох", "Peas"),
        L("Ріпак", "Рапс", "Rapeseed"),
    ]
    rows = [
        {lang: [c[lang], ints(rng.randint(20, 400))[lang], decs(rng.uniform(25, 60))[lang]] for lang in LANGS}
        for c in crops
    ]
    return table_value(
        L("Хід жнив", "Ход жатвы", "Harvest progress"),
        L(
            ["Культура", "Зібрано, тис. га", "Урожайність, ц/га"],
            ["Культура", "Убрано, тыс. га", "Урожайность, ц/га"],
            ["Crop", "Harvested, thousand ha", "Yield, c/ha"],
        ),
        rows,
    )


def _flu_table(rng):
    base = rng.randint(3000, 9000)
    rows = []
    for week in range(1, 5):
        base = int(base * rng.uniform(1.05, 1.35))
        rows.append(
            L(
                [f"{week}-й", ints(base)["uk"]],
                [f"{week}-я", ints(base)["ru"]],
                [f"Week {week}", ints(base)["en"]],
            )
        )
    return table_value(
        L("Звернення з ГРВІ за тиждень", "Обращения с ОРВИ за неделю", "Weekly respiratory cases"),
        L(["Тиждень", "Звернень"], ["Неделя", "Обращений"], ["Week", "Cases"]),
        rows,
    )


def _company(rng):
    name, product = rng.choice(COMPANIES)
    return merge(slot("company", name), slot("product", product))


def _startup(rng):
    name, product = rng.choice(STARTUPS)
    return merge(slot("startup", name), slot("product", product), slot("product_en", product["en"]))


def _festival(rng):
    fest = rng.choice(FESTIVALS)
    return merge(slot("fest", fest), slot("fest_en", fest["en"]))


def _book(rng):
    book = rng.choice(BOOKS)
    return merge(slot("book", book), slot("book_en", book["en"]))


def _cause(rng):
    cause, short = rng.choice(CAUSES)
    return merge(
        slot("cause", cause),
        slot("cause_en", cause["en"]),
        slot("cause_short", {"uk": short["uk"], "ru": short["ru"], "en": cause["en"]}),
    )


def _ordinal(n):
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _match(rng):
    (c1, city1), (c2, _) = rng.sample(CLUBS, 2)
    s1 = rng.randint(1, 4)
    s2 = rng.randint(0, s1 - 1)
    minute = rng.randint(55, 89)
    first, last = rng.choice(MALE_FIRST_SPORT), rng.choice(SURNAMES_SPORT)
    player = {lang: f"{first[lang]} {last[lang]}" for lang in LANGS}
    return merge(
        slot("club1", c1),
        slot("club2", c2),
        slot("club1_en", c1["en"]),
        slot("club2_en", c2["en"]),
        slot("s1", s1),
        slot("s2", s2),
        slot("minute", minute),
        slot("minute_en", _ordinal(minute)),
        slot("player", player),
        slot("pause", ints(many(rng, 15, 40))),
        slot("_clubs", dict.fromkeys(LANGS, (c1, c2))),
        slot("_tag", city1),
    )


def _league_table(rng, slots):
    c1, c2 = slots["uk"]["_clubs"]
    others = [c for c, _ in CLUBS if c not in (c1, c2)]
    clubs = [c1, c2] + rng.sample(others, 3)
    rng.shuffle(clubs)
    clubs.remove(c1)
    clubs.insert(0, c1)
    games = rng.randint(8, 14)
    points = sorted((rng.randint(8, games * 3) for _ in clubs), reverse=True)
    rows = [
        {lang: [str(i + 1), club[lang], str(games), str(pts)] for lang in LANGS}
        for i, (club, pts) in enumerate(zip(clubs, points, strict=True))
    ]
    return table_value(
        L("Верхня частина таблиці", "Верхняя часть таблицы", "Top of the table"),
        L(
            ["Місце", "Клуб", "Ігри", "Очки"],
            ["Место", "Клуб", "Игры", "Очки"],
            ["Pos", "Club", "Played", "Points"],
        ),
        rows,
    )


def _medals(rng):
    g, s, b = rng.randint(1, 4), rng.randint(1, 4), rng.randint(1, 5)
    total = g + s + b
    while not (total >= 5 and (11 <= total % 100 <= 14 or total % 10 in (0, 5, 6, 7, 8, 9))):
        b += 1
        total = g + s + b
    return merge(
        slot("g", g),
        slot("s", s),
        slot("b", b),
        slot("n", total),
        slot("_m", dict.fromkeys(LANGS, (g, s, b))),
    )


def _medal_table(slots):
    g, s, b = slots["uk"]["_m"]
    rows = [
        L(["Золото", str(g)], ["Золото", str(g)], ["Gold", str(g)]),
        L(["Срібло", str(s)], ["Серебро", str(s)], ["Silver", str(s)]),
        L(["Бронза", str(b)], ["Бронза", str(b)], ["Bronze", str(b)]),
    ]
    return table_value(
        L("Медалі збірної України", "Медали сборной Украины", "Ukraine's medals"),
        L(["Нагорода", "Кількість"], ["Награда", "Количество"], ["Medal", "Count"]),
        rows,
    )


MALE_FIRST_SPORT = [
    L("Артем", "Артем", "Artem"),
    L("Владислав", "Владислав", "Vladyslav"),
    L("Ілля", "Илья", "Illia"),
    L("Назар", "Назар", "Nazar"),
    L("Остап", "Остап", "Ostap"),
]
SURNAMES_SPORT = [
    L("Гайдамаха", "Гайдамаха", "Haidamakha"),
    L("Кулібаба", "Кулибаба", "Kulibaba"),
    L("Тимощук-Рудий", "Тимощук-Рудой", "Tymoshchuk-Rudyi"),
    L("Вербовий", "Вербовый", "Verbovyi"),
    L("Ничипорук", "Ничипорук", "Nychyporuk"),
]
