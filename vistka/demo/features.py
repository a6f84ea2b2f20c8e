# ruff: noqa: E501 - phrase banks hold long natural-language strings
"""Templates for the kinds other than news: articles, explainers, interviews, columns, photo
and video stories, the live blog, and correction notes. All text is fictional, written for
the demo in three parallel languages; placeholders are the same slots as in ``topics``.
"""

from dataclasses import dataclass, field

from vistka.demo.text import L, ints, many, merge, slot
from vistka.demo.topics import POLICIES, _outage_table, pair, table_value


@dataclass
class Feature:
    key: str
    section: str
    tags: tuple
    place: str
    titles: list
    lead: dict
    parts: list  # [(heading L or None, [paragraph L, ...]), ...]
    role: str | None = None
    quote: dict | None = None
    extra: object = None
    table: object = None


# --- Articles -------------------------------------------------------------------------------

ARTICLES = [
    Feature(
        "life-on-schedule",
        "society",
        ("energy", "heating"),
        "front",
        titles=[
            L(
                "Життя за графіком: як {city_loc} вчаться працювати без світла",
                "Жизнь по графику: как {city_loc} учатся работать без света",
                "Life on a schedule: how {city} is learning to work without power",
            ),
            L(
                "Місто в режимі відключень: один день {city_loc}",
                "Город в режиме отключений: один день {city_loc}",
                "A city of power cuts: one day {city_loc}",
            ),
        ],
        lead=L(
            "Кав'ярні з генераторами, школи з павербанками і диспетчери, які знають графіки напам'ять. Ми провели день у місті, де світло дають за розкладом.",
            "Кофейни с генераторами, школы с павербанками и диспетчеры, которые знают графики наизусть. Мы провели день в городе, где свет дают по расписанию.",
            "Cafés running on generators, schools with power banks and dispatchers who know the schedules by heart. We spent a day in a city where electricity comes by timetable.",
        ),
        parts=[
            (
                L("Ранок при ліхтариках", "Утро при фонариках", "Morning by torchlight"),
                [
                    L(
                        "О шостій ранку в більшості будинків ще темно. Мешканці звикли планувати день за графіком, який енергетики публікують напередодні ввечері.",
                        "В шесть утра в большинстве домов еще темно. Жители привыкли планировать день по графику, который энергетики публикуют накануне вечером.",
                        "At six in the morning most buildings are still dark. Residents have got used to planning their day around the schedule the power company publishes the evening before.",
                    ),
                    L(
                        "У під'їздах висять роздруківки з чергами, а в домових чатах сусіди домовляються, хто й коли заряджає спільний акумулятор для ліфта.",
                        "В подъездах висят распечатки с очередями, а в домовых чатах соседи договариваются, кто и когда заряжает общий аккумулятор для лифта.",
                        "Stairwells have printouts of the outage groups, and in building chats neighbours agree who charges the shared battery for the lift and when.",
                    ),
                ],
            ),
            (
                L("Бізнес на генераторах", "Бизнес на генераторах", "Business on generators"),
                [
                    L(
                        "Власниця невеликої пекарні показує генератор, куплений торік у кредит. Без нього, каже вона, довелося б закритися вже в перший тиждень.",
                        "Владелица небольшой пекарни показывает генератор, купленный в прошлом году в кредит. Без него, говорит она, пришлось бы закрыться уже в первую неделю.",
                        "The owner of a small bakery shows us a generator she bought on credit last year. Without it, she says, she would have closed in the first week.",
                    ),
                    L(
                        "Пальне для генератора з'їдає майже п'яту частину виручки, але клієнтів стало більше: люди приходять не лише по хліб, а й зарядити телефони.",
                        "Топливо для генератора съедает почти пятую часть выручки, но клиентов стало больше: люди приходят не только за хлебом, но и зарядить телефоны.",
                        "Fuel for the generator eats almost a fifth of the takings, but there are more customers: people come not only for bread but to charge their phones.",
                    ),
                ],
            ),
            (
                L("Що далі", "Что дальше", "What next"),
                [
                    L(
                        "Енергетики обіцяють скоротити відключення, щойно відремонтують пошкоджені підстанції. Міська рада тим часом розгортає пункти незламності на випадок довших аварій.",
                        "Энергетики обещают сократить отключения, как только отремонтируют поврежденные подстанции. Горсовет тем временем разворачивает пункты несокрушимости на случай более долгих аварий.",
                        "Engineers promise shorter outages once the damaged substations are repaired. Meanwhile the city council is setting up 'resilience points' in case of longer failures.",
                    ),
                ],
            ),
        ],
        role="deputy_mayor",
        quote=L(
            "Ми не можемо обіцяти, що світло буде завжди. Але можемо обіцяти, що ніхто не залишиться сам у темряві.",
            "Мы не можем обещать, что свет будет всегда. Но можем обещать, что никто не останется один в темноте.",
            "We cannot promise there will always be power. But we can promise that nobody will be left alone in the dark.",
        ),
        table=_outage_table,
    ),
    Feature(
        "relocated-plant",
        "economy",
        ("business", "displaced-people"),
        "city",
        titles=[
            L(
                "Друге життя заводу: як переміщене підприємство відродилося {city_loc}",
                "Вторая жизнь завода: как перемещенное предприятие возродилось {city_loc}",
                "A factory's second life: how a relocated plant was reborn {city_loc}",
            ),
            L(
                "Завод, який переїхав: історія підприємства, що почало все спочатку {city_loc}",
                "Завод, который переехал: история предприятия, начавшего все сначала {city_loc}",
                "The plant that moved: a company starting over {city_loc}",
            ),
        ],
        lead=L(
            "Два роки тому обладнання вивозили з-під обстрілів уночі. Тепер тут працюють {n} людей, половина з них — переселенці.",
            "Два года назад оборудование вывозили из-под обстрелов ночью. Теперь здесь работают {n} человек, половина из них — переселенцы.",
            "Two years ago the equipment was moved out under shelling at night. Now {n} people work here, half of them displaced from their homes.",
        ),
        parts=[
            (
                L(
                    "Ніч, коли вивозили верстати",
                    "Ночь, когда вывозили станки",
                    "The night the machines were moved",
                ),
                [
                    L(
                        "Вантажівки виїжджали без фар, щоб не привертати уваги дронів. За тиждень вдалося вивезти дві третини обладнання; решта залишилася в цеху, який згодом зруйнувала ракета.",
                        "Грузовики выезжали без фар, чтобы не привлекать внимания дронов. За неделю удалось вывезти две трети оборудования; остальное осталось в цеху, который позже разрушила ракета.",
                        "Lorries left without headlights to avoid drawing drones. Within a week two thirds of the equipment was out; the rest stayed in a workshop that a missile later destroyed.",
                    ),
                ],
            ),
            (
                L("Нове місто, старі замовники", "Новый город, старые заказчики", "New city, old customers"),
                [
                    L(
                        "Громада {city_gen} надала приміщення колишнього складу на пільгових умовах. Перші замовлення надійшли від партнерів, з якими завод працював ще до війни.",
                        "Громада {city_gen} предоставила помещение бывшего склада на льготных условиях. Первые заказы поступили от партнеров, с которыми завод работал еще до войны.",
                        "The {city} community offered a former warehouse on favourable terms. The first orders came from partners the plant had worked with before the war.",
                    ),
                    L(
                        "Сьогодні понад третину продукції експортують до Польщі, Чехії та Румунії.",
                        "Сегодня более трети продукции экспортируют в Польшу, Чехию и Румынию.",
                        "Today more than a third of output goes to Poland, Czechia and Romania.",
                    ),
                ],
            ),
            (
                L("Люди", "Люди", "The people"),
                [
                    L(
                        "Частина працівників переїхала разом із заводом, інших навчили на місці. Для родин переселенців підприємство орендує житло й доплачує за дитячий садок.",
                        "Часть работников переехала вместе с заводом, других обучили на месте. Для семей переселенцев предприятие арендует жилье и доплачивает за детский сад.",
                        "Some workers moved with the plant, others were trained locally. The company rents homes for displaced families and helps pay for nursery places.",
                    ),
                ],
            ),
        ],
        role="founder",
        quote=L(
            "Ми могли закритися і поїхати. Але тоді {n} людей залишилися б без роботи.",
            "Мы могли закрыться и уехать. Но тогда {n} человек остались бы без работы.",
            "We could have closed and left. But then {n} people would have lost their jobs.",
        ),
        extra=lambda rng: slot("n", ints(many(rng, 120, 480))),
        table=lambda rng, s: _plant_table(rng),
    ),
    Feature(
        "underground-school",
        "society",
        ("education", "shelters", "children"),
        "front",
        titles=[
            L(
                "Школа під землею: як {city_loc} навчають дітей в укриттях",
                "Школа под землей: как {city_loc} учат детей в укрытиях",
                "School underground: how children are taught in shelters {city_loc}",
            ),
            L(
                "Урок під час тривоги: репортаж з підземної школи {city_gen}",
                "Урок во время тревоги: репортаж из подземной школы {city_gen}",
                "A lesson during an air-raid alert: inside an underground school in {city}",
            ),
        ],
        lead=L(
            "Класи з кольоровими стінами, вентиляція і жодного вікна. Для сотень дітей це перша школа, яку вони побачили не на екрані.",
            "Классы с цветными стенами, вентиляция и ни одного окна. Для сотен детей это первая школа, которую они увидели не на экране.",
            "Brightly painted classrooms, ventilation and not a single window. For hundreds of children it is the first school they have seen other than on a screen.",
        ),
        parts=[
            (
                L("Дзвоник під землею", "Звонок под землей", "The bell underground"),
                [
                    L(
                        "Уроки починаються о восьмій. Під час тривоги нікуди не треба бігти: діти вже в укритті, тож навчання просто триває.",
                        "Уроки начинаются в восемь. Во время тревоги никуда не нужно бежать: дети уже в укрытии, поэтому занятия просто продолжаются.",
                        "Lessons start at eight. When the sirens sound nobody needs to run anywhere: the children are already in the shelter, so class simply carries on.",
                    ),
                    L(
                        "Учителі кажуть, що найбільша зміна — не в оцінках, а в тому, як діти говорять одне з одним після років дистанційки.",
                        "Учителя говорят, что самое большое изменение — не в оценках, а в том, как дети разговаривают друг с другом после лет дистанционки.",
                        "Teachers say the biggest change is not in grades but in how the children talk to each other after years of remote learning.",
                    ),
                ],
            ),
            (
                L("Скільки це коштує", "Сколько это стоит", "What it costs"),
                [
                    L(
                        "Будівництво фінансували держава, громада та міжнародні донори. Утримання укриття — вентиляція, світло, охорона — лягає на місцевий бюджет.",
                        "Строительство финансировали государство, громада и международные доноры. Содержание укрытия — вентиляция, свет, охрана — ложится на местный бюджет.",
                        "Construction was paid for by the state, the community and international donors. Running costs — ventilation, lighting, security — fall on the local budget.",
                    ),
                ],
            ),
        ],
        role="school_head",
        quote=L(
            "Найкраще, що ми чуємо від батьків: дитина знову хоче йти до школи.",
            "Лучшее, что мы слышим от родителей: ребенок снова хочет идти в школу.",
            "The best thing we hear from parents is that their child wants to go to school again.",
        ),
    ),
    Feature(
        "fields-after-war",
        "economy",
        ("agriculture", "demining"),
        "front",
        titles=[
            L(
                "Поля після війни: як фермери {region_gen} повертають собі землю",
                "Поля после войны: как фермеры {region_gen} возвращают себе землю",
                "Fields after the war: how farmers in {region_gen} are reclaiming their land",
            ),
        ],
        lead=L(
            "Сапери, страхові компанії й перший за три роки врожай: історія господарства, яке знову сіє.",
            "Саперы, страховые компании и первый за три года урожай: история хозяйства, которое снова сеет.",
            "Deminers, insurers and the first harvest in three years: the story of a farm that is sowing again.",
        ),
        parts=[
            (
                L(
                    "Земля, на яку не можна ступити",
                    "Земля, на которую нельзя ступить",
                    "Land you cannot walk on",
                ),
                [
                    L(
                        "Два сезони поля стояли порожні: на них знаходили міни, уламки ракет і касетні елементи. Фермер показує мапу, де червоним позначено ділянки, які ще не перевірені.",
                        "Два сезона поля стояли пустыми: на них находили мины, обломки ракет и кассетные элементы. Фермер показывает карту, где красным отмечены участки, которые еще не проверены.",
                        "For two seasons the fields lay empty: mines, missile debris and cluster submunitions were found there. The farmer shows a map with the unchecked plots marked in red.",
                    ),
                ],
            ),
            (
                L("Перший урожай", "Первый урожай", "The first harvest"),
                [
                    L(
                        "Цього року господарство засіяло лише половину площ. Урожай вийшов скромним, але його вистачило, щоб розрахуватися з працівниками й купити насіння на наступний рік.",
                        "В этом году хозяйство засеяло лишь половину площадей. Урожай вышел скромным, но его хватило, чтобы рассчитаться с работниками и купить семена на следующий год.",
                        "This year the farm sowed only half its land. The harvest was modest, but enough to pay the workers and buy seed for next year.",
                    ),
                ],
            ),
        ],
        role="farmer",
        quote=L(
            "Я не знаю іншої роботи. І не хочу знати. Земля чекала на нас — ми повернулися.",
            "Я не знаю другой работы. И не хочу знать. Земля ждала нас — мы вернулись.",
            "I don't know any other work, and I don't want to. The land was waiting for us, and we came back.",
        ),
    ),
    Feature(
        "price-of-heat",
        "economy",
        ("heating", "housing"),
        "city",
        titles=[
            L(
                "Ціна тепла: у скільки обійдеться зима мешканцям {city_gen}",
                "Цена тепла: во сколько обойдется зима жителям {city_gen}",
                "The price of heat: what winter will cost people in {city}",
            ),
        ],
        lead=L(
            "Порахували, скільки платитимуть за опалення, воду й світло власники квартир і будинків і які пільги діють цього сезону.",
            "Посчитали, сколько будут платить за отопление, воду и свет владельцы квартир и домов и какие льготы действуют в этом сезоне.",
            "We worked out what flat and house owners will pay for heating, water and electricity, and which subsidies apply this season.",
        ),
        parts=[
            (
                L("Тарифи", "Тарифы", "Tariffs"),
                [
                    L(
                        "Тариф на тепло для населення залишається незмінним, але рахунки зростуть через довший опалювальний сезон і дорожчу електроенергію для насосів.",
                        "Тариф на тепло для населения остается неизменным, но счета вырастут из-за более длинного отопительного сезона и более дорогой электроэнергии для насосов.",
                        "The household heating tariff is unchanged, but bills will rise because of a longer heating season and dearer electricity for pumps.",
                    ),
                ],
            ),
            (
                L("Субсидії", "Субсидии", "Subsidies"),
                [
                    L(
                        "Подати заяву на субсидію можна онлайн. Переселенці мають право на неї за місцем фактичного проживання.",
                        "Подать заявление на субсидию можно онлайн. Переселенцы имеют на нее право по месту фактического проживания.",
                        "Subsidy applications can be made online. Displaced people are entitled to one where they actually live.",
                    ),
                ],
            ),
        ],
        role="economist",
        quote=L(
            "Середня родина витрачатиме на комуналку приблизно п'яту частину доходу. Для пенсіонерів — більше.",
            "Средняя семья будет тратить на коммуналку примерно пятую часть дохода. Для пенсионеров — больше.",
            "An average family will spend about a fifth of its income on utilities; pensioners more.",
        ),
        table=lambda rng, s: _heat_table(rng),
    ),
    Feature(
        "volunteer-kitchen",
        "society",
        ("volunteers", "displaced-people"),
        "city",
        titles=[
            L(
                "Кухня, яка годує місто: як волонтери {city_gen} щодня готують {n} обідів",
                "Кухня, которая кормит город: как волонтеры {city_gen} ежедневно готовят {n} обедов",
                "The kitchen that feeds a city: how volunteers in {city} cook {n} meals a day",
            ),
        ],
        lead=L(
            "Тут працюють пенсіонерки, студенти й переселенці. Продукти купують за донати, а обіди розвозять до прифронтових сіл.",
            "Здесь работают пенсионерки, студенты и переселенцы. Продукты покупают за донаты, а обеды развозят в прифронтовые села.",
            "Pensioners, students and displaced people work here. Food is bought with donations and meals are driven to villages near the front.",
        ),
        parts=[
            (
                L("Зміна починається о п'ятій", "Смена начинается в пять", "The shift starts at five"),
                [
                    L(
                        "Перша зміна чистить овочі ще до світанку. До обіду на кухні варять три види супу й печуть хліб.",
                        "Первая смена чистит овощи еще до рассвета. К обеду на кухне варят три вида супа и пекут хлеб.",
                        "The first shift peels vegetables before dawn. By lunchtime the kitchen has made three kinds of soup and baked bread.",
                    ),
                ],
            ),
            (
                L("Куди їдуть обіди", "Куда едут обеды", "Where the meals go"),
                [
                    L(
                        "Більшість порцій отримують самотні літні люди й родини, які залишилися в прифронтових селах. Водії волонтерів знають кожну вибоїну на дорозі.",
                        "Большинство порций получают одинокие пожилые люди и семьи, оставшиеся в прифронтовых селах. Водители волонтеров знают каждую выбоину на дороге.",
                        "Most portions go to elderly people living alone and to families who stayed in frontline villages. The volunteer drivers know every pothole on the road.",
                    ),
                ],
            ),
        ],
        role="volunteer",
        quote=L(
            "Гарячий суп — це не лише їжа. Це знак, що про тебе пам'ятають.",
            "Горячий суп — это не только еда. Это знак, что о тебе помнят.",
            "A hot soup is not just food. It's a sign that someone remembers you.",
        ),
        extra=lambda rng: slot("n", ints(many(rng, 600, 3000))),
    ),
]

# --- Explainers -----------------------------------------------------------------------------

EXPLAINERS = [
    Feature(
        "bill-explained",
        "politics",
        ("parliament", "eu-integration"),
        "none",
        titles=[
            L(
                "Що змінить законопроєкт {policy}: пояснюємо головне",
                "Что изменит законопроект {policy}: объясняем главное",
                "What the bill on {policy_en} would change: the essentials",
            ),
        ],
        lead=L(
            "Хто це запропонував, кого це стосується і коли нові правила можуть запрацювати — коротко про документ, який парламент ухвалив у першому читанні.",
            "Кто это предложил, кого это касается и когда новые правила могут заработать — коротко о документе, который парламент принял в первом чтении.",
            "Who proposed it, who it affects and when the new rules could take effect: a short guide to the bill parliament passed at first reading.",
        ),
        parts=[
            (
                L("Що пропонують?", "Что предлагают?", "What is proposed?"),
                [
                    L(
                        "Автори хочуть замінити розрізнені норми кількох законів одним зрозумілим механізмом із чіткими строками й відповідальністю посадовців.",
                        "Авторы хотят заменить разрозненные нормы нескольких законов одним понятным механизмом с четкими сроками и ответственностью чиновников.",
                        "The authors want to replace scattered provisions in several laws with one clear mechanism, with firm deadlines and accountability for officials.",
                    ),
                ],
            ),
            (
                L("Кого це стосується?", "Кого это касается?", "Who does it affect?"),
                [
                    L(
                        "Насамперед органи влади й місцевого самоврядування, але зміни відчують і громадяни: частину процедур переведуть онлайн.",
                        "Прежде всего органы власти и местного самоуправления, но изменения почувствуют и граждане: часть процедур переведут онлайн.",
                        "Mainly central and local authorities, but citizens will notice too: some procedures will move online.",
                    ),
                ],
            ),
            (
                L("Що кажуть критики?", "Что говорят критики?", "What do critics say?"),
                [
                    L(
                        "Громадські організації побоюються, що до другого читання документ «обростуть» поправками, які послаблять контроль.",
                        "Общественные организации опасаются, что ко второму чтению документ «обрастет» поправками, которые ослабят контроль.",
                        "Civil-society groups fear the bill will pick up amendments before the second reading that weaken oversight.",
                    ),
                ],
            ),
        ],
        extra=lambda rng: pair(rng, POLICIES, "policy"),
        table=lambda rng, s: _bill_stages_table(),
    ),
    Feature(
        "outages-explained",
        "economy",
        ("energy", "heating"),
        "none",
        titles=[
            L(
                "Графіки відключень: як їх складають і як дізнатися свою чергу",
                "Графики отключений: как их составляют и как узнать свою очередь",
                "Outage schedules: how they are drawn up and how to find your group",
            ),
            L(
                "Чому світло вимикають не всім однаково: пояснюємо графіки",
                "Почему свет отключают не всем одинаково: объясняем графики",
                "Why power cuts don't hit everyone equally: the schedules explained",
            ),
        ],
        lead=L(
            "Відповідаємо на найчастіші запитання читачів про черги, аварійні відключення й резервне живлення.",
            "Отвечаем на самые частые вопросы читателей об очередях, аварийных отключениях и резервном питании.",
            "We answer readers' most common questions about outage groups, emergency cuts and backup power.",
        ),
        parts=[
            (
                L(
                    "Хто вирішує, коли вимикати?",
                    "Кто решает, когда отключать?",
                    "Who decides when to cut power?",
                ),
                [
                    L(
                        "Обсяг відключень визначає диспетчер енергосистеми залежно від дефіциту потужності. Обласні енергокомпанії розподіляють його між чергами.",
                        "Объем отключений определяет диспетчер энергосистемы в зависимости от дефицита мощности. Областные энергокомпании распределяют его между очередями.",
                        "The grid operator sets how much must be cut depending on the shortfall. Regional power companies then share it out among the groups.",
                    ),
                ],
            ),
            (
                L("Як дізнатися свою чергу?", "Как узнать свою очередь?", "How do I find my group?"),
                [
                    L(
                        "Номер черги вказано в особистому кабінеті на сайті енергокомпанії та в її чат-боті. Його можна знайти за адресою або номером особового рахунку.",
                        "Номер очереди указан в личном кабинете на сайте энергокомпании и в ее чат-боте. Его можно найти по адресу или номеру лицевого счета.",
                        "Your group number is in your account on the power company's website and in its chatbot. You can look it up by address or account number.",
                    ),
                ],
            ),
            (
                L(
                    "Чому в сусіднього будинку є світло?",
                    "Почему в соседнем доме есть свет?",
                    "Why does the building next door have power?",
                ),
                [
                    L(
                        "Будинки на одній лінії з лікарнею, водоканалом чи котельнею не відключають: ці об'єкти мають бути під напругою постійно.",
                        "Дома на одной линии с больницей, водоканалом или котельной не отключают: эти объекты должны быть под напряжением постоянно.",
                        "Buildings on the same line as a hospital, water works or boiler house are not cut off: those facilities must stay powered at all times.",
                    ),
                ],
            ),
        ],
        table=_outage_table,
    ),
    Feature(
        "shadow-fleet-explained",
        "world",
        ("sanctions", "russia"),
        "none",
        titles=[
            L(
                "Що таке «тіньовий флот» і чому санкції проти нього важливі",
                "Что такое «теневой флот» и почему санкции против него важны",
                "What is the 'shadow fleet', and why do sanctions on it matter?",
            ),
        ],
        lead=L(
            "Старі танкери, непрозорі власники і страховки невідомого походження: як Росія продає нафту в обхід обмежень.",
            "Старые танкеры, непрозрачные владельцы и страховки неизвестного происхождения: как Россия продает нефть в обход ограничений.",
            "Ageing tankers, opaque owners and insurance of unknown origin: how Russia sells oil around the restrictions.",
        ),
        parts=[
            (
                L("Що це за судна?", "Что это за суда?", "What are these ships?"),
                [
                    L(
                        "Здебільшого це танкери віком понад 15 років, які кілька разів змінювали назву, прапор і власника. Реальних бенефіціарів часто неможливо встановити.",
                        "В основном это танкеры старше 15 лет, которые несколько раз меняли название, флаг и владельца. Реальных бенефициаров часто невозможно установить.",
                        "Mostly tankers more than 15 years old that have changed name, flag and owner several times. Their real owners are often impossible to trace.",
                    ),
                ],
            ),
            (
                L("Чому це небезпечно?", "Почему это опасно?", "Why is it dangerous?"),
                [
                    L(
                        "Такі судна часто не мають нормального страхування. У разі аварії розливу нафти ніхто не заплатить за очищення узбережжя.",
                        "Такие суда часто не имеют нормальной страховки. В случае аварии за очистку побережья от разлива нефти никто не заплатит.",
                        "Such ships often lack proper insurance. If one spills oil, nobody will pay to clean up the coast.",
                    ),
                ],
            ),
            (
                L("Що дають санкції?", "Что дают санкции?", "What do sanctions achieve?"),
                [
                    L(
                        "Судна з санкційного списку не можуть заходити до портів ЄС і отримувати західні послуги. Це робить кожен рейс дорожчим для Росії.",
                        "Суда из санкционного списка не могут заходить в порты ЕС и получать западные услуги. Это делает каждый рейс дороже для России.",
                        "Listed vessels cannot call at EU ports or use Western services, which makes every voyage more expensive for Russia.",
                    ),
                ],
            ),
        ],
    ),
    Feature(
        "compensation-explained",
        "society",
        ("housing", "digital-services"),
        "none",
        titles=[
            L(
                "Як отримати компенсацію за пошкоджене житло: покрокова інструкція",
                "Как получить компенсацию за поврежденное жилье: пошаговая инструкция",
                "How to claim compensation for a damaged home: a step-by-step guide",
            ),
        ],
        lead=L(
            "Які документи потрібні, скільки чекати і що робити, якщо комісія відмовила.",
            "Какие документы нужны, сколько ждать и что делать, если комиссия отказала.",
            "Which documents you need, how long it takes and what to do if the commission says no.",
        ),
        parts=[
            (
                L("Хто має право?", "Кто имеет право?", "Who is eligible?"),
                [
                    L(
                        "Власники квартир і будинків, пошкоджених або зруйнованих унаслідок бойових дій, якщо житло не перебуває на окупованій території.",
                        "Владельцы квартир и домов, поврежденных или разрушенных в результате боевых действий, если жилье не находится на оккупированной территории.",
                        "Owners of flats and houses damaged or destroyed in the fighting, provided the property is not in occupied territory.",
                    ),
                ],
            ),
            (
                L("Що робити, якщо відмовили?", "Что делать, если отказали?", "What if I am turned down?"),
                [
                    L(
                        "Рішення комісії можна оскаржити в суді. Юристи радять зберігати фото пошкоджень і всі листи з органами влади.",
                        "Решение комиссии можно обжаловать в суде. Юристы советуют сохранять фото повреждений и всю переписку с органами власти.",
                        "The commission's decision can be challenged in court. Lawyers advise keeping photos of the damage and all correspondence with the authorities.",
                    ),
                ],
            ),
        ],
        table=lambda rng, s: _compensation_table(),
    ),
    Feature(
        "fuel-explained",
        "economy",
        ("fuel", "inflation"),
        "none",
        titles=[
            L(
                "Чому дорожчає пальне і що буде з цінами далі",
                "Почему дорожает топливо и что будет с ценами дальше",
                "Why fuel is getting dearer, and where prices go next",
            ),
        ],
        lead=L(
            "Курс, акциз, логістика і світова нафта: розкладаємо ціну літра бензину на складові.",
            "Курс, акциз, логистика и мировая нефть: раскладываем цену литра бензина на составляющие.",
            "Exchange rate, excise, logistics and world oil prices: we break down the price of a litre of petrol.",
        ),
        parts=[
            (
                L("З чого складається ціна?", "Из чего складывается цена?", "What makes up the price?"),
                [
                    L(
                        "Понад половину ціни становлять податки — акциз і ПДВ. Решта — вартість самого пального, доставки й маржа мереж.",
                        "Более половины цены составляют налоги — акциз и НДС. Остальное — стоимость самого топлива, доставки и маржа сетей.",
                        "More than half the price is tax: excise and VAT. The rest is the fuel itself, delivery and the retailers' margin.",
                    ),
                ],
            ),
            (
                L("Чого чекати?", "Чего ждать?", "What to expect?"),
                [
                    L(
                        "Аналітики не прогнозують різких стрибків, але поступове подорожчання триватиме разом зі зростанням акцизу.",
                        "Аналитики не прогнозируют резких скачков, но постепенное подорожание продолжится вместе с ростом акциза.",
                        "Analysts do not expect sharp jumps, but prices will keep creeping up as excise duty rises.",
                    ),
                ],
            ),
        ],
        table=lambda rng, s: _fuel_price_table(rng),
    ),
    Feature(
        "alerts-explained",
        "war",
        ("air-defence", "shelters"),
        "none",
        titles=[
            L(
                "Як працюють повітряні тривоги і чому вони іноді лунають запізно",
                "Как работают воздушные тревоги и почему они иногда звучат с опозданием",
                "How air-raid alerts work, and why they sometimes come late",
            ),
        ],
        lead=L(
            "Хто вмикає сирену, чому тривога буває в сусідній області, а у вас ні, і що робити, якщо вибухи лунають раніше за сигнал.",
            "Кто включает сирену, почему тревога бывает в соседней области, а у вас нет, и что делать, если взрывы звучат раньше сигнала.",
            "Who switches on the siren, why the next region may have an alert when you don't, and what to do if explosions come before the warning.",
        ),
        parts=[
            (
                L("Хто вмикає сирену?", "Кто включает сирену?", "Who sounds the siren?"),
                [
                    L(
                        "Рішення ухвалюють військові на основі даних радарів і спостерігачів. Сигнал автоматично передається в застосунки та на сирени громад.",
                        "Решение принимают военные на основе данных радаров и наблюдателей. Сигнал автоматически передается в приложения и на сирены громад.",
                        "The military decides on the basis of radar and observer data. The signal goes automatically to apps and community sirens.",
                    ),
                ],
            ),
            (
                L("Чому буває запізно?", "Почему бывает поздно?", "Why can it be late?"),
                [
                    L(
                        "Балістичні ракети долають відстань за лічені хвилини. Від пуску до удару іноді минає менше часу, ніж потрібно, щоб сигнал дійшов до всіх.",
                        "Баллистические ракеты преодолевают расстояние за считанные минуты. От пуска до удара иногда проходит меньше времени, чем нужно, чтобы сигнал дошел до всех.",
                        "Ballistic missiles cover the distance in minutes. Sometimes less time passes between launch and impact than it takes for the signal to reach everyone.",
                    ),
                ],
            ),
        ],
    ),
]

# --- Interviews -----------------------------------------------------------------------------


@dataclass
class Interview:
    key: str
    section: str
    tags: tuple
    place: str
    role: str
    headline_quote: dict
    about: dict  # with the preposition: "про ...", "о ...", "on ..."
    lead: dict
    qa: list = field(default_factory=list)  # [(question L, answer L), ...]


INTERVIEWS = [
    Interview(
        "school-head",
        "society",
        ("education", "children"),
        "front",
        "school_head",
        L(
            "Ми не чекаємо тиші, ми вчимо зараз",
            "Мы не ждем тишины, мы учим сейчас",
            "We don't wait for quiet, we teach now",
        ),
        L("про навчання в укриттях", "об обучении в укрытиях", "on teaching in shelters"),
        L(
            "Як організувати уроки, коли тривога може тривати цілий день: досвід однієї зі шкіл {city_gen}.",
            "Как организовать уроки, когда тревога может длиться целый день: опыт одной из школ {city_gen}.",
            "How to run lessons when an alert can last all day: the experience of one school in {city}.",
        ),
        [
            (
                L(
                    "Скільки дітей зараз навчається очно?",
                    "Сколько детей сейчас учится очно?",
                    "How many children are in class in person?",
                ),
                L(
                    "Приблизно дві третини. Решта або за кордоном, або батьки поки не готові відпускати їх до школи.",
                    "Примерно две трети. Остальные либо за границей, либо родители пока не готовы отпускать их в школу.",
                    "About two thirds. The rest are abroad, or their parents are not ready to send them yet.",
                ),
            ),
            (
                L("Що найважче?", "Что самое трудное?", "What is hardest?"),
                L(
                    "Втома. І в дітей, і у вчителів. Ми навчилися робити паузи, говорити про емоції, а не лише про програму.",
                    "Усталость. И у детей, и у учителей. Мы научились делать паузы, говорить об эмоциях, а не только о программе.",
                    "Fatigue, among the children and the teachers. We have learned to take breaks and to talk about feelings, not just the curriculum.",
                ),
            ),
            (
                L("Чого бракує?", "Чего не хватает?", "What do you lack?"),
                L(
                    "Психологів і ноутбуків для вчителів. А ще — певності, що наступного місяця все не зміниться.",
                    "Психологов и ноутбуков для учителей. А еще — уверенности, что в следующем месяце все не изменится.",
                    "Psychologists and laptops for teachers. And the certainty that everything won't change again next month.",
                ),
            ),
        ],
    ),
    Interview(
        "deminer",
        "war",
        ("demining",),
        "front",
        "deminer",
        L(
            "Поспіх — головний ворог сапера",
            "Спешка — главный враг сапера",
            "Haste is a deminer's worst enemy",
        ),
        L(
            "про те, як повертають землю фермерам",
            "о том, как возвращают землю фермерам",
            "on giving land back to farmers",
        ),
        L(
            "Як працює група розмінування {region_loc}, скільки часу потрібно на одне поле і чому техніка не замінить людей.",
            "Как работает группа разминирования {region_loc}, сколько времени нужно на одно поле и почему техника не заменит людей.",
            "How a demining team works {region_loc}, how long one field takes and why machines will not replace people.",
        ),
        [
            (
                L(
                    "Скільки часу займає одне поле?",
                    "Сколько времени занимает одно поле?",
                    "How long does one field take?",
                ),
                L(
                    "Від кількох днів до кількох місяців. Усе залежить від того, що там відбувалося і чим стріляли.",
                    "От нескольких дней до нескольких месяцев. Все зависит от того, что там происходило и чем стреляли.",
                    "Anything from a few days to several months. It all depends on what happened there and what was fired.",
                ),
            ),
            (
                L("Машини допомагають?", "Машины помогают?", "Do machines help?"),
                L(
                    "Дуже. Але останнє слово завжди за людиною з міношукачем. Машина не бачить усього.",
                    "Очень. Но последнее слово всегда за человеком с миноискателем. Машина видит не все.",
                    "A lot. But the final word always belongs to a person with a detector. A machine doesn't see everything.",
                ),
            ),
            (
                L(
                    "Чого ви просите в цивільних?",
                    "О чем вы просите гражданских?",
                    "What do you ask of civilians?",
                ),
                L(
                    "Не заходити на поля, поки їх не перевірили, і не торкатися незнайомих предметів. Навіть якщо здається, що це просто уламок.",
                    "Не заходить на поля, пока их не проверили, и не трогать незнакомые предметы. Даже если кажется, что это просто обломок.",
                    "Stay off fields until they have been checked and don't touch unfamiliar objects, even if it looks like just a piece of debris.",
                ),
            ),
        ],
    ),
    Interview(
        "economist",
        "economy",
        ("inflation", "hryvnia"),
        "none",
        "economist",
        L(
            "Найбільший ризик для економіки — втома",
            "Самый большой риск для экономики — усталость",
            "The biggest risk to the economy is fatigue",
        ),
        L("про гривню, ціни й податки", "о гривне, ценах и налогах", "on the hryvnia, prices and taxes"),
        L(
            "Чи варто чекати стрибка курсу, чому ціни ростуть нерівномірно і звідки держава братиме гроші наступного року.",
            "Стоит ли ждать скачка курса, почему цены растут неравномерно и откуда государство будет брать деньги в следующем году.",
            "Whether to expect a jump in the exchange rate, why prices rise unevenly and where the state will find money next year.",
        ),
        [
            (
                L("Чи буде стрибок курсу?", "Будет ли скачок курса?", "Will the exchange rate jump?"),
                L(
                    "Різкого — навряд чи. Резерви великі, а Нацбанк показав, що вміє згладжувати коливання.",
                    "Резкого — вряд ли. Резервы большие, а Нацбанк показал, что умеет сглаживать колебания.",
                    "A sharp one is unlikely. Reserves are large and the central bank has shown it can smooth out swings.",
                ),
            ),
            (
                L("Що з цінами?", "Что с ценами?", "What about prices?"),
                L(
                    "Продукти залежать від урожаю, послуги — від зарплат. Тому одне дешевшає, а інше дорожчає одночасно.",
                    "Продукты зависят от урожая, услуги — от зарплат. Поэтому одно дешевеет, а другое дорожает одновременно.",
                    "Food depends on the harvest, services on wages. So some things get cheaper while others rise at the same time.",
                ),
            ),
            (
                L("А що з бюджетом?", "А что с бюджетом?", "And the budget?"),
                L(
                    "Оборону ми фінансуємо самі, соціальні видатки — з допомогою партнерів. Будь-яка затримка траншів відчутна одразу.",
                    "Оборону мы финансируем сами, социальные расходы — с помощью партнеров. Любая задержка траншей ощущается сразу.",
                    "We pay for defence ourselves and for social spending with partners' help. Any delay in tranches is felt immediately.",
                ),
            ),
        ],
    ),
    Interview(
        "doctor",
        "health",
        ("medicine",),
        "front",
        "doctor",
        L(
            "Лікарня не має права зупинятися",
            "Больница не имеет права останавливаться",
            "A hospital has no right to stop",
        ),
        L("про роботу під обстрілами", "о работе под обстрелами", "on working under fire"),
        L(
            "Як працює міська лікарня {city_gen}, коли відключають світло, а поранених привозять серед ночі.",
            "Как работает городская больница {city_gen}, когда отключают свет, а раненых привозят посреди ночи.",
            "How {city}'s city hospital copes when the power goes off and wounded patients arrive in the middle of the night.",
        ),
        [
            (
                L(
                    "Що відбувається, коли зникає світло?",
                    "Что происходит, когда пропадает свет?",
                    "What happens when the power goes?",
                ),
                L(
                    "За кілька секунд вмикаються генератори. Операційні й реанімація навіть не помічають перемикання.",
                    "За несколько секунд включаются генераторы. Операционные и реанимация даже не замечают переключения.",
                    "The generators start within seconds. The operating theatres and intensive care don't even notice the switch.",
                ),
            ),
            (
                L("Чи вистачає лікарів?", "Хватает ли врачей?", "Are there enough doctors?"),
                L(
                    "Ні. Частина колег виїхала, молоді не поспішають у прифронтові міста. Ми тримаємося на ентузіазмі й ротаціях.",
                    "Нет. Часть коллег уехала, молодые не спешат в прифронтовые города. Мы держимся на энтузиазме и ротациях.",
                    "No. Some colleagues have left and young doctors are in no hurry to come to frontline cities. We get by on dedication and rotations.",
                ),
            ),
        ],
    ),
    Interview(
        "curator",
        "culture",
        ("museums",),
        "city",
        "curator",
        L(
            "Музей — це пам'ять, яку намагаються стерти",
            "Музей — это память, которую пытаются стереть",
            "A museum is memory that someone is trying to erase",
        ),
        L("про евакуацію колекцій", "об эвакуации коллекций", "on evacuating collections"),
        L(
            "Як музей {city_gen} рятував свої фонди в перші дні вторгнення і чому зараз повертає частину експонатів у зали.",
            "Как музей {city_gen} спасал свои фонды в первые дни вторжения и почему сейчас возвращает часть экспонатов в залы.",
            "How a museum in {city} saved its collections in the first days of the invasion, and why it is now putting some exhibits back on display.",
        ),
        [
            (
                L("Що рятували першим?", "Что спасали первым?", "What did you save first?"),
                L(
                    "Те, що неможливо відновити: рукописи, ікони, археологію. Картини великих форматів довелося залишити на місці.",
                    "То, что невозможно восстановить: рукописи, иконы, археологию. Картины больших форматов пришлось оставить на месте.",
                    "What cannot be replaced: manuscripts, icons, archaeology. Large paintings had to stay where they were.",
                ),
            ),
            (
                L(
                    "Чому повертаєте експонати зараз?",
                    "Почему возвращаете экспонаты сейчас?",
                    "Why bring exhibits back now?",
                ),
                L(
                    "Бо порожній музей — це теж поразка. Люди приходять і плачуть, коли бачать знайомі речі.",
                    "Потому что пустой музей — это тоже поражение. Люди приходят и плачут, когда видят знакомые вещи.",
                    "Because an empty museum is a defeat too. People come and cry when they see familiar things.",
                ),
            ),
        ],
    ),
    Interview(
        "coach",
        "sport",
        ("athletics", "children"),
        "city",
        "coach",
        L(
            "Ми тренуємося між тривогами",
            "Мы тренируемся между тревогами",
            "We train between air-raid alerts",
        ),
        L("про спорт під час війни", "о спорте во время войны", "on sport in wartime"),
        L(
            "Як готувати чемпіонів, коли стадіон можуть зачинити через загрозу обстрілу: досвід спортивної школи {city_gen}.",
            "Как готовить чемпионов, когда стадион могут закрыть из-за угрозы обстрела: опыт спортивной школы {city_gen}.",
            "How to train champions when the stadium may be shut because of the threat of strikes: the experience of a sports school in {city}.",
        ),
        [
            (
                L("Як змінилися тренування?", "Как изменились тренировки?", "How has training changed?"),
                L(
                    "Ми тренуємося коротшими блоками й завжди знаємо, де найближче укриття. Діти вже не лякаються — це і добре, і страшно.",
                    "Мы тренируемся более короткими блоками и всегда знаем, где ближайшее укрытие. Дети уже не пугаются — это и хорошо, и страшно.",
                    "We train in shorter blocks and always know where the nearest shelter is. The children are no longer frightened, which is both good and frightening.",
                ),
            ),
            (
                L(
                    "Чи їдуть спортсмени за кордон?",
                    "Уезжают ли спортсмены за границу?",
                    "Are athletes leaving the country?",
                ),
                L(
                    "Частина — так, на збори. Але більшість повертається. Виступати за Україну для них важливіше, ніж будь-коли.",
                    "Часть — да, на сборы. Но большинство возвращается. Выступать за Украину для них важнее, чем когда-либо.",
                    "Some go abroad for training camps. But most come back. Competing for Ukraine matters more to them than ever.",
                ),
            ),
        ],
    ),
]

# --- Columns --------------------------------------------------------------------------------

COLUMNS = [
    Feature(
        "honest-statistics",
        "opinion",
        ("government", "energy"),
        "none",
        titles=[
            L(
                "Чесна статистика — теж оборона",
                "Честная статистика — тоже оборона",
                "Honest statistics are a form of defence too",
            ),
            L(
                "Чому влада має говорити правду про цифри",
                "Почему власть должна говорить правду о цифрах",
                "Why the authorities must tell the truth about the numbers",
            ),
        ],
        lead=L(
            "Суспільство, якому не довіряють цифри, перестає довіряти й тим, хто їх оприлюднює.",
            "Общество, которому не доверяют цифры, перестает доверять и тем, кто их обнародует.",
            "A society that isn't trusted with the numbers stops trusting those who publish them.",
        ),
        parts=[
            (
                None,
                [
                    L(
                        "Кожного разу, коли чиновник відмовляється назвати реальну кількість пошкоджених об'єктів «з міркувань безпеки», він виграє день тиші й програє місяць довіри.",
                        "Каждый раз, когда чиновник отказывается назвать реальное количество поврежденных объектов «из соображений безопасности», он выигрывает день тишины и проигрывает месяц доверия.",
                        "Every time an official refuses to give the real number of damaged facilities 'for security reasons', he wins a day of quiet and loses a month of trust.",
                    ),
                    L(
                        "Безпека справді важлива. Але між координатами підстанції і загальною цифрою відключень — величезна різниця, яку варто нарешті визнати.",
                        "Безопасность действительно важна. Но между координатами подстанции и общей цифрой отключений — огромная разница, которую стоит наконец признать.",
                        "Security does matter. But there is a vast difference between a substation's coordinates and the overall number of outages, and it is time to admit it.",
                    ),
                    L(
                        "Люди, які знають правду, краще готуються: купують павербанки, домовляються із сусідами, підтримують тих, хто поруч. Люди, яких заспокоюють, — панікують, щойно правда випливає.",
                        "Люди, которые знают правду, лучше готовятся: покупают павербанки, договариваются с соседями, поддерживают тех, кто рядом. Люди, которых успокаивают, — паникуют, как только правда всплывает.",
                        "People who know the truth prepare better: they buy power banks, make arrangements with neighbours, support those around them. People who are soothed panic as soon as the truth comes out.",
                    ),
                ],
            )
        ],
    ),
    Feature(
        "money-not-certificates",
        "opinion",
        ("local-government", "taxes"),
        "none",
        titles=[
            L(
                "Громадам потрібні гроші, а не грамоти",
                "Громадам нужны деньги, а не грамоты",
                "Communities need money, not certificates of merit",
            ),
            L(
                "Децентралізація, яку ми ризикуємо втратити",
                "Децентрализация, которую мы рискуем потерять",
                "The decentralisation we risk losing",
            ),
        ],
        lead=L(
            "Саме громади тримають тил. Забирати в них податки — означає послаблювати тил.",
            "Именно громады держат тыл. Забирать у них налоги — значит ослаблять тыл.",
            "Communities are what hold the home front together. Taking their taxes away weakens it.",
        ),
        parts=[
            (
                None,
                [
                    L(
                        "Коли в місто прилітає ракета, першими приїжджають не міністри, а комунальники, рятувальники й волонтери, яких координує місцева влада.",
                        "Когда в город прилетает ракета, первыми приезжают не министры, а коммунальщики, спасатели и волонтеры, которых координирует местная власть.",
                        "When a missile hits a city, the first to arrive are not ministers but utility crews, rescuers and volunteers coordinated by the local authority.",
                    ),
                    L(
                        "Забравши в громад частину податку з доходів, держава залатала дірку в бюджеті, але створила нову — у спроможності міст реагувати на кризи.",
                        "Забрав у громад часть налога с доходов, государство залатало дыру в бюджете, но создало новую — в способности городов реагировать на кризисы.",
                        "By taking part of the income tax away from communities, the state patched a hole in its budget but created a new one in cities' ability to respond to crises.",
                    ),
                    L(
                        "Контроль за витратами громад має бути жорстким. Але жорсткий контроль і порожня каса — не одне й те саме.",
                        "Контроль за расходами громад должен быть жестким. Но жесткий контроль и пустая касса — не одно и то же.",
                        "Oversight of local spending should be strict. But strict oversight and an empty till are not the same thing.",
                    ),
                ],
            )
        ],
    ),
    Feature(
        "quiet-in-shelter",
        "opinion",
        ("children", "education"),
        "none",
        titles=[
            L(
                "Тиша в укритті: про що ми не говоримо з дітьми",
                "Тишина в укрытии: о чем мы не говорим с детьми",
                "Quiet in the shelter: what we don't talk about with our children",
            )
        ],
        lead=L(
            "Діти війни виростуть. Від нас залежить, чи вмітимуть вони говорити про те, що пережили.",
            "Дети войны вырастут. От нас зависит, будут ли они уметь говорить о том, что пережили.",
            "The children of this war will grow up. Whether they can talk about what they lived through depends on us.",
        ),
        parts=[
            (
                None,
                [
                    L(
                        "Ми вчимо дітей, куди бігти під час тривоги, але рідко питаємо, що вони відчувають, коли сирена стихає.",
                        "Мы учим детей, куда бежать во время тревоги, но редко спрашиваем, что они чувствуют, когда сирена стихает.",
                        "We teach children where to run when the sirens sound, but rarely ask how they feel when the sirens stop.",
                    ),
                    L(
                        "Шкільні психологи перевантажені, батьки виснажені. Мовчання здається найпростішим рішенням — і найдорожчим у довгостроковій перспективі.",
                        "Школьные психологи перегружены, родители истощены. Молчание кажется самым простым решением — и самым дорогим в долгосрочной перспективе.",
                        "School psychologists are overloaded and parents exhausted. Silence seems the easiest option, and in the long run it is the most expensive.",
                    ),
                ],
            )
        ],
    ),
    Feature(
        "reform-cannot-wait",
        "opinion",
        ("eu-integration", "corruption"),
        "none",
        titles=[
            L(
                "Реформи не можна відкласти до перемоги",
                "Реформы нельзя отложить до победы",
                "Reform cannot wait for victory",
            ),
            L(
                "«Не на часі» — найдорожча фраза в українській політиці",
                "«Не время» — самая дорогая фраза в украинской политике",
                "'Not now' is the most expensive phrase in Ukrainian politics",
            ),
        ],
        lead=L(
            "Кожна відкладена реформа — це подарунок тим, хто заробляє на хаосі.",
            "Каждая отложенная реформа — это подарок тем, кто зарабатывает на хаосе.",
            "Every postponed reform is a gift to those who profit from chaos.",
        ),
        parts=[
            (
                None,
                [
                    L(
                        "Аргумент «зараз не час» звучить переконливо, поки не подивишся, хто саме його повторює. Найчастіше це ті, кому прозорість заважає.",
                        "Аргумент «сейчас не время» звучит убедительно, пока не посмотришь, кто именно его повторяет. Чаще всего это те, кому прозрачность мешает.",
                        "The 'now is not the time' argument sounds convincing until you look at who keeps repeating it. Most often, people for whom transparency is a problem.",
                    ),
                    L(
                        "Партнери готові допомагати країні, яка змінюється. Вони значно менше готові фінансувати країну, яка обіцяє змінитися колись потім.",
                        "Партнеры готовы помогать стране, которая меняется. Они гораздо менее готовы финансировать страну, которая обещает измениться когда-нибудь потом.",
                        "Partners are ready to help a country that is changing. They are much less ready to pay for one that promises to change some time later.",
                    ),
                ],
            )
        ],
    ),
    Feature(
        "energy-roof",
        "opinion",
        ("energy", "housing"),
        "none",
        titles=[
            L(
                "Енергетична незалежність починається з даху",
                "Энергетическая независимость начинается с крыши",
                "Energy independence starts on the roof",
            )
        ],
        lead=L(
            "Тисячі малих сонячних станцій важче знищити, ніж одну велику електростанцію.",
            "Тысячи маленьких солнечных станций труднее уничтожить, чем одну большую электростанцию.",
            "Thousands of small solar installations are harder to destroy than one big power station.",
        ),
        parts=[
            (
                None,
                [
                    L(
                        "Після кожної масованої атаки ми знову говоримо про захист великих об'єктів. Але справжня стійкість — у розподіленій генерації.",
                        "После каждой массированной атаки мы снова говорим о защите крупных объектов. Но настоящая устойчивость — в распределенной генерации.",
                        "After every mass attack we talk again about protecting big facilities. But real resilience lies in distributed generation.",
                    ),
                    L(
                        "Пільгові кредити на панелі для багатоквартирних будинків, шкіл і лікарень коштують менше, ніж одна зруйнована підстанція.",
                        "Льготные кредиты на панели для многоквартирных домов, школ и больниц стоят меньше, чем одна разрушенная подстанция.",
                        "Cheap loans for solar panels on apartment blocks, schools and hospitals cost less than one destroyed substation.",
                    ),
                ],
            )
        ],
    ),
    Feature(
        "fatigue",
        "opinion",
        ("volunteers", "veterans"),
        "none",
        titles=[
            L("Втома — не зрада", "Усталость — не предательство", "Fatigue is not betrayal"),
            L("Дозвольте собі втомитися", "Позвольте себе устать", "Allow yourself to be tired"),
        ],
        lead=L(
            "Визнати, що ти втомився, — не слабкість. Слабкість — вдавати, що втоми немає.",
            "Признать, что ты устал, — не слабость. Слабость — делать вид, что усталости нет.",
            "Admitting you are tired is not weakness. Pretending you aren't is.",
        ),
        parts=[
            (
                None,
                [
                    L(
                        "Волонтери, які третій рік не беруть відпустки, вигорають тихо й непомітно. А потім зникають із чатів, і збори більше не закриваються.",
                        "Волонтеры, которые третий год не берут отпуска, выгорают тихо и незаметно. А потом исчезают из чатов, и сборы больше не закрываются.",
                        "Volunteers who haven't taken a holiday in three years burn out quietly. Then they vanish from the group chats and the fundraisers stop closing.",
                    ),
                    L(
                        "Суспільство, яке вміє відпочивати по черзі, протримається довше, ніж те, що біжить спринт на дистанції марафону.",
                        "Общество, которое умеет отдыхать по очереди, продержится дольше, чем то, что бежит спринт на марафонской дистанции.",
                        "A society that knows how to rest in shifts will last longer than one that sprints a marathon.",
                    ),
                ],
            )
        ],
    ),
    Feature(
        "city-lesson",
        "opinion",
        ("local-government",),
        "city",
        titles=[
            L(
                "Чого досвід {city_gen} може навчити решту країни",
                "Чему опыт {city_gen} может научить остальную страну",
                "What {city} can teach the rest of the country",
            )
        ],
        lead=L(
            "Місто, яке живе з тривогами довше за інших, давно знайшло відповіді на питання, які решта країни тільки ставить.",
            "Город, который живет с тревогами дольше других, давно нашел ответы на вопросы, которые остальная страна только задает.",
            "A city that has lived with air-raid alerts longer than most has long since answered questions the rest of the country is only starting to ask.",
        ),
        parts=[
            (
                None,
                [
                    L(
                        "Тут школи працюють під землею, а підприємці діляться генераторами із сусідами. Ніхто не чекає інструкцій згори — люди домовляються самі.",
                        "Здесь школы работают под землей, а предприниматели делятся генераторами с соседями. Никто не ждет инструкций сверху — люди договариваются сами.",
                        "Here schools work underground and business owners share generators with neighbours. Nobody waits for instructions from above; people sort things out themselves.",
                    ),
                    L(
                        "Цей досвід варто записати й поширити, поки він живий. Наступного разу він може знадобитися зовсім іншому місту.",
                        "Этот опыт стоит записать и распространить, пока он жив. В следующий раз он может понадобиться совсем другому городу.",
                        "That experience is worth writing down and sharing while it is fresh. Next time a very different city may need it.",
                    ),
                ],
            )
        ],
    ),
    Feature(
        "letters-from",
        "opinion",
        ("displaced-people",),
        "front",
        titles=[
            L(
                "Листи з {city_gen}: місто, яке не здається",
                "Письма из {city_gen}: город, который не сдается",
                "Letters from {city}: a city that won't give up",
            )
        ],
        lead=L(
            "Про сусідів, трамваї й каву під сирени — нотатки з міста, про яке зазвичай пишуть лише у зведеннях.",
            "О соседях, трамваях и кофе под сирены — заметки из города, о котором обычно пишут только в сводках.",
            "On neighbours, trams and coffee to the sound of sirens: notes from a city usually mentioned only in war reports.",
        ),
        parts=[
            (
                None,
                [
                    L(
                        "Уранці трамвай виходить на маршрут за розкладом, навіть якщо вночі було гучно. Водійка вітається з кожним пасажиром.",
                        "Утром трамвай выходит на маршрут по расписанию, даже если ночью было громко. Водитель здоровается с каждым пассажиром.",
                        "In the morning the tram leaves on schedule, even after a loud night. The driver greets every passenger.",
                    ),
                    L(
                        "Тут навчилися радіти дрібницям: відчиненій кав'ярні, світлу в під'їзді, повідомленню «я в порядку» від друга.",
                        "Здесь научились радоваться мелочам: открытой кофейне, свету в подъезде, сообщению «я в порядке» от друга.",
                        "People here have learned to enjoy small things: an open café, a light in the stairwell, a friend's message saying 'I'm OK'.",
                    ),
                ],
            )
        ],
    ),
    Feature(
        "fakes",
        "opinion",
        ("russian-propaganda", "russia"),
        "none",
        titles=[
            L(
                "Чому ми досі віримо фейкам",
                "Почему мы до сих пор верим фейкам",
                "Why we still fall for fakes",
            )
        ],
        lead=L(
            "Пропаганда працює не тому, що вона переконлива, а тому, що ми втомлені.",
            "Пропаганда работает не потому, что она убедительна, а потому, что мы устали.",
            "Propaganda works not because it is convincing but because we are tired.",
        ),
        parts=[
            (
                None,
                [
                    L(
                        "Фейк не мусить бути правдоподібним. Йому достатньо влучити в страх, який у нас уже є.",
                        "Фейку не обязательно быть правдоподобным. Ему достаточно попасть в страх, который у нас уже есть.",
                        "A fake doesn't have to be plausible. It only has to hit a fear we already have.",
                    ),
                    L(
                        "Найкращий захист — не блокування каналів, а звичка перепитувати: хто це сказав, звідки він знає і кому це вигідно.",
                        "Лучшая защита — не блокировка каналов, а привычка переспрашивать: кто это сказал, откуда он знает и кому это выгодно.",
                        "The best defence is not blocking channels but the habit of asking: who said this, how do they know, and who gains from it?",
                    ),
                ],
            )
        ],
    ),
]

# --- Photo and video ------------------------------------------------------------------------

PHOTOS = [
    (
        L(
            "Фоторепортаж: як {city_loc} прибирають наслідки нічної атаки",
            "Фоторепортаж: как {city_loc} убирают последствия ночной атаки",
            "In pictures: {city} clears up after an overnight attack",
        ),
        "war",
        ("reconstruction", "drones"),
        "front",
    ),
    (
        L(
            "Фоторепортаж: ранок на центральному ринку {city_gen}",
            "Фоторепортаж: утро на центральном рынке {city_gen}",
            "In pictures: morning at the central market in {city}",
        ),
        "regions",
        ("business",),
        "city",
    ),
    (
        L(
            "Фотоісторія: люди, які відбудовують свої домівки {city_loc}",
            "Фотоистория: люди, которые восстанавливают свои дома {city_loc}",
            "Photo story: the people rebuilding their homes {city_loc}",
        ),
        "regions",
        ("reconstruction",),
        "front",
    ),
    (
        L(
            "Фоторепортаж: як {city_loc} зустрічають евакуаційний потяг",
            "Фоторепортаж: как {city_loc} встречают эвакуационный поезд",
            "In pictures: {city} welcomes an evacuation train",
        ),
        "society",
        ("evacuation", "railways"),
        "city",
    ),
    (
        L(
            "Фото: осінні поля {region_loc} з висоти",
            "Фото: осенние поля {region_loc} с высоты",
            "Photos: autumn fields {region_loc} from above",
        ),
        "regions",
        ("agriculture",),
        "city",
    ),
    (
        L(
            "Фоторепортаж: вечір у місті під час відключень",
            "Фоторепортаж: вечер в городе во время отключений",
            "In pictures: an evening in the city during power cuts",
        ),
        "society",
        ("energy",),
        "city",
    ),
]
PHOTO_LEAD = L(
    "Ми провели день {city_loc} з фотокамерою. Ось що ми побачили.",
    "Мы провели день {city_loc} с фотокамерой. Вот что мы увидели.",
    "We spent a day {city_loc} with a camera. This is what we saw.",
)
PHOTO_TEXT = L(
    "Знімки зроблено протягом одного дня. Деякі деталі на фото приховано з міркувань безпеки.",
    "Снимки сделаны в течение одного дня. Некоторые детали на фото скрыты из соображений безопасности.",
    "The pictures were taken over a single day. Some details have been obscured for security reasons.",
)

VIDEOS = [
    (
        L(
            "Відео: як сапери {region_gen} перевіряють поле",
            "Видео: как саперы {region_gen} проверяют поле",
            "Video: deminers in {region_gen} check a field",
        ),
        "war",
        ("demining",),
        "front",
    ),
    (
        L(
            "Відео: один день з бригадою енергетиків {city_loc}",
            "Видео: один день с бригадой энергетиков {city_loc}",
            "Video: a day with a power repair crew {city_loc}",
        ),
        "economy",
        ("energy",),
        "front",
    ),
    (
        L(
            "Відео: як працює пункт незламності {city_loc}",
            "Видео: как работает пункт несокрушимости {city_loc}",
            "Video: inside a resilience centre {city_loc}",
        ),
        "society",
        ("energy", "heating"),
        "city",
    ),
    (
        L(
            "Відео: репетиція оркестру в укритті {city_loc}",
            "Видео: репетиция оркестра в укрытии {city_loc}",
            "Video: an orchestra rehearses in a shelter {city_loc}",
        ),
        "culture",
        ("music", "shelters"),
        "city",
    ),
    (
        L(
            "Відео: як {city_loc} відбудовують зруйнований міст",
            "Видео: как {city_loc} восстанавливают разрушенный мост",
            "Video: how {city} is rebuilding a destroyed bridge",
        ),
        "regions",
        ("reconstruction", "transport"),
        "front",
    ),
]
VIDEO_LEAD = L(
    "Показуємо, як це виглядає зблизька, — без коментарів і монтажних прикрас.",
    "Показываем, как это выглядит вблизи, — без комментариев и монтажных украшений.",
    "We show what it looks like up close, with no commentary and no clever editing.",
)
VIDEO_TEXT = [
    L(
        "Відео знято нашим кореспондентом {city_loc}. Тривалість — {minutes} хвилин.",
        "Видео снято нашим корреспондентом {city_loc}. Продолжительность — {minutes} минут.",
        "The video was filmed by our correspondent {city_loc}. Running time: {minutes} minutes.",
    ),
    L(
        "Героїв відео ми не називаємо на їхнє прохання.",
        "Героев видео мы не называем по их просьбе.",
        "At their request, we do not name the people in the video.",
    ),
]

# --- Live -----------------------------------------------------------------------------------

LIVE_TITLE = L(
    "Масований удар по енергетиці: онлайн",
    "Массированный удар по энергетике: онлайн",
    "Massive strike on the power grid: live updates",
)
LIVE_LEAD = L(
    "Стежимо за наслідками нічної атаки та роботою енергетиків. Стрічка оновлюється.",
    "Следим за последствиями ночной атаки и работой энергетиков. Лента обновляется.",
    "We are following the aftermath of the overnight attack and the work of repair crews. This page is updated.",
)
LIVE_BODY = L(
    "Ця сторінка оновлюється протягом дня. Найсвіжіші повідомлення — вгорі.",
    "Эта страница обновляется в течение дня. Самые свежие сообщения — вверху.",
    "This page is updated throughout the day. The latest posts are at the top.",
)
# (headline, text); slots: city_a..city_d (locative forms in *_loc), n_missiles, n_drones...
LIVE_ENTRIES = [
    (
        L("Тривога по всій країні", "Тревога по всей стране", "Alert across the country"),
        L(
            "Повітряні сили попереджають про пуски ракет і групи ударних дронів з кількох напрямків. Просимо залишатися в укриттях.",
            "Воздушные силы предупреждают о пусках ракет и группах ударных дронов с нескольких направлений. Просим оставаться в укрытиях.",
            "The air force is warning of missile launches and groups of attack drones from several directions. Please stay in shelters.",
        ),
    ),
    (
        L("Вибухи в кількох містах", "Взрывы в нескольких городах", "Explosions in several cities"),
        L(
            "Про вибухи повідомляють {a_loc}, {b_loc} та {c_loc}. Працює ППО.",
            "О взрывах сообщают {a_loc}, {b_loc} и {c_loc}. Работает ПВО.",
            "Explosions are reported {a_loc}, {b_loc} and {c_loc}. Air defences are in action.",
        ),
    ),
    (
        L("Екстрені відключення", "Экстренные отключения", "Emergency shutdowns"),
        L(
            "Оператор енергосистеми запровадив екстрені відключення в низці областей, щоб уникнути аварії в мережі.",
            "Оператор энергосистемы ввел экстренные отключения в ряде областей, чтобы избежать аварии в сети.",
            "The grid operator has imposed emergency shutdowns in several regions to prevent a network failure.",
        ),
    ),
    (
        L("Метро працює як укриття", "Метро работает как укрытие", "Metro used as shelter"),
        L(
            "{Kyiv_loc} станції метро відкриті для людей; рух поїздів на частині ліній обмежено.",
            "{Kyiv_loc} станции метро открыты для людей; движение поездов на части линий ограничено.",
            "Metro stations {kyiv_loc} are open as shelters; trains are limited on some lines.",
        ),
    ),
    (
        L("Пошкоджено підстанцію", "Повреждена подстанция", "Substation damaged"),
        L(
            "{A_loc} внаслідок влучання пошкоджено підстанцію. Без світла залишаються тисячі абонентів.",
            "{A_loc} в результате попадания повреждена подстанция. Без света остаются тысячи абонентов.",
            "A substation has been damaged by a direct hit {a_loc}. Thousands of customers are without power.",
        ),
    ),
    (
        L("Лікарні на генераторах", "Больницы на генераторах", "Hospitals on generators"),
        L(
            "Усі лікарні {b_gen} перейшли на резервне живлення. Планові операції перенесено.",
            "Все больницы {b_gen} перешли на резервное питание. Плановые операции перенесены.",
            "All hospitals in {b_gen} have switched to backup power. Planned operations have been postponed.",
        ),
    ),
    (
        L("Дані Повітряних сил", "Данные Воздушных сил", "Air force figures"),
        L(
            "За даними Повітряних сил, противник випустив {missiles} ракет і {drones} дронів. Збито більшість цілей.",
            "По данным Воздушных сил, противник выпустил {missiles} ракет и {drones} дронов. Сбито большинство целей.",
            "The air force says {missiles} missiles and {drones} drones were launched. Most were shot down.",
        ),
    ),
    (
        L("Відбій тривоги", "Отбой тревоги", "All clear"),
        L(
            "У більшості областей оголошено відбій. Рятувальники працюють на місцях влучань.",
            "В большинстве областей объявлен отбой. Спасатели работают на местах попаданий.",
            "The all-clear has been sounded in most regions. Rescuers are at the impact sites.",
        ),
    ),
    (
        L("Постраждалі", "Пострадавшие", "Casualties"),
        L(
            "{C_loc} постраждали кілька людей, їм надають допомогу. Загиблих, за попередніми даними, немає.",
            "{C_loc} пострадали несколько человек, им оказывают помощь. Погибших, по предварительным данным, нет.",
            "Several people have been injured {c_loc} and are receiving treatment. Preliminary reports say no one was killed.",
        ),
    ),
    (
        L("Енергетики почали ремонт", "Энергетики начали ремонт", "Repairs begin"),
        L(
            "Ремонтні бригади вже працюють на пошкоджених об'єктах. Частині споживачів живлення повернули.",
            "Ремонтные бригады уже работают на поврежденных объектах. Части потребителей питание вернули.",
            "Repair crews are already at work on the damaged facilities. Power has been restored to some customers.",
        ),
    ),
    (
        L("Заява уряду", "Заявление правительства", "Government statement"),
        L(
            "Уряд заявив, що ситуація в енергосистемі складна, але контрольована, і закликав економити електроенергію ввечері.",
            "Правительство заявило, что ситуация в энергосистеме сложная, но контролируемая, и призвало экономить электроэнергию вечером.",
            "The government said the situation in the power system was difficult but under control, and urged people to save electricity in the evening.",
        ),
    ),
    (
        L("Реакція партнерів", "Реакция партнеров", "Partners react"),
        L(
            "Кілька європейських урядів засудили атаку й пообіцяли прискорити постачання обладнання для енергетики.",
            "Несколько европейских правительств осудили атаку и пообещали ускорить поставки оборудования для энергетики.",
            "Several European governments condemned the attack and promised to speed up deliveries of energy equipment.",
        ),
    ),
    (
        L("Графіки на завтра", "Графики на завтра", "Schedules for tomorrow"),
        L(
            "Обленерго {d_gen} оприлюднило графіки відключень на завтра. Перевірте свою чергу на сайті компанії.",
            "Облэнерго {d_gen} опубликовало графики отключений на завтра. Проверьте свою очередь на сайте компании.",
            "The power company in {d_gen} has published tomorrow's outage schedules. Check your group on its website.",
        ),
    ),
    (
        L("Світло повертається", "Свет возвращается", "Power returning"),
        L(
            "{D_loc} живлення відновлено для більшості абонентів. Роботи тривають.",
            "{D_loc} питание восстановлено для большинства абонентов. Работы продолжаются.",
            "Power has been restored to most customers {d_loc}. Work continues.",
        ),
    ),
]

# --- Corrections ----------------------------------------------------------------------------

CORRECTIONS = [
    (
        "correction",
        L(
            "У попередній версії матеріалу помилково вказано одну з цифр. Текст виправлено.",
            "В предыдущей версии материала ошибочно указана одна из цифр. Текст исправлен.",
            "An earlier version of this story gave one of the figures incorrectly. It has been corrected.",
        ),
    ),
    (
        "correction",
        L(
            "Раніше в тексті неправильно було написано прізвище співрозмовника. Виправлено.",
            "Ранее в тексте неправильно была написана фамилия собеседника. Исправлено.",
            "An earlier version misspelled the name of a person quoted. This has been corrected.",
        ),
    ),
    (
        "correction",
        L(
            "У першій версії матеріалу неточно вказано назву громади. Текст уточнено.",
            "В первой версии материала неточно указано название громады. Текст уточнен.",
            "The first version of this story gave the name of the community inaccurately. It has been amended.",
        ),
    ),
    (
        "update",
        L(
            "Матеріал доповнено коментарем місцевої влади.",
            "Материал дополнен комментарием местной власти.",
            "This story has been updated with a comment from the local authorities.",
        ),
    ),
    (
        "update",
        L(
            "Оновлено дані за станом на ранок.",
            "Обновлены данные по состоянию на утро.",
            "Figures have been updated as of this morning.",
        ),
    ),
]


# --- Tables used above ----------------------------------------------------------------------


def _plant_table(rng):
    before, after = rng.randint(300, 600), rng.randint(150, 450)
    rows = [
        L(
            ["Працівники", ints(before)["uk"], ints(after)["uk"]],
            ["Работники", ints(before)["ru"], ints(after)["ru"]],
            ["Employees", ints(before)["en"], ints(after)["en"]],
        ),
        L(
            ["Частка експорту", f"{rng.randint(10, 25)}%", f"{rng.randint(30, 45)}%"],
            ["Доля экспорта", f"{rng.randint(10, 25)}%", f"{rng.randint(30, 45)}%"],
            ["Export share", f"{rng.randint(10, 25)}%", f"{rng.randint(30, 45)}%"],
        ),
    ]
    return table_value(
        L("Підприємство в цифрах", "Предприятие в цифрах", "The plant in numbers"),
        L(
            ["Показник", "До війни", "Зараз"],
            ["Показатель", "До войны", "Сейчас"],
            ["Measure", "Before the war", "Now"],
        ),
        rows,
    )


def _heat_table(rng):
    items = [
        L("Опалення (квартира 50 м²)", "Отопление (квартира 50 м²)", "Heating (50 m² flat)"),
        L("Гаряча вода", "Горячая вода", "Hot water"),
        L("Електроенергія", "Электроэнергия", "Electricity"),
        L("Газ (приватний будинок)", "Газ (частный дом)", "Gas (private house)"),
    ]
    rows = [
        {lang: [item[lang], ints(rng.randint(300, 3200))[lang]] for lang in ("uk", "ru", "en")}
        for item in items
    ]
    return table_value(
        L(
            "Орієнтовні платежі на місяць, грн",
            "Ориентировочные платежи в месяц, грн",
            "Estimated monthly bills, UAH",
        ),
        L(["Послуга", "Сума"], ["Услуга", "Сумма"], ["Service", "Amount"]),
        rows,
    )


def _bill_stages_table():
    rows = [
        L(["Перше читання", "ухвалено"], ["Первое чтение", "принято"], ["First reading", "passed"]),
        L(["Поправки", "14 днів"], ["Поправки", "14 дней"], ["Amendments", "14 days"]),
        L(
            ["Друге читання", "орієнтовно за 1–2 місяці"],
            ["Второе чтение", "ориентировочно через 1–2 месяца"],
            ["Second reading", "in about 1–2 months"],
        ),
        L(
            ["Набуття чинності", "через 6 місяців після підписання"],
            ["Вступление в силу", "через 6 месяцев после подписания"],
            ["Entry into force", "6 months after signature"],
        ),
    ]
    return table_value(
        L("Етапи розгляду", "Этапы рассмотрения", "Stages"),
        L(["Етап", "Строк"], ["Этап", "Срок"], ["Stage", "Timing"]),
        rows,
    )


def _compensation_table():
    rows = [
        L(
            ["1", "Подати заяву онлайн або в ЦНАП", "1 день"],
            ["1", "Подать заявление онлайн или в ЦПАУ", "1 день"],
            ["1", "Apply online or at an administrative office", "1 day"],
        ),
        L(
            ["2", "Огляд житла комісією", "до 30 днів"],
            ["2", "Осмотр жилья комиссией", "до 30 дней"],
            ["2", "Inspection by the commission", "up to 30 days"],
        ),
        L(
            ["3", "Рішення про компенсацію", "до 30 днів"],
            ["3", "Решение о компенсации", "до 30 дней"],
            ["3", "Decision on compensation", "up to 30 days"],
        ),
        L(
            ["4", "Зарахування коштів або сертифіката", "до 10 днів"],
            ["4", "Зачисление средств или сертификата", "до 10 дней"],
            ["4", "Payment or housing certificate issued", "up to 10 days"],
        ),
    ]
    return table_value(
        L("Покроково", "Пошагово", "Step by step"),
        L(["Крок", "Що зробити", "Строк"], ["Шаг", "Что сделать", "Срок"], ["Step", "What to do", "Timing"]),
        rows,
    )


def _fuel_price_table(rng):
    parts = [
        (L("Акциз", "Акциз", "Excise"), rng.uniform(12, 15)),
        (L("ПДВ", "НДС", "VAT"), rng.uniform(9, 10)),
        (L("Пальне", "Топливо", "Fuel itself"), rng.uniform(22, 27)),
        (L("Логістика і маржа", "Логистика и маржа", "Logistics and margin"), rng.uniform(7, 10)),
    ]
    rows = [
        {
            lang: [name[lang], f"{value:.2f}".replace(".", "," if lang != "en" else ".")]
            for lang in ("uk", "ru", "en")
        }
        for name, value in parts
    ]
    return table_value(
        L(
            "З чого складається ціна літра А-95, грн",
            "Из чего складывается цена литра А-95, грн",
            "What makes up the price of a litre of A-95, UAH",
        ),
        L(["Складова", "Грн"], ["Составляющая", "Грн"], ["Component", "UAH"]),
        rows,
    )


def video_slots(rng):
    return merge(slot("minutes", ints(many(rng, 5, 14))))
