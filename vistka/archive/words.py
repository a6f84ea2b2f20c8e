# ruff: noqa: E501 - phrase banks hold long natural-language strings
"""Small parallel phrase banks for the archive generator: every entry exists in Ukrainian,
Russian and English, so a story and its translations carry the same (entirely fictional) facts.

Templates use ``{slot}`` placeholders; every slot sits between spaces or punctuation, never
inside a word, so the lemmas of a rendered sentence are the lemmas of its parts (the generator
relies on that to lemmatise without re-scanning every text). Counted nouns only follow counts
from ``many`` (genitive plural in uk/ru), which keeps one noun form grammatical.
"""

LANGS = ("uk", "ru", "en")

# --- Places, subjects, actors ---------------------------------------------------------------

# slug: (uk nominative, uk locative, uk genitive), (ru ...), English
CITIES = {
    "kyiv": (("Київ", "Києві", "Києва"), ("Киев", "Киеве", "Киева"), "Kyiv"),
    "kharkiv": (("Харків", "Харкові", "Харкова"), ("Харьков", "Харькове", "Харькова"), "Kharkiv"),
    "odesa": (("Одеса", "Одесі", "Одеси"), ("Одесса", "Одессе", "Одессы"), "Odesa"),
    "dnipro": (("Дніпро", "Дніпрі", "Дніпра"), ("Днепр", "Днепре", "Днепра"), "Dnipro"),
    "lviv": (("Львів", "Львові", "Львова"), ("Львов", "Львове", "Львова"), "Lviv"),
    "zaporizhzhia": (
        ("Запоріжжя", "Запоріжжі", "Запоріжжя"),
        ("Запорожье", "Запорожье", "Запорожья"),
        "Zaporizhzhia",
    ),
    "vinnytsia": (("Вінниця", "Вінниці", "Вінниці"), ("Винница", "Виннице", "Винницы"), "Vinnytsia"),
    "poltava": (("Полтава", "Полтаві", "Полтави"), ("Полтава", "Полтаве", "Полтавы"), "Poltava"),
    "chernihiv": (
        ("Чернігів", "Чернігові", "Чернігова"),
        ("Чернигов", "Чернигове", "Чернигова"),
        "Chernihiv",
    ),
    "sumy": (("Суми", "Сумах", "Сум"), ("Сумы", "Сумах", "Сум"), "Sumy"),
    "zhytomyr": (("Житомир", "Житомирі", "Житомира"), ("Житомир", "Житомире", "Житомира"), "Zhytomyr"),
    "cherkasy": (("Черкаси", "Черкасах", "Черкас"), ("Черкассы", "Черкассах", "Черкасс"), "Cherkasy"),
    "mykolaiv": (("Миколаїв", "Миколаєві", "Миколаєва"), ("Николаев", "Николаеве", "Николаева"), "Mykolaiv"),
    "kherson": (("Херсон", "Херсоні", "Херсона"), ("Херсон", "Херсоне", "Херсона"), "Kherson"),
    "rivne": (("Рівне", "Рівному", "Рівного"), ("Ровно", "Ровно", "Ровно"), "Rivne"),
    "lutsk": (("Луцьк", "Луцьку", "Луцька"), ("Луцк", "Луцке", "Луцка"), "Lutsk"),
    "ternopil": (
        ("Тернопіль", "Тернополі", "Тернополя"),
        ("Тернополь", "Тернополе", "Тернополя"),
        "Ternopil",
    ),
    "uzhhorod": (("Ужгород", "Ужгороді", "Ужгорода"), ("Ужгород", "Ужгороде", "Ужгорода"), "Uzhhorod"),
    "chernivtsi": (
        ("Чернівці", "Чернівцях", "Чернівців"),
        ("Черновцы", "Черновцах", "Черновцов"),
        "Chernivtsi",
    ),
    "ivano-frankivsk": (
        ("Івано-Франківськ", "Івано-Франківську", "Івано-Франківська"),
        ("Ивано-Франковск", "Ивано-Франковске", "Ивано-Франковска"),
        "Ivano-Frankivsk",
    ),
    "kropyvnytskyi": (
        ("Кропивницький", "Кропивницькому", "Кропивницького"),
        ("Кропивницкий", "Кропивницком", "Кропивницкого"),
        "Kropyvnytskyi",
    ),
    "khmelnytskyi": (
        ("Хмельницький", "Хмельницькому", "Хмельницького"),
        ("Хмельницкий", "Хмельницком", "Хмельницкого"),
        "Khmelnytskyi",
    ),
    "kryvyi-rih": (
        ("Кривий Ріг", "Кривому Розі", "Кривого Рогу"),
        ("Кривой Рог", "Кривом Роге", "Кривого Рога"),
        "Kryvyi Rih",
    ),
    "bila-tserkva": (
        ("Біла Церква", "Білій Церкві", "Білої Церкви"),
        ("Белая Церковь", "Белой Церкви", "Белой Церкви"),
        "Bila Tserkva",
    ),
}

# slug: section, (uk nom, acc, gen), (ru nom, acc, gen), English
TOPICS = {
    "road-repairs": (
        "regions",
        ("ремонт доріг", "ремонт доріг", "ремонту доріг"),
        ("ремонт дорог", "ремонт дорог", "ремонта дорог"),
        "road repairs",
    ),
    "city-budget": (
        "economy",
        ("міський бюджет", "міський бюджет", "міського бюджету"),
        ("городской бюджет", "городской бюджет", "городского бюджета"),
        "the city budget",
    ),
    "education-reform": (
        "education",
        ("реформа освіти", "реформу освіти", "реформи освіти"),
        ("реформа образования", "реформу образования", "реформы образования"),
        "the education reform",
    ),
    "heating-season": (
        "society",
        ("опалювальний сезон", "опалювальний сезон", "опалювального сезону"),
        ("отопительный сезон", "отопительный сезон", "отопительного сезона"),
        "the heating season",
    ),
    "water-tariffs": (
        "economy",
        ("тарифи на воду", "тарифи на воду", "тарифів на воду"),
        ("тарифы на воду", "тарифы на воду", "тарифов на воду"),
        "water tariffs",
    ),
    "public-transport": (
        "society",
        ("громадський транспорт", "громадський транспорт", "громадського транспорту"),
        ("общественный транспорт", "общественный транспорт", "общественного транспорта"),
        "public transport",
    ),
    "shelters": (
        "security",
        ("будівництво укриттів", "будівництво укриттів", "будівництва укриттів"),
        ("строительство укрытий", "строительство укрытий", "строительства укрытий"),
        "shelter construction",
    ),
    "recovery-programme": (
        "economy",
        ("програма відновлення", "програму відновлення", "програми відновлення"),
        ("программа восстановления", "программу восстановления", "программы восстановления"),
        "the recovery programme",
    ),
    "electricity-supply": (
        "economy",
        ("постачання електроенергії", "постачання електроенергії", "постачання електроенергії"),
        ("поставки электроэнергии", "поставки электроэнергии", "поставок электроэнергии"),
        "electricity supply",
    ),
    "fuel-prices": (
        "economy",
        ("ціни на пальне", "ціни на пальне", "цін на пальне"),
        ("цены на топливо", "цены на топливо", "цен на топливо"),
        "fuel prices",
    ),
    "farm-support": (
        "economy",
        ("підтримка фермерів", "підтримку фермерів", "підтримки фермерів"),
        ("поддержка фермеров", "поддержку фермеров", "поддержки фермеров"),
        "support for farmers",
    ),
    "healthcare-reform": (
        "health",
        ("медична реформа", "медичну реформу", "медичної реформи"),
        ("медицинская реформа", "медицинскую реформу", "медицинской реформы"),
        "the healthcare reform",
    ),
    "admissions": (
        "education",
        ("вступна кампанія", "вступну кампанію", "вступної кампанії"),
        ("вступительная кампания", "вступительную кампанию", "вступительной кампании"),
        "university admissions",
    ),
    "demining": (
        "security",
        ("розмінування полів", "розмінування полів", "розмінування полів"),
        ("разминирование полей", "разминирование полей", "разминирования полей"),
        "the demining of fields",
    ),
    "grain-exports": (
        "economy",
        ("експорт зерна", "експорт зерна", "експорту зерна"),
        ("экспорт зерна", "экспорт зерна", "экспорта зерна"),
        "grain exports",
    ),
    "housing-programme": (
        "society",
        ("житлова програма", "житлову програму", "житлової програми"),
        ("жилищная программа", "жилищную программу", "жилищной программы"),
        "the housing programme",
    ),
    "tax-reform": (
        "politics",
        ("податкова реформа", "податкову реформу", "податкової реформи"),
        ("налоговая реформа", "налоговую реформу", "налоговой реформы"),
        "the tax reform",
    ),
    "bus-purchase": (
        "regions",
        ("закупівля автобусів", "закупівлю автобусів", "закупівлі автобусів"),
        ("закупка автобусов", "закупку автобусов", "закупки автобусов"),
        "the purchase of buses",
    ),
    "school-repairs": (
        "education",
        ("ремонт шкіл", "ремонт шкіл", "ремонту шкіл"),
        ("ремонт школ", "ремонт школ", "ремонта школ"),
        "school repairs",
    ),
    "water-supply": (
        "regions",
        ("водопостачання", "водопостачання", "водопостачання"),
        ("водоснабжение", "водоснабжение", "водоснабжения"),
        "the water supply",
    ),
    "bridge": (
        "regions",
        ("реконструкція мосту", "реконструкцію мосту", "реконструкції мосту"),
        ("реконструкция моста", "реконструкцию моста", "реконструкции моста"),
        "the bridge reconstruction",
    ),
    "pension-reform": (
        "politics",
        ("пенсійна реформа", "пенсійну реформу", "пенсійної реформи"),
        ("пенсионная реформа", "пенсионную реформу", "пенсионной реформы"),
        "the pension reform",
    ),
    "environment": (
        "environment",
        ("захист довкілля", "захист довкілля", "захисту довкілля"),
        ("защита природы", "защиту природы", "защиты природы"),
        "environmental protection",
    ),
    "digital-services": (
        "technology",
        ("цифрові послуги", "цифрові послуги", "цифрових послуг"),
        ("цифровые услуги", "цифровые услуги", "цифровых услуг"),
        "digital services",
    ),
    "winter-preparations": (
        "society",
        ("підготовка до зими", "підготовку до зими", "підготовки до зими"),
        ("подготовка к зиме", "подготовку к зиме", "подготовки к зиме"),
        "preparations for winter",
    ),
    "displaced-aid": (
        "society",
        ("допомога переселенцям", "допомогу переселенцям", "допомоги переселенцям"),
        ("помощь переселенцам", "помощь переселенцам", "помощи переселенцам"),
        "aid for displaced people",
    ),
    "energy-security": (
        "security",
        ("енергетична безпека", "енергетичну безпеку", "енергетичної безпеки"),
        ("энергетическая безопасность", "энергетическую безопасность", "энергетической безопасности"),
        "energy security",
    ),
    "labour-market": (
        "economy",
        ("ринок праці", "ринок праці", "ринку праці"),
        ("рынок труда", "рынок труда", "рынка труда"),
        "the labour market",
    ),
    "rail-connections": (
        "regions",
        ("залізничне сполучення", "залізничне сполучення", "залізничного сполучення"),
        ("железнодорожное сообщение", "железнодорожное сообщение", "железнодорожного сообщения"),
        "rail connections",
    ),
    "local-elections": (
        "politics",
        ("місцеві вибори", "місцеві вибори", "місцевих виборів"),
        ("местные выборы", "местные выборы", "местных выборов"),
        "the local elections",
    ),
    "culture-programme": (
        "culture",
        ("культурна програма", "культурну програму", "культурної програми"),
        ("культурная программа", "культурную программу", "культурной программы"),
        "the cultural programme",
    ),
    "sports-season": (
        "sport",
        ("спортивний сезон", "спортивний сезон", "спортивного сезону"),
        ("спортивный сезон", "спортивный сезон", "спортивного сезона"),
        "the sports season",
    ),
    "soil-research": (
        "technology",
        ("дослідження ґрунтів", "дослідження ґрунтів", "дослідження ґрунтів"),
        ("исследование почв", "исследование почв", "исследования почв"),
        "soil research",
    ),
    "cybersecurity": (
        "technology",
        ("кібербезпека", "кібербезпеку", "кібербезпеки"),
        ("кибербезопасность", "кибербезопасность", "кибербезопасности"),
        "cybersecurity",
    ),
    "tourist-season": (
        "culture",
        ("туристичний сезон", "туристичний сезон", "туристичного сезону"),
        ("туристический сезон", "туристический сезон", "туристического сезона"),
        "the tourist season",
    ),
    "parks": (
        "environment",
        ("оновлення парків", "оновлення парків", "оновлення парків"),
        ("обновление парков", "обновление парков", "обновления парков"),
        "the renovation of parks",
    ),
}

# slug: (uk nominative, genitive), (ru nominative, genitive), English
ORGS = {
    "city-council": (
        ("міська рада", "міської ради"),
        ("городской совет", "городского совета"),
        "the city council",
    ),
    "regional-administration": (
        ("обласна адміністрація", "обласної адміністрації"),
        ("областная администрация", "областной администрации"),
        "the regional administration",
    ),
    "education-ministry": (
        ("Міністерство освіти", "Міністерства освіти"),
        ("Министерство образования", "Министерства образования"),
        "the Ministry of Education",
    ),
    "health-ministry": (
        ("Міністерство охорони здоров’я", "Міністерства охорони здоров’я"),
        ("Министерство здравоохранения", "Министерства здравоохранения"),
        "the Ministry of Health",
    ),
    "finance-ministry": (
        ("Міністерство фінансів", "Міністерства фінансів"),
        ("Министерство финансов", "Министерства финансов"),
        "the Ministry of Finance",
    ),
    "cabinet": (
        ("Кабінет міністрів", "Кабінету міністрів"),
        ("Кабинет министров", "Кабинета министров"),
        "the Cabinet of Ministers",
    ),
    "verkhovna-rada": (
        ("Верховна Рада", "Верховної Ради"),
        ("Верховная Рада", "Верховной Рады"),
        "the Verkhovna Rada",
    ),
    "emergency-service": (
        ("служба порятунку", "служби порятунку"),
        ("служба спасения", "службы спасения"),
        "the emergency service",
    ),
    "national-bank": (
        ("Національний банк", "Національного банку"),
        ("Национальный банк", "Национального банка"),
        "the National Bank",
    ),
    "railway-company": (
        ("залізнична компанія", "залізничної компанії"),
        ("железнодорожная компания", "железнодорожной компании"),
        "the railway company",
    ),
    "energy-company": (
        ("енергетична компанія", "енергетичної компанії"),
        ("энергетическая компания", "энергетической компании"),
        "the energy company",
    ),
    "teachers-union": (
        ("профспілка вчителів", "профспілки вчителів"),
        ("профсоюз учителей", "профсоюза учителей"),
        "the teachers’ union",
    ),
    "farmers-association": (
        ("асоціація фермерів", "асоціації фермерів"),
        ("ассоциация фермеров", "ассоциации фермеров"),
        "the farmers’ association",
    ),
    "city-hospital": (
        ("міська лікарня", "міської лікарні"),
        ("городская больница", "городской больницы"),
        "the city hospital",
    ),
    "university": (("університет", "університету"), ("университет", "университета"), "the university"),
    "civic-group": (
        ("громадська організація", "громадської організації"),
        ("общественная организация", "общественной организации"),
        "a civic group",
    ),
    "prosecutors": (
        ("прокуратура", "прокуратури"),
        ("прокуратура", "прокуратуры"),
        "the prosecutor’s office",
    ),
    "police": (("поліція", "поліції"), ("полиция", "полиции"), "the police"),
    "general-staff": (
        ("Генеральний штаб", "Генерального штабу"),
        ("Генеральный штаб", "Генерального штаба"),
        "the General Staff",
    ),
    "antimonopoly": (
        ("Антимонопольний комітет", "Антимонопольного комітету"),
        ("Антимонопольный комитет", "Антимонопольного комитета"),
        "the Antimonopoly Committee",
    ),
}

# Impersonal past (uk/ru: "they discussed"); English headline present ("officials discuss").
ACTIONS = (
    ("обговорили", "обсудили", "discuss"),
    ("затвердили", "утвердили", "approve"),
    ("відклали", "отложили", "postpone"),
    ("презентували", "представили", "present"),
    ("перевірили", "проверили", "review"),
    ("профінансували", "профинансировали", "fund"),
    ("розкритикували", "раскритиковали", "criticise"),
    ("змінили", "изменили", "change"),
    ("запустили", "запустили", "launch"),
    ("продовжили", "продлили", "extend"),
)

# People quoted in stories (fictional name combinations). (uk, ru, en), gender.
FIRST_NAMES = (
    (("Андрій", "Андрей", "Andrii"), "m"),
    (("Олег", "Олег", "Oleh"), "m"),
    (("Дмитро", "Дмитрий", "Dmytro"), "m"),
    (("Сергій", "Сергей", "Serhii"), "m"),
    (("Тарас", "Тарас", "Taras"), "m"),
    (("Богдан", "Богдан", "Bohdan"), "m"),
    (("Юрій", "Юрий", "Yurii"), "m"),
    (("Максим", "Максим", "Maksym"), "m"),
    (("Ігор", "Игорь", "Ihor"), "m"),
    (("Василь", "Василий", "Vasyl"), "m"),
    (("Роман", "Роман", "Roman"), "m"),
    (("Віктор", "Виктор", "Viktor"), "m"),
    (("Олена", "Елена", "Olena"), "f"),
    (("Ірина", "Ирина", "Iryna"), "f"),
    (("Наталія", "Наталья", "Nataliia"), "f"),
    (("Оксана", "Оксана", "Oksana"), "f"),
    (("Тетяна", "Татьяна", "Tetiana"), "f"),
    (("Юлія", "Юлия", "Yuliia"), "f"),
    (("Марія", "Мария", "Mariia"), "f"),
    (("Катерина", "Екатерина", "Kateryna"), "f"),
    (("Світлана", "Светлана", "Svitlana"), "f"),
    (("Галина", "Галина", "Halyna"), "f"),
    (("Людмила", "Людмила", "Liudmyla"), "f"),
    (("Анна", "Анна", "Anna"), "f"),
)
# Surnames that do not change with gender in the nominative.
SURNAMES = (
    ("Коваленко", "Коваленко", "Kovalenko"),
    ("Бондаренко", "Бондаренко", "Bondarenko"),
    ("Ткаченко", "Ткаченко", "Tkachenko"),
    ("Кравченко", "Кравченко", "Kravchenko"),
    ("Олійник", "Олейник", "Oliinyk"),
    ("Шевчук", "Шевчук", "Shevchuk"),
    ("Поліщук", "Полищук", "Polishchuk"),
    ("Лисенко", "Лысенко", "Lysenko"),
    ("Марченко", "Марченко", "Marchenko"),
    ("Мельничук", "Мельничук", "Melnychuk"),
    ("Савчук", "Савчук", "Savchuk"),
    ("Руденко", "Руденко", "Rudenko"),
    ("Петренко", "Петренко", "Petrenko"),
    ("Гончаренко", "Гончаренко", "Honcharenko"),
    ("Остапчук", "Остапчук", "Ostapchuk"),
    ("Дорошенко", "Дорошенко", "Doroshenko"),
    ("Мирошниченко", "Мирошниченко", "Myroshnychenko"),
    ("Романюк", "Романюк", "Romaniuk"),
    ("Семенюк", "Семенюк", "Semeniuk"),
    ("Захарченко", "Захарченко", "Zakharchenko"),
    ("Гнатюк", "Гнатюк", "Hnatiuk"),
    ("Кушнір", "Кушнир", "Kushnir"),
    ("Литвиненко", "Литвиненко", "Lytvynenko"),
    ("Білик", "Билык", "Bilyk"),
)
ROLES = (
    ("заступник міністра", "заместитель министра", "deputy minister"),
    ("голова громади", "глава громады", "head of the local community"),
    ("речник відомства", "представитель ведомства", "spokesperson for the agency"),
    ("директор лікарні", "директор больницы", "hospital director"),
    ("економіст", "экономист", "economist"),
    ("депутат міської ради", "депутат городского совета", "city councillor"),
    ("аналітик", "аналитик", "analyst"),
    ("директор школи", "директор школы", "school principal"),
    ("експерт з енергетики", "эксперт по энергетике", "energy expert"),
    ("керівник проєкту", "руководитель проекта", "project manager"),
)
SAID = {"m": ("сказав", "сказал", "said"), "f": ("сказала", "сказала", "said")}
NOTED = {"m": ("зазначив", "отметил", "noted"), "f": ("зазначила", "отметила", "noted")}

JOURNALIST_ROLES = (
    ("кореспондент", "корреспондент", "correspondent"),
    ("редактор", "редактор", "editor"),
    ("оглядач", "обозреватель", "columnist"),
    ("репортер", "репортер", "reporter"),
)

# Fictional outlets cited in the source line: adjective x noun.
SOURCE_ADJECTIVES = (
    ("Вечірній", "Вечерний", "Evening"),
    ("Ранковий", "Утренний", "Morning"),
    ("Столичний", "Столичный", "Capital"),
    ("Регіональний", "Региональный", "Regional"),
    ("Народний", "Народный", "People’s"),
    ("Східний", "Восточный", "Eastern"),
    ("Західний", "Западный", "Western"),
    ("Південний", "Южный", "Southern"),
)
SOURCE_NOUNS = (
    ("вісник", "вестник", "Herald"),
    ("кур’єр", "курьер", "Courier"),
    ("оглядач", "обозреватель", "Observer"),
    ("телеграф", "телеграф", "Telegraph"),
    ("репортер", "репортер", "Reporter"),
)
SOURCE_QUALIFIERS = (
    ("інформагенція", "информагентство", "news agency"),
    ("газета", "газета", "newspaper"),
    ("телеканал", "телеканал", "TV channel"),
    ("онлайн-видання", "онлайн-издание", "online outlet"),
)
SOURCE_NOTES = (
    ("", "", ""),
    ("", "", ""),
    ("", "", ""),
    ("", "", ""),
    ("у Telegram", "в Telegram", "on Telegram"),
    ("на сайті", "на сайте", "on its website"),
    ("у Facebook", "в Facebook", "on Facebook"),
)

# slug, section, (uk, ru, en)
SECTIONS = (
    ("politics", 10, ("Політика", "Политика", "Politics")),
    ("economy", 20, ("Економіка", "Экономика", "Economy")),
    ("security", 30, ("Безпека", "Безопасность", "Security")),
    ("society", 40, ("Суспільство", "Общество", "Society")),
    ("regions", 50, ("Регіони", "Регионы", "Regions")),
    ("world", 60, ("Світ", "Мир", "World")),
    ("education", 70, ("Освіта", "Образование", "Education")),
    ("health", 80, ("Здоров’я", "Здоровье", "Health")),
    ("culture", 90, ("Культура", "Культура", "Culture")),
    ("sport", 100, ("Спорт", "Спорт", "Sport")),
    ("technology", 110, ("Технології", "Технологии", "Technology")),
    ("environment", 120, ("Довкілля", "Экология", "Environment")),
)

# Subject tags (besides topics, cities, organisations and people).
THEMES = (
    ("education", ("освіта", "образование", "education")),
    ("healthcare", ("медицина", "медицина", "healthcare")),
    ("transport", ("транспорт", "транспорт", "transport")),
    ("energy", ("енергетика", "энергетика", "energy")),
    ("ecology", ("екологія", "экология", "ecology")),
    ("sport", ("спорт", "спорт", "sport")),
    ("culture", ("культура", "культура", "culture")),
    ("science", ("наука", "наука", "science")),
    ("technology", ("технології", "технологии", "technology")),
    ("agriculture", ("сільське господарство", "сельское хозяйство", "agriculture")),
    ("construction", ("будівництво", "строительство", "construction")),
    ("utilities", ("комунальні послуги", "коммунальные услуги", "utilities")),
    ("budget", ("бюджет", "бюджет", "budget")),
    ("taxes", ("податки", "налоги", "taxes")),
    ("pensions", ("пенсії", "пенсии", "pensions")),
    ("prices", ("ціни", "цены", "prices")),
    ("inflation", ("інфляція", "инфляция", "inflation")),
    ("safety", ("безпека", "безопасность", "safety")),
    ("defence", ("оборона", "оборона", "defence")),
    ("volunteers", ("волонтери", "волонтеры", "volunteers")),
    ("displaced-people", ("переселенці", "переселенцы", "displaced people")),
    ("children", ("діти", "дети", "children")),
    ("youth", ("молодь", "молодежь", "youth")),
    ("veterans", ("ветерани", "ветераны", "veterans")),
    ("tourism", ("туризм", "туризм", "tourism")),
    ("museums", ("музеї", "музеи", "museums")),
    ("theatre", ("театр", "театр", "theatre")),
    ("cinema", ("кіно", "кино", "cinema")),
    ("music", ("музика", "музыка", "music")),
    ("literature", ("література", "литература", "literature")),
    ("football", ("футбол", "футбол", "football")),
    ("weather", ("погода", "погода", "weather")),
    ("climate", ("клімат", "климат", "climate")),
    ("water", ("вода", "вода", "water")),
    ("forests", ("ліси", "леса", "forests")),
    ("animals", ("тварини", "животные", "animals")),
    ("roads", ("дороги", "дороги", "roads")),
    ("railways", ("залізниця", "железная дорога", "railways")),
    ("aviation", ("авіація", "авиация", "aviation")),
    ("media", ("медіа", "медиа", "media")),
    ("courts", ("суди", "суды", "courts")),
    ("corruption", ("корупція", "коррупция", "corruption")),
    ("elections", ("вибори", "выборы", "elections")),
    ("parliament", ("парламент", "парламент", "parliament")),
    ("government", ("уряд", "правительство", "government")),
    ("local-government", ("місцева влада", "местная власть", "local government")),
    ("business", ("бізнес", "бизнес", "business")),
    ("banks", ("банки", "банки", "banks")),
    ("labour", ("праця", "труд", "labour")),
    ("internet", ("інтернет", "интернет", "internet")),
    ("markets", ("ринки", "рынки", "markets")),
    ("real-estate", ("нерухомість", "недвижимость", "real estate")),
    ("grain", ("зерно", "зерно", "grain")),
    ("trade", ("торгівля", "торговля", "trade")),
    ("exports", ("експорт", "экспорт", "exports")),
    ("investment", ("інвестиції", "инвестиции", "investment")),
    ("energy-efficiency", ("енергоефективність", "энергоэффективность", "energy efficiency")),
    ("reconstruction", ("відбудова", "восстановление", "reconstruction")),
    ("humanitarian-aid", ("гуманітарна допомога", "гуманитарная помощь", "humanitarian aid")),
    ("human-rights", ("права людини", "права человека", "human rights")),
    ("history", ("історія", "история", "history")),
    ("architecture", ("архітектура", "архитектура", "architecture")),
)

WEEKDAYS = (
    ("понеділок", "понедельник", "Monday"),
    ("вівторок", "вторник", "Tuesday"),
    ("середу", "среду", "Wednesday"),
    ("четвер", "четверг", "Thursday"),
    ("п’ятницю", "пятницу", "Friday"),
)

# --- Templates: (uk, ru, en) -------------------------------------------------------------------
# Slots: city, city_loc, city_gen, city2_loc, city2 (en), topic, topic_acc, topic_gen, Topic
# (capitalised nominative), org, org_gen, Org (capitalised English), action, person, role, said,
# noted, m, m2, n (a count for genitive plural), p (percent), year, weekday, quote.

TITLES = (
    (
        "У {city_loc} {action} {topic_acc}",
        "В {city_loc} {action} {topic_acc}",
        "{city} officials {action} {topic}",
    ),
    (
        "{Topic} у {city_loc}: що відомо",
        "{Topic} в {city_loc}: что известно",
        "{Topic} in {city}: what we know",
    ),
    (
        "У {city_loc} через {topic_acc} змінили розклад автобусів",
        "В {city_loc} из-за {topic_gen} изменили расписание автобусов",
        "Bus timetable changes in {city} over {topic}",
    ),
    (
        "Представники {org_gen} назвали вартість {topic_gen}",
        "Представители {org_gen} назвали стоимость {topic_gen}",
        "{Org} puts a price on {topic}",
    ),
    (
        "{n} мешканців {city_gen} підписали петицію щодо {topic_gen}",
        "{n} жителей {city_gen} подписали петицию по поводу {topic_gen}",
        "{n} residents of {city} sign a petition on {topic}",
    ),
    (
        "Експерти оцінили {topic_acc} у {city_loc}",
        "Эксперты оценили {topic_acc} в {city_loc}",
        "Experts assess {topic} in {city}",
    ),
    (
        "{city} готується до змін: {topic}",
        "{city} готовится к переменам: {topic}",
        "{city} prepares for change: {topic}",
    ),
    (
        "Що зміниться для мешканців {city_gen} через {topic_acc}",
        "Что изменится для жителей {city_gen} из-за {topic_gen}",
        "What {topic} means for people in {city}",
    ),
    (
        "Депутати {city_gen} {action} {topic_acc}",
        "Депутаты {city_gen} {action} {topic_acc}",
        "{city} councillors {action} {topic}",
    ),
    (
        "{person}: {topic} — головне питання року",
        "{person}: {topic} — главный вопрос года",
        "{person}: {topic} is the main issue of the year",
    ),
)

LEADS = (
    (
        "Представники {org_gen} повідомили, що вартість {topic_gen} у {city_loc} сягне {m} млн гривень.",
        "Представители {org_gen} сообщили, что стоимость {topic_gen} в {city_loc} достигнет {m} млн гривен.",
        "{Org} said the cost of {topic} in {city} would reach UAH {m} million.",
    ),
    (
        "Рішення щодо {topic_gen} ухвалили після тривалих обговорень, повідомили представники {org_gen}.",
        "Решение по поводу {topic_gen} приняли после долгих обсуждений, сообщили представители {org_gen}.",
        "The decision on {topic} came after long discussions, {org} said.",
    ),
    (
        "За даними {org_gen}, питання {topic_gen} стосується щонайменше {n} тисяч мешканців {city_gen}.",
        "По данным {org_gen}, вопрос {topic_gen} касается как минимум {n} тысяч жителей {city_gen}.",
        "According to {org}, {topic} affects at least {n} thousand residents of {city}.",
    ),
    (
        "{person}, {role}, {said}, що питання {topic_gen} залишається пріоритетом для {city_gen}.",
        "{person}, {role}, {said}, что вопрос {topic_gen} остается приоритетом для {city_gen}.",
        "{person}, {role}, {said} that {topic} remains a priority for {city}.",
    ),
    (
        "У {city_loc} {action} {topic_acc}, зміни запрацюють протягом {n} днів.",
        "В {city_loc} {action} {topic_acc}, изменения заработают в течение {n} дней.",
        "Officials in {city} {action} {topic}; the changes take effect within {n} days.",
    ),
)

DETAILS = (
    (
        "За попередніми оцінками, на це знадобиться {m} млн гривень.",
        "По предварительным оценкам, на это понадобится {m} млн гривен.",
        "Preliminary estimates put the cost at UAH {m} million.",
    ),
    (
        "Роботи планують завершити до кінця року.",
        "Работы планируют завершить до конца года.",
        "The work is expected to be finished by the end of the year.",
    ),
    (
        "У пресслужбі {org_gen} зазначили, що остаточне рішення ухвалять після консультацій з мешканцями.",
        "В пресс-службе {org_gen} отметили, что окончательное решение примут после консультаций с жителями.",
        "The press office of {org} said a final decision would follow consultations with residents.",
    ),
    (
        "Протягом останнього місяця на адресу {org_gen} надійшло {n} звернень від мешканців.",
        "За последний месяц в адрес {org_gen} поступило {n} обращений от жителей.",
        "{Org} received {n} complaints from residents over the past month.",
    ),
    (
        "Подібні зміни вже запровадили в інших містах, зокрема у {city2_loc}.",
        "Подобные изменения уже ввели в других городах, в частности в {city2_loc}.",
        "Similar changes have already been introduced in other cities, including {city2}.",
    ),
    (
        "Мешканців просять стежити за офіційними повідомленнями.",
        "Жителей просят следить за официальными сообщениями.",
        "Residents are asked to follow official announcements.",
    ),
    (
        "Частину коштів виділять з міського бюджету, решту — з державного.",
        "Часть средств выделят из городского бюджета, остальное — из государственного.",
        "Part of the money will come from the city budget and the rest from the state.",
    ),
    (
        "Наступне засідання з цього питання призначили на {weekday}.",
        "Следующее заседание по этому вопросу назначили на {weekday}.",
        "The next meeting on the issue is scheduled for {weekday}.",
    ),
    (
        "Опитування показало, що {p} % мешканців підтримують ці зміни.",
        "Опрос показал, что {p} % жителей поддерживают эти изменения.",
        "A survey showed that {p} % of residents support the changes.",
    ),
    (
        "Громадські активісти закликали оприлюднити всі документи щодо {topic_gen}.",
        "Общественные активисты призвали обнародовать все документы по поводу {topic_gen}.",
        "Civic activists called for all documents on {topic} to be made public.",
    ),
    (
        "Експерти вважають, що ефект від змін буде помітний уже наступного року.",
        "Эксперты считают, что эффект от изменений будет заметен уже в следующем году.",
        "Experts believe the effect of the changes will be visible as early as next year.",
    ),
    (
        "{person}, {role}, {said}, що фінансування вже погоджене.",
        "{person}, {role}, {said}, что финансирование уже согласовано.",
        "{person}, {role}, {said} that the funding had already been agreed.",
    ),
    (
        "Минулого року на {topic_acc} витратили {m2} млн гривень.",
        "В прошлом году на {topic_acc} потратили {m2} млн гривен.",
        "Last year UAH {m2} million was spent on {topic}.",
    ),
    (
        "Звіт про виконання планують оприлюднити на сайті {org_gen}.",
        "Отчет о выполнении планируют опубликовать на сайте {org_gen}.",
        "A progress report is to be published on the website of {org}.",
    ),
)

BACKGROUND = (
    (
        "Питання {topic_gen} обговорюють у {city_loc} з {year} року.",
        "Вопрос {topic_gen} обсуждают в {city_loc} с {year} года.",
        "{Topic} has been under discussion in {city} since {year}.",
    ),
    (
        "Раніше мешканці {city_gen} неодноразово скаржилися на {topic_acc}.",
        "Ранее жители {city_gen} неоднократно жаловались на {topic_acc}.",
        "Residents of {city} have repeatedly complained about {topic} in the past.",
    ),
    (
        "Попередній план щодо {topic_gen} так і не виконали.",
        "Предыдущий план по поводу {topic_gen} так и не выполнили.",
        "A previous plan on {topic} was never carried out.",
    ),
    (
        "Нагадаємо, у {year} році на це виділили {m2} млн гривень.",
        "Напомним, в {year} году на это выделили {m2} млн гривен.",
        "In {year}, UAH {m2} million was allocated for this.",
    ),
    (
        "Тоді ж у {city_loc} створили робочу групу з представників громади.",
        "Тогда же в {city_loc} создали рабочую группу из представителей общины.",
        "At the same time, {city} set up a working group of community representatives.",
    ),
)

PARAGRAPHS = DETAILS + (
    (
        "Мешканці кажуть, що чекали на ці зміни кілька років.",
        "Жители говорят, что ждали этих изменений несколько лет.",
        "Residents say they have waited for these changes for several years.",
    ),
    (
        "Водночас опозиційні депутати закликали переглянути кошторис.",
        "В то же время оппозиционные депутаты призвали пересмотреть смету.",
        "Opposition councillors, meanwhile, called for the estimate to be reviewed.",
    ),
    (
        "На думку аналітиків, головний ризик — нестача кваліфікованих працівників.",
        "По мнению аналитиков, главный риск — нехватка квалифицированных работников.",
        "Analysts see a shortage of skilled workers as the main risk.",
    ),
    (
        "Місцеві підприємці загалом підтримали ініціативу.",
        "Местные предприниматели в целом поддержали инициативу.",
        "Local business owners broadly backed the initiative.",
    ),
    (
        "Громадські слухання відбудуться найближчим часом.",
        "Общественные слушания состоятся в ближайшее время.",
        "Public hearings will take place soon.",
    ),
    (
        "Документ передбачає кілька етапів, перший з яких триватиме {n} днів.",
        "Документ предусматривает несколько этапов, первый из которых продлится {n} дней.",
        "The plan has several stages, the first of which will last {n} days.",
    ),
    (
        "Для мешканців {city_gen} відкрили гарячу лінію.",
        "Для жителей {city_gen} открыли горячую линию.",
        "A hotline has been opened for residents of {city}.",
    ),
    (
        "Журналісти звернулися по коментар до представників {org_gen}, але відповіді поки не отримали.",
        "Журналисты обратились за комментарием к представителям {org_gen}, но ответа пока не получили.",
        "Reporters asked {org} for comment but had not received a reply by the time of publication.",
    ),
    (
        "Схожа ситуація склалася і в {city2_loc}.",
        "Похожая ситуация сложилась и в {city2_loc}.",
        "A similar situation has developed in {city2}.",
    ),
    (
        "Остаточні цифри оприлюднять після завершення перевірки.",
        "Окончательные цифры обнародуют после завершения проверки.",
        "Final figures will be released once the review is complete.",
    ),
    (
        "«{quote}», — {said} {role} {person}.",
        "«{quote}», — {said} {role} {person}.",
        "“{quote},” {said} {person}, {role}.",
    ),
)

QUOTES = (
    (
        "Ми зробимо все, щоб роботи завершилися вчасно",
        "Мы сделаем все, чтобы работы завершились вовремя",
        "We will do everything to finish the work on time",
    ),
    ("Це рішення давно назріло", "Это решение давно назрело", "This decision was long overdue"),
    (
        "Нам потрібна чесна розмова з мешканцями",
        "Нам нужен честный разговор с жителями",
        "We need an honest conversation with residents",
    ),
    (
        "Гроші є, питання лише в часі",
        "Деньги есть, вопрос только во времени",
        "The money is there; the only question is time",
    ),
    (
        "Ми відкриті до критики й готові змінювати план",
        "Мы открыты к критике и готовы менять план",
        "We are open to criticism and ready to change the plan",
    ),
    (
        "Кожна гривня буде під контролем",
        "Каждая гривна будет под контролем",
        "Every hryvnia will be accounted for",
    ),
)

HEADINGS = (
    ("Що відомо зараз", "Что известно сейчас", "What we know now"),
    ("Скільки це коштує", "Сколько это стоит", "What it costs"),
    ("Що кажуть мешканці", "Что говорят жители", "What residents say"),
    ("Що далі", "Что дальше", "What comes next"),
)

LIVE_ENTRIES = (
    ("Оновлення", "Обновление", "Update"),
    ("Нові дані", "Новые данные", "New figures"),
    ("Заява", "Заявление", "Statement"),
)

PHOTO_CAPTION = ("Ілюстративне фото.", "Иллюстративное фото.", "Illustrative photo.")
PHOTO_CREDIT = ("Фото: Вістка", "Фото: Вистка", "Photo: Vistka")

CORRECTIONS = (
    (
        "correction",
        (
            "Уточнено суму фінансування.",
            "Уточнена сумма финансирования.",
            "The amount of funding has been corrected.",
        ),
    ),
    (
        "update",
        (
            "Додано коментар представників міської ради.",
            "Добавлен комментарий представителей городского совета.",
            "A comment from city council representatives has been added.",
        ),
    ),
    (
        "correction",
        (
            "Виправлено назву міста в підписі до фото.",
            "Исправлено название города в подписи к фото.",
            "The name of the city in the photo caption has been corrected.",
        ),
    ),
)
