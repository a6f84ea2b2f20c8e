# ruff: noqa: E501 - phrase banks hold long natural-language strings
"""The demo newsroom's fixed records and slot banks, written in parallel in three languages.

Everything here is invented for the demo: the agencies, outlets, companies, clubs, festivals
and people do not exist. Only city and country names are real.
"""

from dataclasses import dataclass

from vistka.demo.text import L

# --- Sections -------------------------------------------------------------------------------

SECTIONS = {
    # key: (names, description, sort order)
    "war": (
        L("Війна", "Война", "War"),
        L(
            "Фронт, обстріли, оборона і безпека.",
            "Фронт, обстрелы, оборона и безопасность.",
            "The front line, strikes, defence and security.",
        ),
        10,
    ),
    "politics": (
        L("Політика", "Политика", "Politics"),
        L(
            "Парламент, уряд, реформи і суди.",
            "Парламент, правительство, реформы и суды.",
            "Parliament, government, reforms and the courts.",
        ),
        20,
    ),
    "economy": (
        L("Економіка", "Экономика", "Economy"),
        L(
            "Гроші, ціни, бізнес і енергетика.",
            "Деньги, цены, бизнес и энергетика.",
            "Money, prices, business and energy.",
        ),
        30,
    ),
    "society": (
        L("Суспільство", "Общество", "Society"),
        L(
            "Освіта, транспорт, громади і люди.",
            "Образование, транспорт, громады и люди.",
            "Education, transport, communities and people.",
        ),
        40,
    ),
    "regions": (
        L("Регіони", "Регионы", "Regions"),
        L(
            "Новини міст і громад по всій країні.",
            "Новости городов и громад по всей стране.",
            "News from cities and communities across the country.",
        ),
        50,
    ),
    "world": (
        L("Світ", "Мир", "World"),
        L(
            "Дипломатія, санкції і міжнародна допомога.",
            "Дипломатия, санкции и международная помощь.",
            "Diplomacy, sanctions and international aid.",
        ),
        60,
    ),
    "health": (
        L("Здоров'я", "Здоровье", "Health"),
        L("Лікарні, лікарі і пацієнти.", "Больницы, врачи и пациенты.", "Hospitals, doctors and patients."),
        70,
    ),
    "tech": (
        L("Технології", "Технологии", "Technology"),
        L(
            "Стартапи, кібербезпека і цифрові послуги.",
            "Стартапы, кибербезопасность и цифровые услуги.",
            "Startups, cybersecurity and digital services.",
        ),
        80,
    ),
    "culture": (
        L("Культура", "Культура", "Culture"),
        L("Кіно, книжки, музеї і музика.", "Кино, книги, музеи и музыка.", "Film, books, museums and music."),
        90,
    ),
    "sport": (
        L("Спорт", "Спорт", "Sport"),
        L(
            "Футбол, атлетика і все, що між ними.",
            "Футбол, атлетика и все, что между ними.",
            "Football, athletics and everything in between.",
        ),
        100,
    ),
    "opinion": (
        L("Думки", "Мнения", "Opinion"),
        L("Колонки авторів редакції.", "Колонки авторов редакции.", "Columns by our writers."),
        110,
    ),
}

# --- Tags -----------------------------------------------------------------------------------

TOPIC_TAGS = {
    "air-defence": L("ППО", "ПВО", "Air defence"),
    "drones": L("Дрони", "Дроны", "Drones"),
    "energy": L("Енергетика", "Энергетика", "Energy"),
    "evacuation": L("Евакуація", "Эвакуация", "Evacuation"),
    "prisoner-exchange": L("Обмін полоненими", "Обмен пленными", "Prisoner exchange"),
    "demining": L("Розмінування", "Разминирование", "Demining"),
    "shelters": L("Укриття", "Укрытия", "Shelters"),
    "russian-propaganda": L("Російська пропаганда", "Российская пропаганда", "Russian propaganda"),
    "parliament": L("Верховна Рада", "Верховная Рада", "Parliament"),
    "government": L("Уряд", "Правительство", "Government"),
    "corruption": L("Корупція", "Коррупция", "Corruption"),
    "eu-integration": L("Євроінтеграція", "Евроинтеграция", "EU integration"),
    "local-government": L("Місцеве самоврядування", "Местное самоуправление", "Local government"),
    "hryvnia": L("Гривня", "Гривна", "Hryvnia"),
    "inflation": L("Інфляція", "Инфляция", "Inflation"),
    "exports": L("Експорт", "Экспорт", "Exports"),
    "grain": L("Зерно", "Зерно", "Grain"),
    "ports": L("Порти", "Порты", "Ports"),
    "fuel": L("Пальне", "Топливо", "Fuel"),
    "business": L("Бізнес", "Бизнес", "Business"),
    "taxes": L("Податки", "Налоги", "Taxes"),
    "education": L("Освіта", "Образование", "Education"),
    "transport": L("Транспорт", "Транспорт", "Transport"),
    "railways": L("Залізниця", "Железная дорога", "Railways"),
    "weather": L("Погода", "Погода", "Weather"),
    "veterans": L("Ветерани", "Ветераны", "Veterans"),
    "reconstruction": L("Відбудова", "Восстановление", "Reconstruction"),
    "volunteers": L("Волонтери", "Волонтеры", "Volunteers"),
    "international-aid": L("Міжнародна допомога", "Международная помощь", "International aid"),
    "sanctions": L("Санкції", "Санкции", "Sanctions"),
    "diplomacy": L("Дипломатія", "Дипломатия", "Diplomacy"),
    "cinema": L("Кіно", "Кино", "Cinema"),
    "museums": L("Музеї", "Музеи", "Museums"),
    "books": L("Книжки", "Книги", "Books"),
    "music": L("Музика", "Музыка", "Music"),
    "cybersecurity": L("Кібербезпека", "Кибербезопасность", "Cybersecurity"),
    "startups": L("Стартапи", "Стартапы", "Startups"),
    "digital-services": L("Цифрові послуги", "Цифровые услуги", "Digital services"),
    "football": L("Футбол", "Футбол", "Football"),
    "athletics": L("Легка атлетика", "Легкая атлетика", "Athletics"),
    "medicine": L("Медицина", "Медицина", "Medicine"),
    "flu": L("Грип", "Грипп", "Flu"),
    "water-supply": L("Водопостачання", "Водоснабжение", "Water supply"),
    "heating": L("Опалення", "Отопление", "Heating"),
    "agriculture": L("Сільське господарство", "Сельское хозяйство", "Agriculture"),
    "occupied-territories": L("Окуповані території", "Оккупированные территории", "Occupied territories"),
    "children": L("Діти", "Дети", "Children"),
    "courts": L("Суди", "Суды", "Courts"),
    "housing": L("Житло", "Жилье", "Housing"),
    "science": L("Наука", "Наука", "Science"),
    "displaced-people": L("Переселенці", "Переселенцы", "Displaced people"),
    "eu": L("ЄС", "ЕС", "EU"),
    "russia": L("Росія", "Россия", "Russia"),
    "poland": L("Польща", "Польша", "Poland"),
    "germany": L("Німеччина", "Германия", "Germany"),
    "moldova": L("Молдова", "Молдова", "Moldova"),
    "culture-abroad": L(
        "Українська культура у світі", "Украинская культура в мире", "Ukrainian culture abroad"
    ),
    "youth-sport": L("Молодіжний спорт", "Молодежный спорт", "Youth sport"),
    "polls": L("Опитування", "Опросы", "Polls"),
}


# --- Places ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    key: str
    nom: dict  # Київ
    loc: dict  # у Києві (with the preposition)
    gen: dict  # Києва
    ins: dict  # Києвом
    region_loc: dict  # на Київщині
    region_gen: dict  # Київської області


def _city(key, uk, ru, en, region_uk, region_ru, region_en):
    """uk/ru: (nominative, 'in' form, genitive, instrumental); region: ('in' form, genitive)."""
    return City(
        key=key,
        nom=L(uk[0], ru[0], en),
        loc=L(uk[1], ru[1], f"in {en}"),
        gen=L(uk[2], ru[2], en),
        ins=L(uk[3], ru[3], en),
        region_loc=L(region_uk[0], region_ru[0], f"in the {region_en} region"),
        region_gen=L(region_uk[1], region_ru[1], f"the {region_en} region"),
    )


_KYIV_R = (("на Київщині", "Київської області"), ("в Киевской области", "Киевской области"), "Kyiv")
_ODESA_R = (("на Одещині", "Одеської області"), ("в Одесской области", "Одесской области"), "Odesa")
_DNIPRO_R = (
    ("на Дніпропетровщині", "Дніпропетровської області"),
    ("в Днепропетровской области", "Днепропетровской области"),
    "Dnipropetrovsk",
)

CITIES = [
    _city(
        "kyiv",
        ("Київ", "у Києві", "Києва", "Києвом"),
        ("Киев", "в Киеве", "Киева", "Киевом"),
        "Kyiv",
        *_KYIV_R,
    ),
    _city(
        "kharkiv",
        ("Харків", "у Харкові", "Харкова", "Харковом"),
        ("Харьков", "в Харькове", "Харькова", "Харьковом"),
        "Kharkiv",
        ("на Харківщині", "Харківської області"),
        ("в Харьковской области", "Харьковской области"),
        "Kharkiv",
    ),
    _city(
        "odesa",
        ("Одеса", "в Одесі", "Одеси", "Одесою"),
        ("Одесса", "в Одессе", "Одессы", "Одессой"),
        "Odesa",
        *_ODESA_R,
    ),
    _city(
        "dnipro",
        ("Дніпро", "у Дніпрі", "Дніпра", "Дніпром"),
        ("Днепр", "в Днепре", "Днепра", "Днепром"),
        "Dnipro",
        *_DNIPRO_R,
    ),
    _city(
        "lviv",
        ("Львів", "у Львові", "Львова", "Львовом"),
        ("Львов", "во Львове", "Львова", "Львовом"),
        "Lviv",
        ("на Львівщині", "Львівської області"),
        ("во Львовской области", "Львовской области"),
        "Lviv",
    ),
    _city(
        "zaporizhzhia",
        ("Запоріжжя", "у Запоріжжі", "Запоріжжя", "Запоріжжям"),
        ("Запорожье", "в Запорожье", "Запорожья", "Запорожьем"),
        "Zaporizhzhia",
        ("на Запоріжжі", "Запорізької області"),
        ("в Запорожской области", "Запорожской области"),
        "Zaporizhzhia",
    ),
    _city(
        "mykolaiv",
        ("Миколаїв", "у Миколаєві", "Миколаєва", "Миколаєвом"),
        ("Николаев", "в Николаеве", "Николаева", "Николаевом"),
        "Mykolaiv",
        ("на Миколаївщині", "Миколаївської області"),
        ("в Николаевской области", "Николаевской области"),
        "Mykolaiv",
    ),
    _city(
        "kherson",
        ("Херсон", "у Херсоні", "Херсона", "Херсоном"),
        ("Херсон", "в Херсоне", "Херсона", "Херсоном"),
        "Kherson",
        ("на Херсонщині", "Херсонської області"),
        ("в Херсонской области", "Херсонской области"),
        "Kherson",
    ),
    _city(
        "chernihiv",
        ("Чернігів", "у Чернігові", "Чернігова", "Черніговом"),
        ("Чернигов", "в Чернигове", "Чернигова", "Черниговом"),
        "Chernihiv",
        ("на Чернігівщині", "Чернігівської області"),
        ("в Черниговской области", "Черниговской области"),
        "Chernihiv",
    ),
    _city(
        "sumy",
        ("Суми", "у Сумах", "Сум", "Сумами"),
        ("Сумы", "в Сумах", "Сум", "Сумами"),
        "Sumy",
        ("на Сумщині", "Сумської області"),
        ("в Сумской области", "Сумской области"),
        "Sumy",
    ),
    _city(
        "poltava",
        ("Полтава", "у Полтаві", "Полтави", "Полтавою"),
        ("Полтава", "в Полтаве", "Полтавы", "Полтавой"),
        "Poltava",
        ("на Полтавщині", "Полтавської області"),
        ("в Полтавской области", "Полтавской области"),
        "Poltava",
    ),
    _city(
        "vinnytsia",
        ("Вінниця", "у Вінниці", "Вінниці", "Вінницею"),
        ("Винница", "в Виннице", "Винницы", "Винницей"),
        "Vinnytsia",
        ("на Вінниччині", "Вінницької області"),
        ("в Винницкой области", "Винницкой области"),
        "Vinnytsia",
    ),
    _city(
        "zhytomyr",
        ("Житомир", "у Житомирі", "Житомира", "Житомиром"),
        ("Житомир", "в Житомире", "Житомира", "Житомиром"),
        "Zhytomyr",
        ("на Житомирщині", "Житомирської області"),
        ("в Житомирской области", "Житомирской области"),
        "Zhytomyr",
    ),
    _city(
        "ivano-frankivsk",
        ("Івано-Франківськ", "в Івано-Франківську", "Івано-Франківська", "Івано-Франківськом"),
        ("Ивано-Франковск", "в Ивано-Франковске", "Ивано-Франковска", "Ивано-Франковском"),
        "Ivano-Frankivsk",
        ("на Прикарпатті", "Івано-Франківської області"),
        ("в Ивано-Франковской области", "Ивано-Франковской области"),
        "Ivano-Frankivsk",
    ),
    _city(
        "ternopil",
        ("Тернопіль", "у Тернополі", "Тернополя", "Тернополем"),
        ("Тернополь", "в Тернополе", "Тернополя", "Тернополем"),
        "Ternopil",
        ("на Тернопільщині", "Тернопільської області"),
        ("в Тернопольской области", "Тернопольской области"),
        "Ternopil",
    ),
    _city(
        "uzhhorod",
        ("Ужгород", "в Ужгороді", "Ужгорода", "Ужгородом"),
        ("Ужгород", "в Ужгороде", "Ужгорода", "Ужгородом"),
        "Uzhhorod",
        ("на Закарпатті", "Закарпатської області"),
        ("в Закарпатской области", "Закарпатской области"),
        "Zakarpattia",
    ),
    _city(
        "lutsk",
        ("Луцьк", "у Луцьку", "Луцька", "Луцьком"),
        ("Луцк", "в Луцке", "Луцка", "Луцком"),
        "Lutsk",
        ("на Волині", "Волинської області"),
        ("в Волынской области", "Волынской области"),
        "Volyn",
    ),
    _city(
        "rivne",
        ("Рівне", "у Рівному", "Рівного", "Рівним"),
        ("Ровно", "в Ровно", "Ровно", "Ровно"),
        "Rivne",
        ("на Рівненщині", "Рівненської області"),
        ("в Ровенской области", "Ровенской области"),
        "Rivne",
    ),
    _city(
        "chernivtsi",
        ("Чернівці", "у Чернівцях", "Чернівців", "Чернівцями"),
        ("Черновцы", "в Черновцах", "Черновцов", "Черновцами"),
        "Chernivtsi",
        ("на Буковині", "Чернівецької області"),
        ("в Черновицкой области", "Черновицкой области"),
        "Chernivtsi",
    ),
    _city(
        "cherkasy",
        ("Черкаси", "у Черкасах", "Черкас", "Черкасами"),
        ("Черкассы", "в Черкассах", "Черкасс", "Черкассами"),
        "Cherkasy",
        ("на Черкащині", "Черкаської області"),
        ("в Черкасской области", "Черкасской области"),
        "Cherkasy",
    ),
    _city(
        "kropyvnytskyi",
        ("Кропивницький", "у Кропивницькому", "Кропивницького", "Кропивницьким"),
        ("Кропивницкий", "в Кропивницком", "Кропивницкого", "Кропивницким"),
        "Kropyvnytskyi",
        ("на Кіровоградщині", "Кіровоградської області"),
        ("в Кировоградской области", "Кировоградской области"),
        "Kirovohrad",
    ),
    _city(
        "kryvyi-rih",
        ("Кривий Ріг", "у Кривому Розі", "Кривого Рогу", "Кривим Рогом"),
        ("Кривой Рог", "в Кривом Роге", "Кривого Рога", "Кривым Рогом"),
        "Kryvyi Rih",
        *_DNIPRO_R,
    ),
    _city(
        "khmelnytskyi",
        ("Хмельницький", "у Хмельницькому", "Хмельницького", "Хмельницьким"),
        ("Хмельницкий", "в Хмельницком", "Хмельницкого", "Хмельницким"),
        "Khmelnytskyi",
        ("на Хмельниччині", "Хмельницької області"),
        ("в Хмельницкой области", "Хмельницкой области"),
        "Khmelnytskyi",
    ),
    _city(
        "kramatorsk",
        ("Краматорськ", "у Краматорську", "Краматорська", "Краматорськом"),
        ("Краматорск", "в Краматорске", "Краматорска", "Краматорском"),
        "Kramatorsk",
        ("на Донеччині", "Донецької області"),
        ("в Донецкой области", "Донецкой области"),
        "Donetsk",
    ),
    _city(
        "izmail",
        ("Ізмаїл", "в Ізмаїлі", "Ізмаїла", "Ізмаїлом"),
        ("Измаил", "в Измаиле", "Измаила", "Измаилом"),
        "Izmail",
        *_ODESA_R,
    ),
    _city(
        "bila-tserkva",
        ("Біла Церква", "у Білій Церкві", "Білої Церкви", "Білою Церквою"),
        ("Белая Церковь", "в Белой Церкви", "Белой Церкви", "Белой Церковью"),
        "Bila Tserkva",
        *_KYIV_R,
    ),
]
CITIES_BY_KEY = {city.key: city for city in CITIES}
# Cities near the front line, for stories about strikes and evacuations.
FRONTLINE = [
    "kharkiv",
    "zaporizhzhia",
    "kherson",
    "sumy",
    "mykolaiv",
    "kramatorsk",
    "dnipro",
    "chernihiv",
    "odesa",
    "kryvyi-rih",
]


@dataclass(frozen=True)
class Country:
    key: str
    name: dict  # Poland (en may start with "the")
    gen: dict  # Польщі
    capital_loc: dict  # у Варшаві
    tag: str = ""


def _country(key, uk, ru, en, tag=""):
    return Country(key, L(uk[0], ru[0], en[0]), L(uk[1], ru[1], en[0]), L(uk[2], ru[2], en[1]), tag)


COUNTRIES = [
    _country(
        "poland",
        ("Польща", "Польщі", "у Варшаві"),
        ("Польша", "Польши", "в Варшаве"),
        ("Poland", "in Warsaw"),
        "poland",
    ),
    _country(
        "germany",
        ("Німеччина", "Німеччини", "у Берліні"),
        ("Германия", "Германии", "в Берлине"),
        ("Germany", "in Berlin"),
        "germany",
    ),
    _country(
        "france",
        ("Франція", "Франції", "у Парижі"),
        ("Франция", "Франции", "в Париже"),
        ("France", "in Paris"),
    ),
    _country(
        "netherlands",
        ("Нідерланди", "Нідерландів", "у Гаазі"),
        ("Нидерланды", "Нидерландов", "в Гааге"),
        ("the Netherlands", "in The Hague"),
    ),
    _country(
        "denmark",
        ("Данія", "Данії", "у Копенгагені"),
        ("Дания", "Дании", "в Копенгагене"),
        ("Denmark", "in Copenhagen"),
    ),
    _country(
        "sweden",
        ("Швеція", "Швеції", "у Стокгольмі"),
        ("Швеция", "Швеции", "в Стокгольме"),
        ("Sweden", "in Stockholm"),
    ),
    _country(
        "finland",
        ("Фінляндія", "Фінляндії", "у Гельсінкі"),
        ("Финляндия", "Финляндии", "в Хельсинки"),
        ("Finland", "in Helsinki"),
    ),
    _country(
        "norway",
        ("Норвегія", "Норвегії", "в Осло"),
        ("Норвегия", "Норвегии", "в Осло"),
        ("Norway", "in Oslo"),
    ),
    _country(
        "lithuania",
        ("Литва", "Литви", "у Вільнюсі"),
        ("Литва", "Литвы", "в Вильнюсе"),
        ("Lithuania", "in Vilnius"),
    ),
    _country("latvia", ("Латвія", "Латвії", "у Ризі"), ("Латвия", "Латвии", "в Риге"), ("Latvia", "in Riga")),
    _country(
        "estonia",
        ("Естонія", "Естонії", "у Таллінні"),
        ("Эстония", "Эстонии", "в Таллине"),
        ("Estonia", "in Tallinn"),
    ),
    _country(
        "czechia", ("Чехія", "Чехії", "у Празі"), ("Чехия", "Чехии", "в Праге"), ("Czechia", "in Prague")
    ),
    _country(
        "japan", ("Японія", "Японії", "у Токіо"), ("Япония", "Японии", "в Токио"), ("Japan", "in Tokyo")
    ),
    _country(
        "canada", ("Канада", "Канади", "в Оттаві"), ("Канада", "Канады", "в Оттаве"), ("Canada", "in Ottawa")
    ),
    _country(
        "uk",
        ("Велика Британія", "Великої Британії", "у Лондоні"),
        ("Великобритания", "Великобритании", "в Лондоне"),
        ("the United Kingdom", "in London"),
    ),
    _country("italy", ("Італія", "Італії", "у Римі"), ("Италия", "Италии", "в Риме"), ("Italy", "in Rome")),
    _country(
        "spain",
        ("Іспанія", "Іспанії", "у Мадриді"),
        ("Испания", "Испании", "в Мадриде"),
        ("Spain", "in Madrid"),
    ),
    _country(
        "moldova",
        ("Молдова", "Молдови", "у Кишиневі"),
        ("Молдова", "Молдовы", "в Кишиневе"),
        ("Moldova", "in Chișinău"),
        "moldova",
    ),
    _country(
        "romania",
        ("Румунія", "Румунії", "у Бухаресті"),
        ("Румыния", "Румынии", "в Бухаресте"),
        ("Romania", "in Bucharest"),
    ),
    _country(
        "ireland",
        ("Ірландія", "Ірландії", "у Дубліні"),
        ("Ирландия", "Ирландии", "в Дублине"),
        ("Ireland", "in Dublin"),
    ),
    _country(
        "belgium",
        ("Бельгія", "Бельгії", "у Брюсселі"),
        ("Бельгия", "Бельгии", "в Брюсселе"),
        ("Belgium", "in Brussels"),
    ),
    _country(
        "austria",
        ("Австрія", "Австрії", "у Відні"),
        ("Австрия", "Австрии", "в Вене"),
        ("Austria", "in Vienna"),
    ),
]

# --- People ---------------------------------------------------------------------------------

# Fictional speakers are assembled from these banks; no combination refers to a real person.
MALE_FIRST = [
    L("Андрій", "Андрей", "Andrii"),
    L("Олег", "Олег", "Oleh"),
    L("Сергій", "Сергей", "Serhii"),
    L("Віталій", "Виталий", "Vitalii"),
    L("Юрій", "Юрий", "Yurii"),
    L("Максим", "Максим", "Maksym"),
    L("Роман", "Роман", "Roman"),
    L("Ігор", "Игорь", "Ihor"),
    L("Дмитро", "Дмитрий", "Dmytro"),
    L("Петро", "Петр", "Petro"),
    L("Василь", "Василий", "Vasyl"),
    L("Микола", "Николай", "Mykola"),
    L("Тарас", "Тарас", "Taras"),
    L("Богдан", "Богдан", "Bohdan"),
]
FEMALE_FIRST = [
    L("Олена", "Елена", "Olena"),
    L("Наталія", "Наталья", "Nataliia"),
    L("Оксана", "Оксана", "Oksana"),
    L("Ірина", "Ирина", "Iryna"),
    L("Тетяна", "Татьяна", "Tetiana"),
    L("Юлія", "Юлия", "Yuliia"),
    L("Світлана", "Светлана", "Svitlana"),
    L("Галина", "Галина", "Halyna"),
    L("Людмила", "Людмила", "Liudmyla"),
    L("Вікторія", "Виктория", "Viktoriia"),
    L("Катерина", "Екатерина", "Kateryna"),
    L("Марія", "Мария", "Mariia"),
    L("Соломія", "Соломия", "Solomiia"),
    L("Дарина", "Дарина", "Daryna"),
]
SURNAMES = [
    L("Мартинюк", "Мартынюк", "Martyniuk"),
    L("Гордієнко", "Гордиенко", "Hordiienko"),
    L("Стасюк", "Стасюк", "Stasiuk"),
    L("Вакуленко", "Вакуленко", "Vakulenko"),
    L("Кушнірук", "Кушнирук", "Kushniruk"),
    L("Дячук", "Дячук", "Diachuk"),
    L("Онищенко", "Онищенко", "Onyshchenko"),
    L("Петращук", "Петращук", "Petrashchuk"),
    L("Савенко", "Савенко", "Savenko"),
    L("Левчук", "Левчук", "Levchuk"),
    L("Яковенко", "Яковенко", "Yakovenko"),
    L("Захарчук", "Захарчук", "Zakharchuk"),
    L("Ігнатенко", "Игнатенко", "Ihnatenko"),
    L("Федорук", "Федорук", "Fedoruk"),
    L("Миронюк", "Миронюк", "Myroniuk"),
    L("Головатюк", "Головатюк", "Holovatiuk"),
    L("Кравчишин", "Кравчишин", "Kravchyshyn"),
    L("Остапчук", "Остапчук", "Ostapchuk"),
    L("Лисенчук", "Лысенчук", "Lysenchuk"),
    L("Гребенюк", "Гребенюк", "Hrebeniuk"),
]
# (name, is_female)
FOREIGN_NAMES = [
    (L("Ганна Ліндквіст", "Ханна Линдквист", "Hanna Lindqvist"), True),
    (L("Томаш Вжесінський", "Томаш Вжесинский", "Tomasz Wrzesiński"), False),
    (L("Ліна Мертенс", "Лина Мертенс", "Lina Mertens"), True),
    (L("Пер Гаугланн", "Пер Хауглан", "Per Haugland"), False),
    (L("Клер Бонфіс", "Клер Бонфис", "Claire Bonfils"), True),
    (L("Маттіас Грюнвальд", "Маттиас Грюнвальд", "Matthias Grünwald"), False),
    (L("Аліна Раудсепп", "Алина Раудсепп", "Alina Raudsepp"), True),
    (L("Юкіо Танабе", "Юкио Танабэ", "Yukio Tanabe"), False),
    (L("Ейлін Моріарті", "Эйлин Мориарти", "Eileen Moriarty"), True),
    (L("Радек Голуб", "Радек Голуб", "Radek Holub"), False),
]

# Verbs that agree with the speaker's gender in Ukrainian and Russian: (male, female).
SAID = L(("заявив", "заявила"), ("заявил", "заявила"), ("said", "said"))
TOLD = L(("розповів", "розповіла"), ("рассказал", "рассказала"), ("told", "told"))
ADDED = L(("додав", "додала"), ("добавил", "добавила"), ("added", "added"))

# Roles: L of (male, female) forms; may hold {city_gen}, {city}, {region_gen}, {country_gen} slots.
ROLES = {
    "city_spokes": L(
        ("речник міської ради {city_gen}", "речниця міської ради {city_gen}"),
        ("представитель горсовета {city_gen}", "представитель горсовета {city_gen}"),
        ("spokesperson for the {city} city council", "spokesperson for the {city} city council"),
    ),
    "deputy_mayor": L(
        ("заступник міського голови {city_gen}", "заступниця міського голови {city_gen}"),
        ("заместитель мэра {city_gen}", "заместитель мэра {city_gen}"),
        ("deputy mayor of {city}", "deputy mayor of {city}"),
    ),
    "regional_admin": L(
        ("речник військової адміністрації {region_gen}", "речниця військової адміністрації {region_gen}"),
        (
            "представитель военной администрации {region_gen}",
            "представитель военной администрации {region_gen}",
        ),
        (
            "spokesperson for the military administration of {region_gen}",
            "spokesperson for the military administration of {region_gen}",
        ),
    ),
    "energy_company": L(
        ("директор регіональної енергокомпанії", "директорка регіональної енергокомпанії"),
        ("директор региональной энергокомпании", "директор региональной энергокомпании"),
        ("director of the regional power company", "director of the regional power company"),
    ),
    "economist": L(
        ("економіст аналітичного центру «Обрій»", "економістка аналітичного центру «Обрій»"),
        ("экономист аналитического центра «Обрий»", "экономист аналитического центра «Обрий»"),
        ("an economist at the Obrii think tank", "an economist at the Obrii think tank"),
    ),
    "fuel_analyst": L(
        ("аналітик паливного ринку", "аналітикиня паливного ринку"),
        ("аналитик топливного рынка", "аналитик топливного рынка"),
        ("a fuel market analyst", "a fuel market analyst"),
    ),
    "mp": L(
        ("народний депутат, співавтор законопроєкту", "народна депутатка, співавторка законопроєкту"),
        ("народный депутат, соавтор законопроекта", "народный депутат, соавтор законопроекта"),
        ("an MP and co-author of the bill", "an MP and co-author of the bill"),
    ),
    "volunteer": L(("волонтер", "волонтерка"), ("волонтер", "волонтер"), ("a volunteer", "a volunteer")),
    "doctor": L(
        ("головний лікар міської лікарні", "головна лікарка міської лікарні"),
        ("главный врач городской больницы", "главный врач городской больницы"),
        ("chief physician at the city hospital", "chief physician at the city hospital"),
    ),
    "school_head": L(
        ("директор школи", "директорка школи"),
        ("директор школы", "директор школы"),
        ("a school principal", "a school principal"),
    ),
    "resident": L(
        ("мешканець будинку", "мешканка будинку"),
        ("житель дома", "жительница дома"),
        ("a resident", "a resident"),
    ),
    "farmer": L(("фермер", "фермерка"), ("фермер", "фермер"), ("a farmer", "a farmer")),
    "coach": L(
        ("головний тренер команди", "головна тренерка команди"),
        ("главный тренер команды", "главный тренер команды"),
        ("the team's head coach", "the team's head coach"),
    ),
    "curator": L(("куратор", "кураторка"), ("куратор", "куратор"), ("a curator", "a curator")),
    "founder": L(
        ("засновник компанії", "засновниця компанії"),
        ("основатель компании", "основательница компании"),
        ("the company's founder", "the company's founder"),
    ),
    "prosecutor": L(
        ("речник прокуратури", "речниця прокуратури"),
        ("представитель прокуратуры", "представитель прокуратуры"),
        ("spokesperson for the prosecutor's office", "spokesperson for the prosecutor's office"),
    ),
    "deminer": L(
        ("керівник групи розмінування", "керівниця групи розмінування"),
        ("руководитель группы разминирования", "руководитель группы разминирования"),
        ("head of a demining team", "head of a demining team"),
    ),
    "hq_spokes": L(
        ("речник координаційного штабу", "речниця координаційного штабу"),
        ("представитель координационного штаба", "представитель координационного штаба"),
        ("spokesperson for the coordination headquarters", "spokesperson for the coordination headquarters"),
    ),
    "rail_spokes": L(
        ("речник залізниці", "речниця залізниці"),
        ("представитель железной дороги", "представитель железной дороги"),
        ("a railway spokesperson", "a railway spokesperson"),
    ),
    "port_director": L(
        ("директор портового оператора", "директорка портового оператора"),
        ("директор портового оператора", "директор портового оператора"),
        ("director of a port operator", "director of a port operator"),
    ),
    "veteran": L(
        ("ветеран, один із перших відвідувачів центру", "ветеранка, одна з перших відвідувачок центру"),
        ("ветеран, один из первых посетителей центра", "ветеран, одна из первых посетительниц центра"),
        (
            "a veteran and one of the centre's first visitors",
            "a veteran and one of the centre's first visitors",
        ),
    ),
    "writer": L(("письменник", "письменниця"), ("писатель", "писательница"), ("a novelist", "a novelist")),
    "cyber": L(
        ("фахівець команди реагування на кіберінциденти", "фахівчиня команди реагування на кіберінциденти"),
        (
            "специалист команды реагирования на киберинциденты",
            "специалист команды реагирования на киберинциденты",
        ),
        (
            "a specialist at the cyber incident response team",
            "a specialist at the cyber incident response team",
        ),
    ),
    "analyst": L(
        ("військовий аналітик", "військова аналітикиня"),
        ("военный аналитик", "военный аналитик"),
        ("a military analyst", "a military analyst"),
    ),
    "sociologist": L(
        ("соціолог групи «Пульс»", "соціологиня групи «Пульс»"),
        ("социолог группы «Пульс»", "социолог группы «Пульс»"),
        ("a sociologist at the Pulse polling group", "a sociologist at the Pulse polling group"),
    ),
    "scientist": L(
        ("науковий співробітник, керівник проєкту", "наукова співробітниця, керівниця проєкту"),
        ("научный сотрудник, руководитель проекта", "научный сотрудник, руководитель проекта"),
        ("a researcher who leads the project", "a researcher who leads the project"),
    ),
    "ombuds": L(
        ("представник уповноваженого з прав людини", "представниця уповноваженого з прав людини"),
        (
            "представитель уполномоченного по правам человека",
            "представитель уполномоченного по правам человека",
        ),
        (
            "a representative of the human rights commissioner",
            "a representative of the human rights commissioner",
        ),
    ),
    "eu_official": L(
        ("представник Європейської комісії", "представниця Європейської комісії"),
        ("представитель Европейской комиссии", "представитель Европейской комиссии"),
        ("a European Commission official", "a European Commission official"),
    ),
    "foreign_minister": L(
        (
            "заступник міністра закордонних справ {country_gen}",
            "заступниця міністра закордонних справ {country_gen}",
        ),
        (
            "заместитель министра иностранных дел {country_gen}",
            "заместитель министра иностранных дел {country_gen}",
        ),
        ("deputy foreign minister of {country}", "deputy foreign minister of {country}"),
    ),
}
FOREIGN_ROLES = {"eu_official", "foreign_minister"}

# --- Newsroom records -----------------------------------------------------------------------

# key: (names, role, bio, desks). Columnists write the opinion section.
AUTHORS = {
    "verbytska": (
        L("Ярина Вербицька", "Ярина Вербицкая", "Yaryna Verbytska"),
        L("Кореспондентка", "Корреспондент", "Correspondent"),
        L(
            "Пише про війну та евакуацію з прифронтових міст.",
            "Пишет о войне и эвакуации из прифронтовых городов.",
            "Covers the war and evacuations from frontline cities.",
        ),
        ("war", "regions"),
    ),
    "lishchuk": (
        L("Тарас Ліщук", "Тарас Лищук", "Taras Lishchuk"),
        L("Військовий кореспондент", "Военный корреспондент", "Defence correspondent"),
        L(
            "Висвітлює оборону, розмінування та безпеку.",
            "Освещает оборону, разминирование и безопасность.",
            "Reports on defence, demining and security.",
        ),
        ("war",),
    ),
    "hnatiuk": (
        L("Мирослава Гнатюк", "Мирослава Гнатюк", "Myroslava Hnatiuk"),
        L("Політична оглядачка", "Политический обозреватель", "Political correspondent"),
        L(
            "Стежить за парламентом і урядом.",
            "Следит за парламентом и правительством.",
            "Follows parliament and the government.",
        ),
        ("politics",),
    ),
    "melnychuk": (
        L("Остап Мельничук", "Остап Мельничук", "Ostap Melnychuk"),
        L("Економічний редактор", "Экономический редактор", "Economics editor"),
        L(
            "Пише про гроші, ціни та енергетику.",
            "Пишет о деньгах, ценах и энергетике.",
            "Writes about money, prices and energy.",
        ),
        ("economy",),
    ),
    "soroka": (
        L("Дарина Сорока", "Дарина Сорока", "Daryna Soroka"),
        L("Кореспондентка", "Корреспондент", "Correspondent"),
        L(
            "Пише про освіту, транспорт і громади.",
            "Пишет об образовании, транспорте и громадах.",
            "Covers education, transport and communities.",
        ),
        ("society", "regions"),
    ),
    "kravets": (
        L("Богдан Кравець", "Богдан Кравец", "Bohdan Kravets"),
        L("Міжнародний оглядач", "Международный обозреватель", "International affairs correspondent"),
        L(
            "Висвітлює дипломатію, санкції та допомогу партнерів.",
            "Освещает дипломатию, санкции и помощь партнеров.",
            "Covers diplomacy, sanctions and allied aid.",
        ),
        ("world", "politics"),
    ),
    "tkachuk": (
        L("Лілія Ткачук", "Лилия Ткачук", "Liliia Tkachuk"),
        L("Кореспондентка", "Корреспондент", "Correspondent"),
        L(
            "Пише про медицину та здоров'я.",
            "Пишет о медицине и здоровье.",
            "Writes about medicine and health.",
        ),
        ("health", "society"),
    ),
    "pylypenko": (
        L("Назар Пилипенко", "Назар Пилипенко", "Nazar Pylypenko"),
        L("Технологічний журналіст", "Технологический журналист", "Technology reporter"),
        L(
            "Пише про стартапи, кібербезпеку та цифрові сервіси.",
            "Пишет о стартапах, кибербезопасности и цифровых сервисах.",
            "Covers startups, cybersecurity and digital services.",
        ),
        ("tech", "economy"),
    ),
    "savchyshyn": (
        L("Ірина Савчишин", "Ирина Савчишин", "Iryna Savchyshyn"),
        L("Культурна оглядачка", "Культурный обозреватель", "Culture writer"),
        L(
            "Пише про кіно, книжки та музеї.",
            "Пишет о кино, книгах и музеях.",
            "Writes about film, books and museums.",
        ),
        ("culture",),
    ),
    "zadorozhnyi": (
        L("Артем Задорожний", "Артем Задорожный", "Artem Zadorozhnyi"),
        L("Спортивний оглядач", "Спортивный обозреватель", "Sports writer"),
        L(
            "Висвітлює футбол і легку атлетику.",
            "Освещает футбол и легкую атлетику.",
            "Covers football and athletics.",
        ),
        ("sport",),
    ),
    "haiova": (
        L("Соломія Гайова", "Соломия Гаевая", "Solomiia Haiova"),
        L("Кореспондентка в регіонах", "Корреспондент в регионах", "Regional correspondent"),
        L(
            "Їздить містами й селами та пише про людей.",
            "Ездит по городам и селам и пишет о людях.",
            "Travels the country writing about people.",
        ),
        ("regions", "society", "economy"),
    ),
    "brovarchuk": (
        L("Денис Броварчук", "Денис Броварчук", "Denys Brovarchuk"),
        L("Випусковий редактор", "Выпускающий редактор", "News editor"),
        L(
            "Веде стрічку новин і живі трансляції.",
            "Ведет ленту новостей и онлайн-трансляции.",
            "Runs the news feed and live coverage.",
        ),
        ("war", "politics", "society", "world"),
    ),
    "orel": (
        L("Христина Орел", "Кристина Орел", "Khrystyna Orel"),
        L("Оглядачка", "Обозреватель", "Columnist"),
        L(
            "Пише колонки про суспільство і владу.",
            "Пишет колонки об обществе и власти.",
            "Writes columns on society and power.",
        ),
        ("opinion",),
    ),
    "humeniuk": (
        L("Павло Гуменюк", "Павел Гуменюк", "Pavlo Humeniuk"),
        L("Оглядач", "Обозреватель", "Columnist"),
        L(
            "Пише колонки про економіку та реформи.",
            "Пишет колонки об экономике и реформах.",
            "Writes columns on the economy and reform.",
        ),
        ("opinion",),
    ),
}
COLUMNISTS = ["orel", "humeniuk"]

# Kinds of source, so a story can pick a plausible one.
UA_MEDIA, REGIONAL, HOSTILE, FOREIGN, OFFICIAL = "ua", "regional", "hostile", "foreign", "official"
BUSINESS, ENERGY, SECURITY, POLL = "business", "energy", "security", "poll"

# key: (name, qualifier, kind); the link is https://{key}.example/ (a reserved, never-resolving domain).
SOURCES = {
    "vistovyi": (
        L("Вістовий", "Вестовой", "Vistovyi"),
        L("інформаційне агентство", "информационное агентство", "news agency"),
        UA_MEDIA,
    ),
    "tyzhden-plus": (
        L("Тиждень+", "Неделя+", "Tyzhden+"),
        L("суспільно-політичний тижневик", "общественно-политический еженедельник", "current affairs weekly"),
        UA_MEDIA,
    ),
    "obrii": (
        L("Обрій", "Обрий", "Obrii"),
        L("аналітичний центр", "аналитический центр", "think tank"),
        BUSINESS,
    ),
    "ekonomichnyi-puls": (
        L("Економічний пульс", "Экономический пульс", "Ekonomichnyi Puls"),
        L("діловий тижневик", "деловой еженедельник", "business weekly"),
        BUSINESS,
    ),
    "enerhomonitor": (
        L("Енергомонітор", "Энергомонитор", "Enerhomonitor"),
        L("галузеве видання", "отраслевое издание", "industry newsletter"),
        ENERGY,
    ),
    "oboronnyi-visnyk": (
        L("Оборонний вісник", "Оборонный вестник", "Oboronnyi Visnyk"),
        L("видання про безпеку", "издание о безопасности", "security publication"),
        SECURITY,
    ),
    "slobozhanskyi-tyzhden": (
        L("Слобожанський тиждень", "Слобожанская неделя", "Slobozhanskyi Tyzhden"),
        L("харківське видання", "харьковское издание", "Kharkiv news outlet"),
        REGIONAL,
    ),
    "prychornomorski-novyny": (
        L("Причорноморські новини", "Причерноморские новости", "Prychornomorski Novyny"),
        L("одеський сайт", "одесский сайт", "Odesa news site"),
        REGIONAL,
    ),
    "karpatskyi-ohliad": (
        L("Карпатський огляд", "Карпатское обозрение", "Karpatskyi Ohliad"),
        L("львівське видання", "львовское издание", "Lviv-based outlet"),
        REGIONAL,
    ),
    "dniprovyi-kurier": (
        L("Дніпровий кур'єр", "Днепровский курьер", "Dniprovyi Kurier"),
        L("регіональна газета", "региональная газета", "regional newspaper"),
        REGIONAL,
    ),
    "podilski-visti": (
        L("Подільські вісті", "Подольские вести", "Podilski Visti"),
        L("регіональний сайт", "региональный сайт", "regional news site"),
        REGIONAL,
    ),
    "pulse-group": (
        L("Пульс", "Пульс", "Pulse"),
        L("соціологічна група", "социологическая группа", "polling group"),
        POLL,
    ),
    "derzhvisnyk": (
        L("Державний вісник", "Государственный вестник", "Derzhavnyi Visnyk"),
        L("офіційний бюлетень", "официальный бюллетень", "official gazette"),
        OFFICIAL,
    ),
    "kolokol-inform": (
        L("Колокол-Інформ", "Колокол-Информ", "Kolokol-Inform"),
        L(
            "прокремлівське російське агентство",
            "прокремлевское российское агентство",
            "Kremlin-aligned Russian news agency",
        ),
        HOSTILE,
    ),
    "derzhava-24": (
        L("Держава-24", "Держава-24", "Derzhava-24"),
        L(
            "російський державний телеканал",
            "российский государственный телеканал",
            "Russian state TV channel",
        ),
        HOSTILE,
    ),
    "vostochnyi-kurier": (
        L("Восточный курьер", "Восточный курьер", "Vostochny Kuryer"),
        L(
            "російське пропагандистське видання",
            "российское пропагандистское издание",
            "Russian propaganda outlet",
        ),
        HOSTILE,
    ),
    "minskyi-vestnik": (
        L("Мінський вісник", "Минский вестник", "Minsky Vestnik"),
        L(
            "білоруське державне агентство",
            "белорусское государственное агентство",
            "Belarusian state news agency",
        ),
        HOSTILE,
    ),
    "gazeta-wislana": (
        L("Gazeta Wiślana", "Gazeta Wiślana", "Gazeta Wiślana"),
        L("польська газета", "польская газета", "Polish daily"),
        FOREIGN,
    ),
    "rhein-post-digital": (
        L("Rhein-Post Digital", "Rhein-Post Digital", "Rhein-Post Digital"),
        L("німецьке видання", "немецкое издание", "German news site"),
        FOREIGN,
    ),
    "baltic-ledger": (
        L("Baltic Ledger", "Baltic Ledger", "Baltic Ledger"),
        L("литовське видання", "литовское издание", "Lithuanian news site"),
        FOREIGN,
    ),
    "atlantic-dispatch": (
        L("Atlantic Dispatch", "Atlantic Dispatch", "Atlantic Dispatch"),
        L("американське агентство", "американское агентство", "US news agency"),
        FOREIGN,
    ),
    "euro-policy-brief": (
        L("Euro Policy Brief", "Euro Policy Brief", "Euro Policy Brief"),
        L("брюссельське видання", "брюссельское издание", "Brussels-based outlet"),
        FOREIGN,
    ),
    "chisinau-observer": (
        L("Chișinău Observer", "Chișinău Observer", "Chișinău Observer"),
        L("молдовський сайт", "молдавский сайт", "Moldovan news site"),
        FOREIGN,
    ),
    "frontline-studies": (
        L(
            "Інститут прифронтових досліджень",
            "Институт прифронтовых исследований",
            "Institute for Frontline Studies",
        ),
        L("американський аналітичний центр", "американский аналитический центр", "US think tank"),
        SECURITY,
    ),
    "bosphorus-wire": (
        L("Bosphorus Wire", "Bosphorus Wire", "Bosphorus Wire"),
        L("турецьке агентство", "турецкое агентство", "Turkish news agency"),
        FOREIGN,
    ),
}

# The cities each regional outlet covers.
SOURCE_AREAS = {
    "slobozhanskyi-tyzhden": ("kharkiv", "sumy", "poltava"),
    "prychornomorski-novyny": ("odesa", "mykolaiv", "kherson", "izmail"),
    "karpatskyi-ohliad": ("lviv", "ivano-frankivsk", "uzhhorod", "ternopil", "lutsk", "chernivtsi", "rivne"),
    "dniprovyi-kurier": ("dnipro", "zaporizhzhia", "kryvyi-rih", "kramatorsk", "kropyvnytskyi"),
    "podilski-visti": (
        "vinnytsia",
        "khmelnytskyi",
        "zhytomyr",
        "cherkasy",
        "kyiv",
        "bila-tserkva",
        "chernihiv",
    ),
}

SOURCE_NOTES = [
    L("", "", ""),
    L("", "", ""),
    L("", "", ""),
    L("у Telegram", "в Telegram", "on Telegram"),
    L("на своєму сайті", "на своем сайте", "on its website"),
    L("у заяві для преси", "в заявлении для прессы", "in a press statement"),
]

# Photographers credited on the generated pictures (fictional).
PHOTOGRAPHERS = [
    L("Остап Дорош / Vistka", "Остап Дорош / Vistka", "Ostap Dorosh / Vistka"),
    L("Марта Юрчишин / Vistka", "Марта Юрчишин / Vistka", "Marta Yurchyshyn / Vistka"),
    L("Ілля Коваль / Vistka", "Илья Коваль / Vistka", "Illia Koval / Vistka"),
    L("Архів Vistka", "Архив Vistka", "Vistka archive"),
]
