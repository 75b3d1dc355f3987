#include "bench/corpus.h"

#include <sys/resource.h>

#include <cstdio>
#include <ctime>
#include <iterator>
#include <string_view>

#include "src/text/decode.h"

namespace oborot::bench {
namespace {

// Grammatical cases, in the order of every form table below.
enum Case : unsigned { kNom, kGen, kDat, kAcc, kIns, kPrep, kCases };

// splitmix64: tiny, fast and the same on every platform (std::uniform_*
// distributions are not specified bit-for-bit).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  unsigned Below(unsigned n) { return static_cast<unsigned>(Next() % n); }
  unsigned Between(unsigned lo, unsigned hi) { return lo + Below(hi - lo + 1); }
  bool Chance(unsigned percent) { return Below(100) < percent; }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(static_cast<unsigned>(N))];
  }

 private:
  uint64_t s_;
};

// ---- parties -------------------------------------------------------------

// Adjective stems of oblasts («Воронежск» + «ая область»).
const char* const kOblastStems[] = {
    "Воронежск", "Калужск",   "Тверск",      "Омск",        "Ярославск",  "Псковск",    "Смоленск",
    "Тюменск",   "Курск",     "Брянск",      "Нижегородск", "Свердловск", "Челябинск",  "Новосибирск",
    "Ленинградск", "Московск", "Самарск",    "Саратовск",   "Ульяновск",  "Оренбургск", "Иркутск",
    "Тульск",    "Липецк",    "Белгородск",  "Орловск",     "Мурманск",   "Архангельск", "Вологодск",
    "Кемеровск", "Томск",     "Амурск",      "Астраханск",  "Рязанск",    "Владимирск", "Ивановск",
    "Костромск", "Пензенск",  "Кировск",     "Курганск",    "Тамбовск",   "Волгоградск", "Ростовск"};
const char* const kOblastEnd[kCases] = {"ая область", "ой области", "ой области",
                                        "ую область", "ой областью", "ой области"};
const char* const kKraiStems[] = {"Красноярск", "Краснодарск", "Ставропольск", "Алтайск",
                                  "Пермск",     "Хабаровск",   "Приморск",     "Забайкальск"};
const char* const kKraiEnd[kCases] = {"ий край", "ого края", "ому краю", "ий край", "им краем", "ом крае"};

struct Forms {
  const char* f[kCases];
};
const Forms kNounParties[] = {
    {{"Республика Татарстан", "Республики Татарстан", "Республике Татарстан", "Республику Татарстан",
      "Республикой Татарстан", "Республике Татарстан"}},
    {{"Башкортостан", "Башкортостана", "Башкортостану", "Башкортостан", "Башкортостаном", "Башкортостане"}},
    {{"Удмуртия", "Удмуртии", "Удмуртии", "Удмуртию", "Удмуртией", "Удмуртии"}},
    {{"Чувашия", "Чувашии", "Чувашии", "Чувашию", "Чувашией", "Чувашии"}},
    {{"Якутия", "Якутии", "Якутии", "Якутию", "Якутией", "Якутии"}},
    {{"Москва", "Москвы", "Москве", "Москву", "Москвой", "Москве"}},
    {{"Санкт-Петербург", "Санкт-Петербурга", "Санкт-Петербургу", "Санкт-Петербург", "Санкт-Петербургом",
      "Санкт-Петербурге"}},
    {{"Кузбасс", "Кузбасса", "Кузбассу", "Кузбасс", "Кузбассом", "Кузбассе"}},
    {{"Югра", "Югры", "Югре", "Югру", "Югрой", "Югре"}},
    {{"Китай", "Китая", "Китаю", "Китай", "Китаем", "Китае"}},
    {{"Казахстан", "Казахстана", "Казахстану", "Казахстан", "Казахстаном", "Казахстане"}},
    {{"Узбекистан", "Узбекистана", "Узбекистану", "Узбекистан", "Узбекистаном", "Узбекистане"}},
    {{"Вьетнам", "Вьетнама", "Вьетнаму", "Вьетнам", "Вьетнамом", "Вьетнаме"}},
    {{"Индия", "Индии", "Индии", "Индию", "Индией", "Индии"}},
    {{"Турция", "Турции", "Турции", "Турцию", "Турцией", "Турции"}},
    {{"Монголия", "Монголии", "Монголии", "Монголию", "Монголией", "Монголии"}},
    {{"ОАЭ", "ОАЭ", "ОАЭ", "ОАЭ", "ОАЭ", "ОАЭ"}},
    {{"Зимбабве", "Зимбабве", "Зимбабве", "Зимбабве", "Зимбабве", "Зимбабве"}},
    {{"Иран", "Ирана", "Ирану", "Иран", "Ираном", "Иране"}},
    {{"Пакистан", "Пакистана", "Пакистану", "Пакистан", "Пакистаном", "Пакистане"}},
};
const Forms kBelarus[] = {
    {{"Беларусь", "Беларуси", "Беларуси", "Беларусь", "Беларусью", "Беларуси"}},
    {{"Республика Беларусь", "Республики Беларусь", "Республике Беларусь", "Республику Беларусь",
      "Республикой Беларусь", "Республике Беларусь"}},
    {{"наша страна", "нашей страны", "нашей стране", "нашу страну", "нашей страной", "нашей стране"}},
};
// Belarus's oblasts: stems for «-ая область» and «-ий облисполком».
const char* const kByStems[] = {"Брестск", "Витебск", "Гомельск", "Гродненск", "Минск", "Могилевск"};

struct City {
  const char* caps;
  Forms forms;
};
const City kCities[] = {
    {"МИНСК", {{"Минск", "Минска", "Минску", "Минск", "Минском", "Минске"}}},
    {"ГОМЕЛЬ", {{"Гомель", "Гомеля", "Гомелю", "Гомель", "Гомелем", "Гомеле"}}},
    {"БРЕСТ", {{"Брест", "Бреста", "Бресту", "Брест", "Брестом", "Бресте"}}},
    {"ВИТЕБСК", {{"Витебск", "Витебска", "Витебску", "Витебск", "Витебском", "Витебске"}}},
    {"КАЗАНЬ", {{"Казань", "Казани", "Казани", "Казань", "Казанью", "Казани"}}},
    {"МОСКВА", {{"Москва", "Москвы", "Москве", "Москву", "Москвой", "Москве"}}},
    {"ВОРОНЕЖ", {{"Воронеж", "Воронежа", "Воронежу", "Воронеж", "Воронежем", "Воронеже"}}},
    {"ТВЕРЬ", {{"Тверь", "Твери", "Твери", "Тверь", "Тверью", "Твери"}}},
};

// ---- people, organisations, sectors -----------------------------------------

struct Person {
  Forms name;
  Forms role;
};
const Person kPeople[] = {
    {{{"Александр Лукашенко", "Александра Лукашенко", "Александру Лукашенко", "Александра Лукашенко",
       "Александром Лукашенко", "Александре Лукашенко"}},
     {{"президент Беларуси", "президента Беларуси", "президенту Беларуси", "президента Беларуси",
       "президентом Беларуси", "президенте Беларуси"}}},
    {{{"Роман Головченко", "Романа Головченко", "Роману Головченко", "Романа Головченко", "Романом Головченко",
       "Романе Головченко"}},
     {{"премьер-министр", "премьер-министра", "премьер-министру", "премьер-министра", "премьер-министром",
       "премьер-министре"}}},
    {{{"Александр Гусев", "Александра Гусева", "Александру Гусеву", "Александра Гусева", "Александром Гусевым",
       "Александре Гусеве"}},
     {{"губернатор", "губернатора", "губернатору", "губернатора", "губернатором", "губернаторе"}}},
    {{{"Владислав Шапша", "Владислава Шапши", "Владиславу Шапше", "Владислава Шапшу", "Владиславом Шапшой",
       "Владиславе Шапше"}},
     {{"губернатор", "губернатора", "губернатору", "губернатора", "губернатором", "губернаторе"}}},
    {{{"Игорь Руденя", "Игоря Рудени", "Игорю Рудене", "Игоря Руденю", "Игорем Руденей", "Игоре Рудене"}},
     {{"глава региона", "главы региона", "главе региона", "главу региона", "главой региона", "главе региона"}}},
    {{{"Глеб Никитин", "Глеба Никитина", "Глебу Никитину", "Глеба Никитина", "Глебом Никитиным",
       "Глебе Никитине"}},
     {{"губернатор", "губернатора", "губернатору", "губернатора", "губернатором", "губернаторе"}}},
    {{{"Дмитрий Крутой", "Дмитрия Крутого", "Дмитрию Крутому", "Дмитрия Крутого", "Дмитрием Крутым",
       "Дмитрии Крутом"}},
     {{"посол Беларуси в России", "посла Беларуси в России", "послу Беларуси в России", "посла Беларуси в России",
       "послом Беларуси в России", "после Беларуси в России"}}},
    {{{"Максим Рыженков", "Максима Рыженкова", "Максиму Рыженкову", "Максима Рыженкова", "Максимом Рыженковым",
       "Максиме Рыженкове"}},
     {{"министр иностранных дел", "министра иностранных дел", "министру иностранных дел",
       "министра иностранных дел", "министром иностранных дел", "министре иностранных дел"}}},
};
// Invented people: first names and -ов/-ев/-ин surnames decline regularly.
const Forms kFirstNames[] = {
    {{"Иван", "Ивана", "Ивану", "Ивана", "Иваном", "Иване"}},
    {{"Сергей", "Сергея", "Сергею", "Сергея", "Сергеем", "Сергее"}},
    {{"Андрей", "Андрея", "Андрею", "Андрея", "Андреем", "Андрее"}},
    {{"Олег", "Олега", "Олегу", "Олега", "Олегом", "Олеге"}},
    {{"Павел", "Павла", "Павлу", "Павла", "Павлом", "Павле"}},
    {{"Николай", "Николая", "Николаю", "Николая", "Николаем", "Николае"}},
    {{"Виктор", "Виктора", "Виктору", "Виктора", "Виктором", "Викторе"}},
    {{"Юрий", "Юрия", "Юрию", "Юрия", "Юрием", "Юрии"}},
};
const char* const kSurnames[] = {"Петров",  "Соколов", "Васильев", "Карпов",  "Лебедев", "Зайцев",  "Ильин",
                                 "Морозов", "Волков",  "Фомин",    "Никитин", "Орлов",   "Гришин",  "Баранов",
                                 "Киселев", "Тарасов", "Белов",    "Жуков",   "Медведев", "Ершов"};
const char* const kSurnameEnd[kCases] = {"", "а", "у", "а", "ым", "е"};
const Forms kRoles[] = {
    {{"заместитель губернатора", "заместителя губернатора", "заместителю губернатора", "заместителя губернатора",
      "заместителем губернатора", "заместителе губернатора"}},
    {{"министр промышленности", "министра промышленности", "министру промышленности", "министра промышленности",
      "министром промышленности", "министре промышленности"}},
    {{"председатель облисполкома", "председателя облисполкома", "председателю облисполкома",
      "председателя облисполкома", "председателем облисполкома", "председателе облисполкома"}},
    {{"генеральный директор", "генерального директора", "генеральному директору", "генерального директора",
      "генеральным директором", "генеральном директоре"}},
    {{"торговый представитель", "торгового представителя", "торговому представителю", "торгового представителя",
      "торговым представителем", "торговом представителе"}},
};

const char* const kOrgs[] = {
    "ОАО «Гомсельмаш»",       "холдинг «БЕЛАВТОМАЗ»",       "ПАО «КАМАЗ»",
    "ОАО «БелАЗ»",            "ОАО «Белшина»",              "компания «Амкодор»",
    "ЗАО «Атлант»",           "ОАО «Гродно Азот»",          "ОАО «Савушкин продукт»",
    "ОАО «Могилевлифтмаш»",   "ОАО «Минский тракторный завод»", "ООО «Торговый дом Северный»",
    "АО «Росатом»",           "ОАО «Беларуськалий»",        "ОАО «Белорусская железная дорога»",
    "ООО «Агрокомплекс Заречье»", "ОАО «Витебскдрев»",      "СООО «Коника»",
};
const char* const kBodiesGen[] = {"Министерства иностранных дел", "Совета Министров", "облисполкома",
                                  "Минпромторга России",          "Министерства экономики", "правительства региона",
                                  "Белорусской торгово-промышленной палаты", "посольства"};
const char* const kSectorsGen[] = {
    "машиностроения",  "сельского хозяйства", "строительства",          "энергетики",
    "образования",     "здравоохранения",     "туризма",                "логистики",
    "деревообработки", "нефтехимии",          "пищевой промышленности", "лифтостроения",
    "информационных технологий", "фармацевтики", "жилищно-коммунального хозяйства", "легкой промышленности"};
const char* const kSectorsPrep[] = {
    "машиностроении",  "сельском хозяйстве", "строительстве",          "энергетике",
    "образовании",     "здравоохранении",    "туризме",                "логистике",
    "деревообработке", "нефтехимии",         "пищевой промышленности", "лифтостроении",
    "информационных технологиях", "фармацевтике", "жилищно-коммунальном хозяйстве", "легкой промышленности"};
const char* const kGoodsGen[] = {"белорусской сельхозтехники", "лифтового оборудования", "продуктов питания",
                                 "строительных материалов",    "пассажирского транспорта", "коммунальной техники",
                                 "молочной продукции",         "мебели и изделий из древесины", "калийных удобрений",
                                 "грузовых автомобилей",       "медицинских изделий",     "оптического стекла"};
const char* const kAgencies[] = {"Sputnik", "БЕЛТА", "РИА Новости", "ТАСС", "Минская правда", "Интерфакс"};

// ---- numbers and dates ---------------------------------------------------

const char* const kMonthGen[] = {"января", "февраля", "марта",    "апреля",  "мая",    "июня",
                                 "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
const char* const kMonthNom[] = {"январь", "февраль", "март",     "апрель",  "май",    "июнь",
                                 "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь"};
const char* const kMonthAbbr[] = {"янв", "фев", "мар", "апр", "мая", "июн",
                                  "июл", "авг", "сен", "окт", "ноя", "дек"};

// ---- filler: a small phrase grammar --------------------------------------

const char* const kFillerNpAcc[] = {
    "вопросы логистики",          "развитие малого бизнеса",        "подготовку кадров",
    "обмен студентами",           "цифровизацию производства",      "новые маршруты грузоперевозок",
    "работу сервисных центров",   "строительство жилья",            "модернизацию предприятий",
    "гуманитарные связи",         "программу импортозамещения",     "поставки комплектующих",
    "совместные научные разработки", "экологические проекты",       "культурные обмены",
    "развитие въездного туризма", "агротуризм",                      "обновление парка техники",
    "проведение ярмарок",          "взаимные инвестиции",           "лизинговые схемы",
    "сертификацию продукции",     "расчеты в национальных валютах", "транспортные коридоры"};
const char* const kFillerSubj[] = {"Участники совещания", "Представители бизнеса", "Эксперты",
                                   "Руководители предприятий", "Члены делегации", "Отраслевые специалисты",
                                   "Молодые ученые",          "Депутаты"};
const char* const kFillerVerb[] = {"обсудили", "затронули", "рассмотрели", "проанализировали", "обозначили",
                                   "оценили",  "упомянули"};
const char* const kFillerTail[] = {"и наметили план дальнейших действий",
                                   "и условились вернуться к теме осенью",
                                   "а также обменялись контактами",
                                   "с учетом пожеланий местных производителей",
                                   "в неформальной обстановке",
                                   "по итогам выездного семинара",
                                   "на площадке технопарка"};
const char* const kFillerSentences[] = {
    "Погода в выходные будет облачной, местами пройдут кратковременные дожди.",
    "Вечером гостей ждала культурная программа: концерт народного ансамбля и экскурсия по старому городу.",
    "На выставке было представлено более двухсот образцов продукции, от станков до детских игрушек.",
    "Студенты технических вузов смогут пройти практику на предприятиях партнеров.",
    "Организаторы отмечают, что интерес к мероприятию растет с каждым годом.",
    "Подробности программы будут объявлены позднее на официальном сайте.",
    "Во второй половине дня делегация осмотрела логистический центр и новый элеватор.",
    "Отдельная секция была посвящена вопросам экологии и переработки отходов.",
    "Многие участники приехали семьями, чтобы совместить деловую поездку с отдыхом.",
    "Ранее сообщалось, что в областном центре откроется представительство торгового дома.",
    "В школах региона ввели факультатив по истории двух народов.",
    "Городская библиотека подготовила тематическую выставку редких изданий."};

// ---- chrome -------------------------------------------------------------

const char* const kMenus[] = {"Главная | Новости | Экономика | Политика | Общество | Спорт",
                              "Новости  Экономика  В мире  Регионы  Происшествия",
                              "Меню\nПоиск\nВойти",
                              "Лента новостей | Аналитика | Видео | Фото"};
const char* const kChromeLines[] = {"Подписаться",
                                    "Поделиться",
                                    "Читайте также:",
                                    "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter",
                                    "Все новости раздела",
                                    "Реклама",
                                    "Самые важные новости — в нашем Telegram-канале",
                                    "Комментарии (0)",
                                    "Теги: экономика, сотрудничество, регионы",
                                    "Следите за нами в социальных сетях"};

// ---- the template expander ------------------------------------------------

class DocBuilder {
 public:
  DocBuilder(uint64_t seed, uint64_t n) : rng_(seed ^ (n * 0xD1B54A32D192ED03ull) ^ 0x5851F42D4C957F2Dull) {
    year_ = static_cast<int>(rng_.Between(2016, 2025));
    month_ = rng_.Below(12);
    day_ = rng_.Between(1, 28);
    const unsigned kinds = rng_.Below(10);
    if (kinds < 6) {
      partner_kind_ = 0;
      partner_ = rng_.Below(static_cast<unsigned>(std::size(kOblastStems)));
    } else if (kinds < 7) {
      partner_kind_ = 1;
      partner_ = rng_.Below(static_cast<unsigned>(std::size(kKraiStems)));
    } else {
      partner_kind_ = 2;
      partner_ = rng_.Below(static_cast<unsigned>(std::size(kNounParties)));
    }
    by_region_ = rng_.Below(static_cast<unsigned>(std::size(kByStems)));
    city_ = rng_.Below(static_cast<unsigned>(std::size(kCities)));
    person_ = rng_.Below(static_cast<unsigned>(std::size(kPeople)));
  }

  std::string Build();

 private:
  void Expand(std::string_view tpl, std::string& out);
  void Slot(std::string_view key, std::string& out);
  void Partner(Case c, std::string& out) const;
  void Money(std::string& out);
  void Percent(std::string& out);
  void InventedPerson(Case c, std::string& out);
  void Sentence(std::string& out);
  void Filler(std::string& out);

  Rng rng_;
  int year_;
  unsigned month_, day_;
  unsigned partner_kind_ = 0, partner_ = 0, by_region_ = 0, city_ = 0, person_ = 0;
};

void AppendNumber(std::string& out, unsigned v) { out.append(std::to_string(v)); }

void DocBuilder::Partner(Case c, std::string& out) const {
  if (partner_kind_ == 0) {
    out.append(kOblastStems[partner_]).append(kOblastEnd[c]);
  } else if (partner_kind_ == 1) {
    out.append(kKraiStems[partner_]).append(kKraiEnd[c]);
  } else {
    out.append(kNounParties[partner_].f[c]);
  }
}

void DocBuilder::Money(std::string& out) {
  const unsigned a = rng_.Between(1, 999), b = rng_.Between(1, 9);
  switch (rng_.Below(9)) {
    case 0: AppendNumber(out, a); out.append(" млн долларов"); break;
    case 1: AppendNumber(out, 1 + a % 9); out.append(",").append(std::to_string(b)).append(" млрд долларов"); break;
    case 2: out.append("$"); AppendNumber(out, 1 + a % 5); out.append(",").append(std::to_string(b)).append(" млрд"); break;
    case 3: AppendNumber(out, a); out.append(" млн. долл. США"); break;
    case 4: AppendNumber(out, 10 + a % 90); out.append(",").append(std::to_string(b)).append(" млрд российских рублей"); break;
    case 5: AppendNumber(out, a); out.append(" миллионов долларов"); break;
    case 6: out.append("почти "); AppendNumber(out, a); out.append(" млн евро"); break;
    case 7: out.append(rng_.Chance(50) ? "полмиллиарда долларов" : "более миллиарда долларов"); break;
    default: AppendNumber(out, 1 + a % 3); out.append(" "); AppendNumber(out, 100 + a % 900);
             out.append(" млн долларов"); break;
  }
}

void DocBuilder::Percent(std::string& out) {
  const unsigned p = rng_.Between(1, 60), q = rng_.Below(10);
  switch (rng_.Below(5)) {
    case 0: AppendNumber(out, p); out.append("%"); break;
    case 1: AppendNumber(out, p); out.append(",").append(std::to_string(q)).append("%"); break;
    case 2: AppendNumber(out, p); out.append(" процента"); break;
    case 3: AppendNumber(out, p); out.append(",").append(std::to_string(q)).append(" %"); break;
    default: out.append(rng_.Chance(50) ? "четверть" : "треть"); break;
  }
}

void DocBuilder::InventedPerson(Case c, std::string& out) {
  out.append(rng_.Pick(kFirstNames).f[c]).append(" ").append(rng_.Pick(kSurnames)).append(kSurnameEnd[c]);
}

void DocBuilder::Slot(std::string_view key, std::string& out) {
  static constexpr std::string_view kCaseNames[kCases] = {"nom", "gen", "dat", "acc", "ins", "prep"};
  Case c = kNom;
  std::string_view base = key;
  if (const size_t us = key.rfind('_'); us != std::string_view::npos) {
    for (unsigned k = 0; k < kCases; ++k) {
      if (key.substr(us + 1) == kCaseNames[k]) {
        c = static_cast<Case>(k);
        base = key.substr(0, us);
      }
    }
  }
  if (base == "P") {
    Partner(c, out);
  } else if (base == "B") {
    out.append(rng_.Chance(80) ? kBelarus[0].f[c] : rng_.Pick(kBelarus).f[c]);
  } else if (base == "BREG") {
    out.append(kByStems[by_region_]).append(kOblastEnd[c]);
  } else if (base == "BADJ") {  // «Гомельского» (облисполкома)
    out.append(kByStems[by_region_]).append(c == kGen ? "ого" : "ий");
  } else if (base == "CITY") {
    out.append(kCities[city_].forms.f[c]);
  } else if (base == "PER") {
    out.append(kPeople[person_].name.f[c]);
  } else if (base == "ROLE") {
    out.append(kPeople[person_].role.f[c]);
  } else if (base == "PER2") {
    InventedPerson(c, out);
  } else if (base == "ROLE2") {
    out.append(rng_.Pick(kRoles).f[c]);
  } else if (base == "M") {
    Money(out);
  } else if (base == "PCT") {
    Percent(out);
  } else if (base == "Y") {
    AppendNumber(out, static_cast<unsigned>(year_));
  } else if (base == "Y1") {
    AppendNumber(out, static_cast<unsigned>(year_ - 1));
  } else if (base == "YN") {
    AppendNumber(out, static_cast<unsigned>(year_ + static_cast<int>(rng_.Between(1, 6))));
  } else if (base == "D") {
    AppendNumber(out, rng_.Between(1, 28));
    out.append(" ").append(kMonthGen[rng_.Below(12)]).append(" ");
    AppendNumber(out, static_cast<unsigned>(year_));
    out.append(" года");
  } else if (base == "MONTH") {
    out.append(kMonthNom[1 + rng_.Below(11)]);
  } else if (base == "N") {
    AppendNumber(out, rng_.Between(2, 480));
  } else if (base == "RATE") {
    out.append(std::to_string(rng_.Between(85, 140))).append(",").append(std::to_string(rng_.Below(10)));
  } else if (base == "K") {
    out.append(rng_.Chance(50) ? "1,5" : std::to_string(rng_.Between(2, 4)));
  } else if (base == "ORG") {
    out.append(rng_.Pick(kOrgs));
  } else if (base == "BODY") {
    out.append(rng_.Pick(kBodiesGen));
  } else if (base == "SEC") {
    out.append(c == kPrep ? rng_.Pick(kSectorsPrep) : rng_.Pick(kSectorsGen));
  } else if (base == "GOODS") {
    out.append(rng_.Pick(kGoodsGen));
  } else if (base == "PERIOD") {
    switch (rng_.Below(5)) {
      case 0: out.append("в ").append(std::to_string(year_)).append(" году"); break;
      case 1: out.append("по итогам ").append(std::to_string(year_)).append(" года"); break;
      case 2: out.append("за январь — ").append(kMonthNom[1 + rng_.Below(11)]).append(" ").append(std::to_string(year_));
              out.append(" года"); break;
      case 3: out.append("в первом полугодии ").append(std::to_string(year_)).append(" года"); break;
      default: out.append("в прошлом году"); break;
    }
  } else {
    out.append(key);  // a typo in a template shows up in the output
  }
}

void DocBuilder::Expand(std::string_view tpl, std::string& out) {
  size_t i = 0;
  while (i < tpl.size()) {
    const size_t open = tpl.find('{', i);
    if (open == std::string_view::npos) {
      out.append(tpl.substr(i));
      return;
    }
    out.append(tpl.substr(i, open - i));
    const size_t close = tpl.find('}', open);
    Slot(tpl.substr(open + 1, close - open - 1), out);
    i = close + 1;
  }
}

// Body sentences, written for this generator.
const char* const kTemplates[] = {
    "Товарооборот между {B_ins} и {P_ins} {PERIOD} составил {M}, что на {PCT} больше, чем годом ранее.",
    "По данным статистики, объем взаимной торговли {B_gen} и {P_gen} {PERIOD} вырос на {PCT} и достиг {M}.",
    "{PER} напомнил, что {P_nom} входит в число ведущих торговых партнеров {B_gen}.",
    "В ходе встречи {PER} и {ROLE2} {PER2} обсудили перспективы кооперации в {SEC_prep}.",
    "Стороны подписали соглашение о сотрудничестве в области {SEC_gen} и дорожную карту на {Y}–{YN} годы.",
    "{D} в {CITY_prep} состоялось заседание совместной рабочей группы по торгово-экономическому сотрудничеству.",
    "Экспорт белорусских товаров в {P_acc} за {Y} год увеличился на {PCT}, импорт сократился на {PCT}.",
    "Основу поставок составляют грузовые автомобили, тракторы, молочная продукция, мебель и шины.",
    "{ORG} планирует открыть в {P_prep} сборочное производство и сервисный центр.",
    "По словам {PER_gen}, в регионе работают более {N} предприятий с белорусским капиталом.",
    "Сальдо торговли сложилось положительным для белорусской стороны и составило {M}.",
    "В {Y1} году объем товарооборота превышал {M}, однако затем снизился на {PCT}.",
    "Делегация {P_gen} во главе с {ROLE2_ins} {PER2_ins} прибыла в {CITY_acc} с рабочим визитом.",
    "{PER} пригласил деловые круги {P_gen} принять участие в Форуме регионов Беларуси и России.",
    "Особое внимание уделено реализации совместных проектов в {SEC_prep} и {SEC_prep}.",
    "За январь — {MONTH} {Y} года взаимная торговля достигла {M}, темп роста составил {RATE}%.",
    "Доля {P_gen} во внешнеторговом обороте {B_gen} превышает {PCT}.",
    "В {P_prep} уже продано свыше {N} единиц белорусской техники, в том числе {N} автобусов.",
    "Заключено {N} контрактов на общую сумму {M}.",
    "{ROLE2} {PER2} отметил, что регион заинтересован в поставках {GOODS_gen}.",
    "К {YN} году стороны рассчитывают выйти на уровень {M} в год.",
    "Как сообщила пресс-служба {BODY}, соглашение рассчитано на пять лет.",
    "Напомним, что в {Y1} году {P_nom} и {BREG_nom} подписали договор о побратимстве.",
    "Товарооборот {BREG_gen} с {P_ins} в {Y1} году вырос в {K} раза.",
    "Мероприятие пройдет {D} в {CITY_prep}.",
    "Ранее {PER} посетил {ORG} и ознакомился с производством.",
    "Взаимный товарооборот по итогам {Y} года может превысить {M}.",
    "Участники встречи договорились проработать вопрос локализации производства {GOODS_gen} на территории {P_gen}.",
    "Объем инвестиций в совместные проекты оценивается в {M}.",
    "В планах – создание товаропроводящей сети и расширение поставок {GOODS_gen}.",
    "Цены на продукцию выросли на {PCT}, а физический объем поставок снизился на {PCT}.",
    "Председатель {BADJ_gen} облисполкома {PER2} провел переговоры с делегацией {P_gen}.",
    "В {Y} году намечено провести {N} выставок и ярмарок белорусских товаров в {P_prep}.",
    "На прошлой неделе {P_acc} посетила делегация Министерства промышленности {B_gen}.",
    "{ROLE_nom} {PER} и {ROLE2} {PER2} провели переговоры в {CITY_prep}.",
    "В {Y} году предприятия {BREG_gen} поставили в {P_acc} {N} тыс. тонн молочной продукции.",
    "Встреча {PER_gen} с {ROLE2_ins} {PER2_ins} запланирована на {D}.",
    "Белорусская сторона предложила увеличить поставки {GOODS_gen} на {PCT} уже в {YN} году.",
};
// Quotations: the quote then an attribution, or the attribution inside.
const char* const kQuotes[] = {
    "Мы ставим перед собой задачу довести товарооборот до {M} к {YN} году",
    "Потенциал нашего взаимодействия далеко не исчерпан, и мы готовы наращивать поставки",
    "В прошлом году мы вышли на {M}, но это не предел",
    "Нам есть чему поучиться друг у друга, особенно в {SEC_prep}",
    "Рассчитываем, что уже в {YN} году товарооборот превысит {M}",
    "Белорусская техника хорошо зарекомендовала себя на наших полях и дорогах",
};
const char* const kSpeechVerbs[] = {"сказал", "заявил", "подчеркнул", "отметил", "сообщил"};
const char* const kTitles[] = {
    "{B_nom} и {P_nom} намерены довести товарооборот до {M}",
    "{PER} провел переговоры с делегацией {P_gen}",
    "Товарооборот с {P_ins} вырос на {PCT}",
    "{P_nom} и {BREG_nom} расширяют сотрудничество в {SEC_prep}",
    "В {CITY_prep} обсудили поставки {GOODS_gen} в {P_acc}",
};

// Upper-cases a Cyrillic lower-case letter at out[at] («заместитель» at the
// start of a sentence).
void CapitalizeAt(std::string& out, size_t at) {
  if (at + 1 >= out.size()) return;
  auto b0 = static_cast<unsigned char>(out[at]), b1 = static_cast<unsigned char>(out[at + 1]);
  if (b0 == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) {  // а..п -> А..П
    out[at + 1] = static_cast<char>(b1 - 0x20);
  } else if (b0 == 0xD1 && b1 >= 0x80 && b1 <= 0x8F) {  // р..я -> Р..Я
    out[at] = static_cast<char>(0xD0);
    out[at + 1] = static_cast<char>(b1 + 0x20);
  }
}

void DocBuilder::Sentence(std::string& out) {
  const size_t at = out.size();
  Expand(rng_.Pick(kTemplates), out);
  CapitalizeAt(out, at);
}

void DocBuilder::Filler(std::string& out) {
  if (rng_.Chance(40)) {
    out.append(rng_.Pick(kFillerSentences));
    return;
  }
  out.append(rng_.Pick(kFillerSubj)).append(" ").append(rng_.Pick(kFillerVerb)).append(" ");
  out.append(rng_.Pick(kFillerNpAcc)).append(", ").append(rng_.Pick(kFillerNpAcc)).append(" и ");
  out.append(rng_.Pick(kFillerNpAcc)).append(" ").append(rng_.Pick(kFillerTail)).append(".");
}

std::string DocBuilder::Build() {
  std::string d;
  d.reserve(6000);
  d.append(rng_.Pick(kMenus)).append("\n\n");
  Expand(rng_.Pick(kTitles), d);
  CapitalizeAt(d, d.find("\n\n") + 2);
  d.append("\n\n");
  if (rng_.Chance(50)) {
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%02u.%02u.%04d, %02u:%02u\n\n", day_, month_ + 1, year_, rng_.Below(24),
                  rng_.Below(60));
    d.append(stamp);
  }
  if (rng_.Chance(30)) d.append(rng_.Pick(kChromeLines)).append("\n\n");
  // lead with a dateline
  d.append(kCities[city_].caps).append(", ");
  AppendNumber(d, day_);
  d.append(" ").append(rng_.Chance(50) ? kMonthAbbr[month_] : kMonthGen[month_]).append(" — ");
  d.append(rng_.Pick(kAgencies)).append(". ");
  Sentence(d);
  d.append(" ");
  Sentence(d);
  d.append("\n\n");
  const unsigned paragraphs = rng_.Between(5, 12);
  for (unsigned p = 0; p < paragraphs; ++p) {
    const unsigned kind = rng_.Below(10);
    if (kind < 2) {  // quotation
      std::string quote;
      Expand(rng_.Pick(kQuotes), quote);
      if (rng_.Chance(50)) {
        d.append("«").append(quote).append("», — ").append(rng_.Pick(kSpeechVerbs)).append(" ");
        Expand("{PER}.", d);
      } else {
        d.append("«").append(quote).append(". ");
        Sentence(d);
        d.append("»\n\n").append(rng_.Pick(kSpeechVerbs)).append(" ");
        Expand("{PER}.", d);
      }
    } else if (kind < 5) {  // with this much filler the facts per KB are near real articles'
      const unsigned sentences = rng_.Between(3, 5);
      for (unsigned s = 0; s < sentences; ++s) {
        if (s) d.append(" ");
        Filler(d);
      }
    } else {
      const unsigned sentences = rng_.Between(1, 3);
      for (unsigned s = 0; s < sentences; ++s) {
        if (s) d.append(" ");
        Sentence(d);
      }
    }
    d.append("\n\n");
    if (rng_.Chance(8)) d.append("Фото: пресс-служба ").append(rng_.Pick(kBodiesGen)).append("\n\n");
  }
  d.append(rng_.Pick(kChromeLines)).append("\n");
  const unsigned related = rng_.Between(2, 5);
  for (unsigned r = 0; r < related; ++r) {
    const size_t at = d.size();
    Expand(rng_.Pick(kTitles), d);
    CapitalizeAt(d, at);
    d.append("\n");
    AppendNumber(d, rng_.Between(1, 28));
    d.append(" ").append(kMonthGen[rng_.Below(12)]).append(", ");
    char hm[16];
    std::snprintf(hm, sizeof hm, "%02u:%02u\n", rng_.Below(24), rng_.Below(60));
    d.append(hm);
  }
  d.append("© ").append(std::to_string(year_)).append(" ").append(rng_.Pick(kAgencies)).append(". Все права защищены.\n");
  return d;
}

void AppendEscaped(std::string_view s, std::string& out) {
  for (char c : s) {
    if (c == '<') {
      out.append("&lt;");
    } else if (c == '>') {
      out.append("&gt;");
    } else if (c == '&') {
      out.append("&amp;");
    } else {
      out.push_back(c);
    }
  }
}

// Wraps a text document in a news page: the first paragraph (the menu) in
// <nav>, the title in <h1>, paragraphs in <p>, the last paragraph in <footer>.
std::string ToHtml(const std::string& text) {
  std::vector<std::string_view> paras;
  std::string_view rest(text);
  while (!rest.empty()) {
    const size_t cut = rest.find("\n\n");
    paras.push_back(rest.substr(0, cut));
    if (cut == std::string_view::npos) break;
    rest.remove_prefix(cut + 2);
  }
  std::string h = "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>";
  if (paras.size() > 1) AppendEscaped(paras[1], h);
  h.append("</title><link rel=\"stylesheet\" href=\"/s.css\"></head>\n<body><header><nav>");
  if (!paras.empty()) AppendEscaped(paras[0], h);
  h.append("</nav></header>\n<main><article>");
  for (size_t i = 1; i + 1 < paras.size(); ++i) {
    h.append(i == 1 ? "<h1>" : "<p>");
    AppendEscaped(paras[i], h);
    h.append(i == 1 ? "</h1>\n" : "</p>\n");
  }
  h.append("</article></main>\n<footer>");
  if (paras.size() > 1) AppendEscaped(paras.back(), h);
  h.append("</footer><script>window.dataLayer=[];</script></body></html>\n");
  return h;
}

// Site furniture for MakeNewsPage: what a news site's template puts around
// an article (markup only; the Russian words of the menu come from kMenus).
const char* const kSiteSections[] = {"politics", "economy", "regions", "society", "world", "sport", "culture",
                                     "video",    "photo",   "opinion", "science", "auto",  "tourism"};
const char* const kScripts[] = {
    "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());"
    "gtag('config','G-XXXXXXX',{anonymize_ip:true,page_type:'article'});",
    "(function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};m[i].l=1*new Date();"
    "k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})"
    "(window,document,'script','/metrika/tag.js','ym');ym(12345678,'init',{clickmap:true,trackLinks:true});",
    "var adsSlots=[{id:'top-banner',sizes:[[728,90],[970,250]]},{id:'side-1',sizes:[[300,600],[240,400]]},"
    "{id:'in-article',sizes:[[640,360]]}];adsSlots.forEach(function(s){window.__ads&&window.__ads.define(s);});",
    "document.querySelectorAll('.share a').forEach(function(a){a.addEventListener('click',function(e){"
    "e.preventDefault();window.open(a.href,'share','width=600,height=400');});});"};

// A full page of a news site around document n's text: head with metadata,
// JSON-LD, styles and scripts; header and menus; breadcrumbs; the article
// in nested divs; share buttons, related and most-read lists, comments
// stub, footer. Text is about a tenth of the bytes, as on real sites.
std::string NewsPage(uint64_t seed, uint64_t n, const std::string& text) {
  Rng rng(seed ^ (n * 0x2545F4914F6CDD1Dull));
  std::vector<std::string_view> paras;
  std::string_view rest(text);
  while (!rest.empty()) {
    const size_t cut = rest.find("\n\n");
    paras.push_back(rest.substr(0, cut));
    if (cut == std::string_view::npos) break;
    rest.remove_prefix(cut + 2);
  }
  const std::string id = std::to_string(n);
  std::string title;
  if (paras.size() > 1) AppendEscaped(paras[1], title);
  const char* section = rng.Pick(kSiteSections);
  std::string h;
  h.reserve(text.size() * 9);
  h.append("<!DOCTYPE html>\n<html lang=\"ru\" class=\"no-js\">\n<head>\n<meta charset=\"utf-8\">\n");
  h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").append(title);
  h.append(" | news-site</title>\n<meta name=\"description\" content=\"").append(title).append("\">\n");
  h.append("<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"");
  h.append(title).append("\">\n<meta property=\"og:url\" content=\"https://news.example/").append(section);
  h.append("/").append(id).append(".html\">\n<meta property=\"og:image\" content=\"https://news.example/img/");
  h.append(id).append("_1200x630.jpg\">\n<link rel=\"canonical\" href=\"https://news.example/").append(section);
  h.append("/").append(id).append(".html\">\n");
  for (const char* css : {"reset", "grid", "header", "article", "footer", "ads"}) {
    h.append("<link rel=\"stylesheet\" href=\"/static/css/").append(css).append(".min.css?v=20240610\">\n");
  }
  h.append("<style>");
  for (int i = 0; i < 160; ++i) {
    h.append(".b-").append(std::to_string(i)).append("{margin:0 auto;padding:").append(std::to_string(i % 9));
    h.append("px 12px;font:400 15px/1.4 'PT Sans',Arial,sans-serif;color:#1a1a1a}");
  }
  h.append("</style>\n<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":");
  h.append("\"NewsArticle\",\"headline\":\"").append(title).append("\",\"image\":[\"https://news.example/img/");
  h.append(id).append(".jpg\"],\"publisher\":{\"@type\":\"Organization\",\"name\":\"news-site\"}}</script>\n");
  for (const char* js : kScripts) h.append("<script>").append(js).append("</script>\n");
  // The state a client-side framework hydrates from: the feed of other articles.
  h.append("<script>window.__STATE__={\"feed\":[");
  for (int i = 0; i < 80; ++i) {
    const std::string other = std::to_string(n + 1 + static_cast<uint64_t>(rng.Below(5000)));
    if (i) h.push_back(',');
    h.append("{\"id\":").append(other).append(",\"url\":\"/").append(rng.Pick(kSiteSections)).append("/");
    h.append(other).append(".html\",\"img\":\"https://cdn.news.example/img/").append(other);
    h.append("_640x360.webp\",\"views\":").append(std::to_string(rng.Below(100000)));
    h.append(",\"tags\":[\"").append(rng.Pick(kSiteSections)).append("\",\"").append(rng.Pick(kSiteSections));
    h.append("\"],\"ts\":").append(std::to_string(1700000000 + rng.Below(30000000))).append("}");
  }
  h.append("]};</script>\n");
  h.append("</head>\n<body class=\"page-article section-").append(section).append("\">\n");
  h.append("<div class=\"layout\"><header class=\"header\"><div class=\"header__top\"><a class=\"logo\" ");
  h.append("href=\"/\"><img src=\"/static/logo.svg\" alt=\"news-site\" width=\"180\" height=\"40\"></a>");
  h.append("<form class=\"search\" action=\"/search\"><input type=\"search\" name=\"q\"></form></div>\n");
  h.append("<nav class=\"menu\"><ul>");
  for (int i = 0; i < 24; ++i) {
    const char* sec = kSiteSections[(n + static_cast<uint64_t>(i)) % std::size(kSiteSections)];
    h.append("<li class=\"menu__item\"><a class=\"menu__link\" href=\"/").append(sec).append("/\">");
    if (!paras.empty() && i == 0) {
      AppendEscaped(paras[0], h);
    } else {
      h.append(sec);
    }
    h.append("</a></li>");
  }
  h.append("</ul></nav></header>\n<div class=\"banner\" id=\"top-banner\"></div>\n<main class=\"main\">");
  h.append("<div class=\"breadcrumbs\"><a href=\"/\">news-site</a> / <a href=\"/").append(section).append("/\">");
  h.append(section).append("</a></div>\n<article class=\"article\" itemscope ");
  h.append("itemtype=\"https://schema.org/NewsArticle\"><div class=\"article__head\"><h1 class=\"article__title\"");
  h.append(" itemprop=\"headline\">").append(title).append("</h1><div class=\"article__meta\"><span ");
  h.append("class=\"article__views\">").append(std::to_string(rng.Between(100, 90000))).append("</span></div>");
  h.append("</div>\n<div class=\"article__body\" itemprop=\"articleBody\">\n");
  std::string_view related_heading;
  for (size_t i = 2; i + 1 < paras.size(); ++i) {
    // Site chrome in the text ("read also:", "all news of the section") goes
    // to the related list's heading, as a site's template would place it.
    const char last = paras[i].empty() ? '.' : paras[i].back();
    if (paras[i].size() < 80 && last != '.' && last != '!' && last != '?' && last != '\xBB') {
      related_heading = paras[i];
      continue;
    }
    h.append("<p>");
    AppendEscaped(paras[i], h);
    h.append("</p>\n");
    if (i == 4) {
      h.append("<div class=\"article__inline-ad\" id=\"in-article\"><script>window.__ads&&");
      h.append("window.__ads.show('in-article');</script></div>\n");
    }
  }
  h.append("</div>\n<div class=\"share\">");
  for (const char* net : {"vk", "ok", "telegram", "viber", "whatsapp", "x"}) {
    h.append("<a class=\"share__").append(net).append("\" href=\"https://share.example/").append(net);
    h.append("?url=https%3A%2F%2Fnews.example%2F").append(id).append("\" rel=\"nofollow\"><svg width=\"24\" ");
    h.append("height=\"24\" viewBox=\"0 0 24 24\"><path d=\"M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 ");
    h.append("10-10S17.52 2 12 2z\"/></svg></a>");
  }
  h.append("</div></article>\n<section class=\"related\"><h2>");
  AppendEscaped(related_heading, h);
  h.append("</h2><ul>");
  for (int i = 0; i < 8; ++i) {
    const uint64_t other = n + 1 + static_cast<uint64_t>(rng.Below(500));
    h.append("<li class=\"related__item\"><a href=\"/").append(section).append("/");
    h.append(std::to_string(other)).append(".html\"><img loading=\"lazy\" src=\"/img/");
    h.append(std::to_string(other)).append("_320x180.jpg\" alt=\"\"><span>").append(section);
    h.append(" ").append(std::to_string(other)).append("</span></a></li>");
  }
  h.append("</ul></section>\n<div id=\"comments\" data-widget=\"comments\" data-id=\"").append(id);
  h.append("\"></div></main>\n<aside class=\"sidebar\"><div class=\"banner\" id=\"side-1\"></div><ol ");
  h.append("class=\"most-read\">");
  for (int i = 0; i < 10; ++i) {
    h.append("<li><a href=\"/").append(rng.Pick(kSiteSections)).append("/");
    h.append(std::to_string(rng.Between(1, 99999))).append(".html\">#").append(std::to_string(i + 1));
    h.append("</a></li>");
  }
  h.append("</ol></aside>\n<footer class=\"footer\"><div class=\"footer__links\">");
  for (const char* sec : kSiteSections) h.append("<a href=\"/").append(sec).append("/\">").append(sec).append("</a>");
  h.append("</div><p class=\"footer__copy\">");
  if (paras.size() > 1) AppendEscaped(paras.back(), h);
  h.append("</p></footer></div>\n<script src=\"/static/js/vendor.min.js?v=20240610\" defer></script>\n");
  h.append("<script src=\"/static/js/app.min.js?v=20240610\" defer></script>\n</body>\n</html>\n");
  return h;
}

}  // namespace

std::string MakeDocumentText(uint64_t seed, uint64_t n) { return DocBuilder(seed, n).Build(); }

std::string MakeNewsPage(uint64_t seed, uint64_t n) { return NewsPage(seed, n, MakeDocumentText(seed, n)); }

bool CorpusGenerator::Next(RawInput* raw) {
  if (static_cast<double>(bytes_) >= options_.megabytes * 1e6) return false;
  const uint64_t n = next_++;
  *raw = RawInput{};
  raw->id = "doc" + std::to_string(n);
  raw->source = raw->id + ".txt";
  raw->bytes = MakeDocumentText(options_.seed, n);
  if (options_.pages) {
    raw->bytes = NewsPage(options_.seed, n, raw->bytes);
    raw->source = raw->id + ".html";
    raw->format = InputFormat::kHtml;
  } else if (options_.html_every && n % options_.html_every == options_.html_every - 1) {
    raw->bytes = ToHtml(raw->bytes);
    raw->source = raw->id + ".html";
    raw->format = InputFormat::kHtml;
  } else if (options_.cp1251_every && n % options_.cp1251_every == options_.cp1251_every / 2) {
    auto cp = text::ConvertFromUtf8(raw->bytes, "windows-1251");
    if (cp.ok()) raw->bytes = std::move(*cp);
  }
  bytes_ += raw->bytes.size();
  return true;
}

std::vector<RawInput> MakeCorpus(const CorpusOptions& options, size_t* total_bytes) {
  std::vector<RawInput> out;
  CorpusGenerator gen(options);
  RawInput raw;
  while (gen.Next(&raw)) out.push_back(std::move(raw));
  if (total_bytes) *total_bytes = gen.bytes();
  return out;
}

double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

}  // namespace oborot::bench
