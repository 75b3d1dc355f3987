#include "src/lang/sectors.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace oborot::lang {
namespace {

const SectorTagger& Tagger() {
  static const std::shared_ptr<const SectorTagger> tagger = [] {
    auto t = SectorTagger::Load();
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : nullptr;
  }();
  return *tagger;
}

struct Case {
  const char* text;
  const char* span;    // the phrase as written
  const char* sector;  // expected id
};

const Case kCases[] = {
    {"Стороны договорились развивать сотрудничество в сельском хозяйстве.", "сельском хозяйстве", "agriculture"},
    {"Готовы помогать и по свиноводству, и по птицеводству.", "свиноводству", "agriculture"},
    {"Отдельно обсуждали племенное дело и обмен опытом.", "племенное дело", "agriculture"},
    {"Учёные продолжат селекционные работы.", "селекционные", "agriculture"},
    {"Доля АПК в товарообороте выросла.", "АПК", "agriculture"},
    {"В агропромышленном комплексе заняты тысячи людей.", "агропромышленном комплексе", "agriculture"},
    {"Поставки молочной продукции увеличились.", "молочной продукции", "agriculture"},
    {"Урожай зерновых культур оказался рекордным.", "зерновых культур", "agriculture"},
    {"Сфера строительства традиционно лидирует.", "строительства", "construction"},
    {"Белорусские строители возводят жилые кварталы.", "строители", "construction"},
    {"Выпуск строительных материалов растёт.", "строительных материалов", "construction"},
    {"Машиностроение остаётся основой кооперации.", "Машиностроение", "machine_building"},
    {"Спрос на сельхозтехнику вырос вдвое.", "сельхозтехнику", "machine_building"},
    {"Обсудили производство сельскохозяйственной техники.", "сельскохозяйственной техники", "machine_building"},
    {"Калуга делает ставку на автомобилестроение.", "автомобилестроение", "automotive"},
    {"Заводы региона выпускают автокомпоненты.", "автокомпоненты", "automotive"},
    {"Мы покупаем у вас двигатели для грузовиков.", "двигатели", "automotive"},
    {"Развивается транспортно-логистический центр.", "транспортно-логистический", "transport_logistics"},
    {"В логистике наметился прорыв.", "логистике", "transport_logistics"},
    {"Объём грузоперевозок по железной дороге растёт.", "грузоперевозок", "transport_logistics"},
    {"Большое внимание уделено энергетике.", "энергетике", "energy"},
    {"Атомная энергетика даёт стабильность.", "Атомная энергетика", "energy"},
    {"Цены на газ и нефть обсуждались отдельно.", "газ", "energy"},
    {"Модернизация ЖКХ требует новой техники.", "ЖКХ", "housing_utilities"},
    {"Коммунальное хозяйство города получило технику.", "Коммунальное хозяйство", "housing_utilities"},
    {"Мощности по переработке отходов вырастут.", "переработке отходов", "housing_utilities"},
    {"Речь шла о микроэлектронике и приборах.", "микроэлектронике", "microelectronics"},
    {"Производство микросхем налажено в Минске.", "микросхем", "microelectronics"},
    {"Химическая промышленность нарастила экспорт.", "Химическая промышленность", "chemistry"},
    {"Поставки калийных удобрений продолжаются.", "калийных удобрений", "chemistry"},
    {"Лесопромышленный комплекс региона растёт.", "Лесопромышленный комплекс", "timber"},
    {"Инвестиции в деревообработку окупаются.", "деревообработку", "timber"},
    {"Белорусская мебель популярна в Сибири.", "мебель", "timber"},
    {"Предприятия лёгкой промышленности ищут рынки.", "лёгкой промышленности", "light_industry"},
    {"Текстильные фабрики загружены заказами.", "Текстильные", "light_industry"},
    {"Университеты договорились о сотрудничестве в сфере образования.", "сфере образования", "education_science"},
    {"Научно-техническое сотрудничество расширится.", "Научно-техническое сотрудничество", "education_science"},
    {"Здравоохранение и фармацевтика стали новыми точками роста.", "Здравоохранение", "healthcare"},
    {"Речь идёт о фармацевтике.", "фармацевтике", "healthcare"},
    {"Развивается гуманитарная сфера.", "гуманитарная сфера", "humanitarian_tourism"},
    {"Поток туристов в Гродно вырос.", "туристов", "humanitarian_tourism"},
    {"Обменялись делегациями в области культуры.", "культуры", "humanitarian_tourism"},
    {"Активно развивается IT-сфера.", "IT-сфера", "it"},
    {"Цифровизация затронула все отрасли.", "Цифровизация", "it"},
    {"Промышленная кооперация — главный приоритет.", "Промышленная кооперация", "industry"},
    {"Импортозамещение отвечает интересам двух стран.", "Импортозамещение", "industry"},
    {"В промышленности работают сотни совместных предприятий.", "промышленности", "industry"},
    {"Открыта товаропроводящая сеть в регионе.", "товаропроводящая сеть", "trade"},
    {"Через маркетплейсы продают белорусскую косметику.", "маркетплейсы", "trade"},
    {"Расчёты в национальных валютах превысили 90 процентов.", "Расчёты в национальных валютах", "finance"},
    {"Компания предлагает технику в лизинг.", "лизинг", "finance"},
    {"Металлургия остаётся важной статьёй экспорта.", "Металлургия", "metallurgy"},
    {"Поставки металлопроката выросли.", "металлопроката", "metallurgy"},
};

TEST(SectorTagger, Loads) { EXPECT_GT(Tagger().size(), 300u); }

TEST(SectorTagger, Table) {
  for (const auto& c : kCases) {
    const std::string_view text = c.text;
    const auto ms = Tagger().Find(text);
    bool found = false;
    std::string got;
    for (const auto& m : ms) {
      got += '[';
      got += text.substr(m.start, m.end - m.start);
      got += ' ';
      got += m.sector;
      got += "] ";
      if (text.substr(m.start, m.end - m.start) == c.span) {
        found = true;
        EXPECT_EQ(m.sector, c.sector) << c.text;
      }
    }
    EXPECT_TRUE(found) << c.text << "\n  got: " << got;
  }
}

TEST(SectorTagger, LongestFormWins) {
  const std::string text = "Лесная промышленность и пищевая промышленность.";
  const auto ms = Tagger().Find(text);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].sector, "timber");
  EXPECT_EQ(ms[1].sector, "agriculture");
}

TEST(SectorTagger, CropsAreNotCulture) {
  const auto ms = Tagger().Find("Посевы кормовых культур расширили.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].sector, "agriculture");
}

TEST(SectorTagger, CarmakerAbbreviationIsNotGas) {
  for (const auto& m : Tagger().Find("Автобусы ГАЗ и ПАЗ вышли на маршруты.")) EXPECT_NE(m.sector, "energy");
}

TEST(SectorTagger, AbbreviationNeedsCapitals) {
  // «апк» in lower case is not the agro-industrial complex
  EXPECT_TRUE(Tagger().Find("Слово апк написано строчными.").empty());
}

TEST(SectorTagger, NoSectorInPlainText) {
  EXPECT_TRUE(Tagger().Find("Президент встретился с губернатором в понедельник.").empty());
  EXPECT_TRUE(Tagger().Find("").empty());
}

TEST(SectorTagger, OffsetsAreBytesOfTheText) {
  const std::string text = "Главное — энергетика.";
  const auto ms = Tagger().Find(text);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(text.substr(ms[0].start, ms[0].end - ms[0].start), "энергетика");
}

TEST(SectorNames, EveryIdHasNames) {
  auto table = SectorTable();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_GE((*table)->size(), 15u);
  for (const auto& info : **table) {
    EXPECT_FALSE(info.name_ru.empty()) << info.id;
    EXPECT_FALSE(info.name_en.empty()) << info.id;
    EXPECT_TRUE(IsSectorId(info.id));
  }
}

TEST(SectorNames, Lookup) {
  EXPECT_EQ(SectorNameRu("agriculture"), "Агропромышленный комплекс");
  EXPECT_EQ(SectorNameEn("timber"), "Timber and woodworking");
  EXPECT_EQ(SectorNameRu("no_such_sector"), "");
  EXPECT_EQ(SectorNameEn(""), "");
  EXPECT_FALSE(IsSectorId("no_such_sector"));
}

TEST(SectorNames, EverySectorHasForms) {
  auto table = SectorTable();
  ASSERT_TRUE(table.ok());
  for (const auto& info : **table) {
    // «Торговля» alone is the bilateral trade every article talks about, not the retail sector.
    if (info.id == "trade") continue;
    // its own Russian name, or a phrase close to it, is tagged with the id
    const auto ms = Tagger().Find(info.name_ru);
    ASSERT_FALSE(ms.empty()) << info.id << " " << info.name_ru;
    EXPECT_EQ(ms[0].sector, info.id) << info.name_ru;
  }
}

}  // namespace
}  // namespace oborot::lang
